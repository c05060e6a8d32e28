import Testing
import TrailJSON
@testable import TrailReader

@Suite struct RecordSplitterTests {
    static let chunkSizes = [1, 2, 3, 7, 64, Int.max]

    @Test(arguments: chunkSizes)
    func splitsTheEnvelopeWhateverTheChunking(chunk: Int) {
        let a = record("a"), b = record("b", errorCode: "AccessDenied")
        let outcome = split(#"{"Records":[\#(a),\#(b)]}"#, chunk: chunk)
        #expect(outcome == SplitOutcome(records: [a, b]))
    }

    @Test(arguments: chunkSizes)
    func recordsKeyNeedNotComeFirstAndOtherKeysAreIgnored(chunk: Int) {
        let a = record("a")
        let text = #"{"Meta":{"Records":[1,2]},"Other":[{"eventName":"x"}],"Records":[\#(a)],"Tail":"}]"}"#
        #expect(split(text, chunk: chunk) == SplitOutcome(records: [a]))
    }

    @Test(arguments: chunkSizes)
    func stringsWithBracesQuotesAndEscapesDoNotConfuseTheSplitter(chunk: Int) {
        let tricky = record("a", extra: #","requestParameters":{"k":"}]}{[\"\\","n":[{"a":"\\\""},[]],"u":"é😀\u00e9"}"#)
        let b = record("b")
        let outcome = split(#"{"Records":[\#(tricky),\#(b)]}"#, chunk: chunk)
        #expect(outcome == SplitOutcome(records: [tricky, b]))
        #expect((try? JSONParser.parse(outcome.records[0])) != nil)
    }

    @Test(arguments: chunkSizes)
    func prettyPrintedInputWithWhitespaceEverywhere(chunk: Int) {
        let text = """
            {
              "Records" : [
                {
                  "eventID" : "a",
                  "eventName" : "GetObject",
                  "nested" : { "x" : [ 1 , 2.5e3 , true , false , null ] }
                } ,
                { "eventID" : "b" , "eventName" : "PutObject" }
              ]
            }
            """
        let outcome = split(text, chunk: chunk)
        #expect(outcome.records.count == 2)
        #expect(outcome.unreadable.isEmpty && outcome.problems.isEmpty)
        #expect(outcome.records[1] == #"{ "eventID" : "b" , "eventName" : "PutObject" }"#)
    }

    @Test(arguments: chunkSizes)
    func bareArrayAndJSONLinesAndConcatenatedDocuments(chunk: Int) {
        let a = record("a"), b = record("b"), c = record("c")
        #expect(split("[\(a), \(b)]", chunk: chunk).records == [a, b])
        #expect(split("\(a)\n\(b)\n\n\(c)\n", chunk: chunk).records == [a, b, c])
        #expect(split("\(a)\(b) \(c)", chunk: chunk).records == [a, b, c])
        #expect(split(#"{"Records":[\#(a)]}{"Records":[\#(b)]}"#, chunk: chunk).records == [a, b])
    }

    @Test func topLevelFieldsAreFoundButNestedOnesAreNot() throws {
        let text = record("id-1", errorCode: "NoSuchKey",
            extra: #","requestParameters":{"errorCode":"AccessDenied","eventID":"nested"}"#)
        var fields: RecordFields?
        var splitter = RecordSplitter(maxRecordBytes: 1 << 20, chunkSize: 64)
        Array(text.utf8).withUnsafeBytes { splitter.append($0) }
        var recordText = ""
        splitter.scan { event in
            if case .record(let raw) = event {
                fields = raw.fields
                recordText = String(decoding: raw.bytes, as: UTF8.self)
            }
        }
        let found = try #require(fields)
        Array(recordText.utf8).withUnsafeBytes { bytes in
            #expect(found.string(.errorCode, in: bytes) == "NoSuchKey")
            #expect(found.string(.eventID, in: bytes) == "id-1")
            #expect(found.string(.eventTime, in: bytes) == "2026-11-28T10:00:00Z")
        }
    }

    @Test func escapedFieldValuesAreDecoded() throws {
        let text = #"{"eventID":"a\"b","eventName":"X"}"#
        let bytes = Array(text.utf8)
        try bytes.withUnsafeBytes { buffer in
            let fields = try #require(RecordSplitter.fields(ofSingleRecord: buffer))
            #expect(fields.string(.eventID, in: buffer) == "a\"b")
        }
    }

    @Test(arguments: chunkSizes)
    func aCorruptRecordIsReportedAndTheNextOneIsFound(chunk: Int) {
        let a = record("a"), c = record("c")
        let broken = #"{"eventVersion":"1.08","eventID":"b","eventName": "X" "oops":1}"#
        let outcome = split(#"{"Records":[\#(a),\#(broken),\#(c)]}"#, chunk: chunk)
        #expect(outcome.records == [a, c])
        #expect(outcome.unreadable == [2])
        #expect(outcome.problems.isEmpty)
    }

    @Test(arguments: chunkSizes)
    func anUnterminatedStringInsideARecordLosesOnlyThatRecord(chunk: Int) {
        let a = record("a"), c = record("c"), d = record("d")
        // The missing quote after `b` flips string parity until a structural error shows up.
        let broken = #"{"eventVersion":"1.08","eventID":"b,"eventName":"X"}"#
        let outcome = split(#"{"Records":[\#(a),\#(broken),\#(c),\#(d)]}"#, chunk: chunk)
        #expect(outcome.records.first == a)
        #expect(outcome.records.last == d)
        #expect(outcome.unreadable.contains(2))
        #expect(outcome.records.count + outcome.unreadable.count >= 3)
    }

    @Test(arguments: chunkSizes)
    func aBadLineInJSONLinesLosesOnlyThatLine(chunk: Int) {
        let a = record("a"), c = record("c")
        let outcome = split("\(a)\n{\"eventID\":\"b\",,}\n\(c)\n", chunk: chunk)
        #expect(outcome.records == [a, c])
        #expect(outcome.unreadable == [2])
    }

    @Test(arguments: chunkSizes)
    func truncatedInputReportsTheOpenRecord(chunk: Int) {
        let a = record("a")
        let outcome = split(#"{"Records":[\#(a),{"eventID":"b","eventName":"Get"#, chunk: chunk)
        #expect(outcome.records == [a])
        #expect(outcome.unreadable == [2])
        // The cut record is the one diagnostic; the open envelope adds none.
        #expect(outcome.problems.isEmpty)
        #expect(split(#"{"Records":[\#(a),"#, chunk: chunk).problems.count == 1)
    }

    /// Every field has its lane in `RecordFields` and is found where the record has it.
    @Test func everyFieldFitsAndIsFound() {
        #expect(RecordField.allCases.count <= 16)
        var fields = RecordFields()
        for field in RecordField.allCases { fields.set(field, field.rawValue..<(field.rawValue + 3)) }
        for field in RecordField.allCases { #expect(fields.range(of: field) == field.rawValue..<(field.rawValue + 3)) }
        #expect(RecordFields().range(of: .eventID) == nil && RecordFields() == RecordFields())
    }

    @Test func anOversizeRecordIsSkippedAndTheStreamGoesOn() {
        let big = record("big", extra: #","blob":""# + String(repeating: "x", count: 5000) + "\"")
        let a = record("a"), c = record("c")
        let outcome = split(#"{"Records":[\#(a),\#(big),\#(c)]}"#, chunk: 100, maxRecordBytes: 1024)
        #expect(outcome.records == [a, c])
        #expect(outcome.unreadable == [2])
    }

    /// The limit holds to the byte whatever the chunking: a record just over it is unreadable even when it
    /// arrives within one chunk, or comes whole after a resynchronization (found by `Scripts/fuzz`).
    @Test(arguments: [1, 7, 100, Int.max])
    func theSizeLimitDoesNotDependOnTheChunking(chunk: Int) {
        let a = record("a"), c = record("c")
        let big = record("big", extra: #","blob":""# + String(repeating: "x", count: 40) + "\"")
        let limit = a.utf8.count + 10
        #expect(big.utf8.count > limit && c.utf8.count <= limit)
        let outcome = split(#"{"Records":[\#(a),\#(big),\#(c)]}"#, chunk: chunk, maxRecordBytes: limit)
        #expect(outcome.records == [a, c])
        #expect(outcome.unreadable == [2])
        let afterResync = split(#"[{"a"8[{"b":{}}]}, 2, \#(big), \#(c)]"#, chunk: chunk, maxRecordBytes: limit)
        #expect(afterResync.records == [c])
    }

    @Test func nonObjectElementsAreUnreadableSlots() {
        let a = record("a")
        let outcome = split(#"{"Records":[1,"x",\#(a),[{"eventID":"n"}],null]}"#)
        #expect(outcome.records == [a])
        #expect(outcome.unreadable == [1, 2, 4, 5])
    }

    @Test func lookupEventsEntriesAreMarked() {
        let text = #"{"Events":[{"EventId":"e1","CloudTrailEvent":"{\"eventID\":\"e1\"}"}],"NextToken":"t"}"#
        var splitter = RecordSplitter(maxRecordBytes: 1 << 20, chunkSize: 64)
        Array(text.utf8).withUnsafeBytes { splitter.append($0) }
        var entries = 0
        splitter.scan { event in
            if case .record(let raw) = event, raw.isLookupEntry { entries += 1 }
        }
        splitter.finish { _ in }
        #expect(entries == 1)
        #expect(splitter.sawEnvelope)
    }

    @Test func unicodeAndByteOrderOfKeysAreFree() {
        let a = #"{"ünïcode":"✓","eventID":"a","eventName":"X"}"#
        #expect(split("[\(a)]", chunk: 1).records == [a])
    }
}

/// The word-at-a-time search for the end of a string's plain run finds what a byte-by-byte search finds.
@Suite struct QuoteOrBackslashTests {
    @Test func findsTheFirstQuoteOrBackslashAsAByteScanDoes() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x22, 0x5C, 0x21, 0x23, 0x5B, 0x5D, 0x00, 0xFF, 0xA2, 0xDC, 0x61, 0x20]
        for _ in 0..<2_000 {
            let count = Int.random(in: 0...40, using: &generator)
            // Mostly plain bytes, so that matches fall at every position of a word.
            let bytes = (0..<count).map { _ in
                Int.random(in: 0..<6, using: &generator) == 0 ? alphabet.randomElement(using: &generator) ?? 0x61
                    : UInt8.random(in: 0x23...0x5B, using: &generator)
            }
            bytes.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                for from in 0...count {
                    let expected = (from..<count).first { bytes[$0] == 0x22 || bytes[$0] == 0x5C } ?? count
                    #expect(RecordSplitter.quoteOrBackslash(base, from: from, limit: count) == expected)
                }
            }
        }
    }
}
