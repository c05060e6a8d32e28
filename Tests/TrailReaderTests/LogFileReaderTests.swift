import CivilTime
import Testing
import TrailJSON
@testable import TrailReader

@Suite struct LogFileReaderTests {
    let dir = TemporaryDirectory()

    func envelope(_ records: [String]) -> String { #"{"Records":["# + records.joined(separator: ",") + "]}" }

    @Test func selectsOnlyTopLevelAuthorizationFailures() {
        let records = [
            record("1", errorCode: "AccessDenied"),
            record("2", errorCode: "Client.UnauthorizedOperation"),
            record("3", errorCode: "InvalidClientTokenId"),  // authentication, not authorization
            record("4", errorCode: "NoSuchKey", extra: #","requestParameters":{"errorCode":"AccessDenied"}"#),
            record("5"),
            record("6", errorCode: "VpceAccessDenied"),
        ]
        let path = dir.write("a.json.gz", gzip(envelope(records)))
        let (result, ids) = readFile(path)
        #expect(ids == ["1", "2", "6"])
        #expect(result.statistics.recordsRead == 6)
        #expect(result.statistics.recordsSelected == 3)
        #expect(result.statistics.recordsNotSelected == 3)
        #expect(result.statistics.balances)
        #expect(result.diagnostics.isEmpty)
    }

    /// A read may come one byte at a time (a pipe, a stream); the format is told from the first bytes all the
    /// same, and a chunk too small for the two-byte magic is grown to hold it (found by `Scripts/fuzz`).
    @Test(arguments: [1, 2, 3, 4096])
    func formatIsToldAcrossShortReads(capacity: Int) {
        let text = "  " + envelope([record("1", errorCode: "AccessDenied"), record("2")])
        for (label, bytes) in [("gzip", gzip(text)), ("zlib", gzip(Array(text.utf8), windowBits: 15)), ("plain", Array(text.utf8))] {
            var run = FileRun(file: LogFile(path: label, key: nil), options: ReadOptions(selection: .all))
            var ids: [Int] = []
            run.read(ChunkedInput(.stream(ByteAtATime(bytes)), capacity: capacity)) { ids.append($0.ordinal) }
            let result = run.result()
            #expect(ids == [1, 2], "\(label), chunk \(capacity)")
            #expect(result.statistics.filesRead == 1 && result.diagnostics.isEmpty, "\(label): \(result.diagnostics)")
        }
    }

    @Test func gzipOrPlainIsDecidedByTheBytesNotTheName() {
        let text = envelope([record("1", errorCode: "AccessDenied")])
        let plainNamedGz = dir.write("plain.json.gz", text)
        let gzNamedJson = dir.write("gz.json", gzip(text))
        let zlibStream = dir.write("z.json", gzip(Array(text.utf8), windowBits: 15))
        for path in [plainNamedGz, gzNamedJson, zlibStream] {
            let (result, ids) = readFile(path)
            #expect(ids == ["1"], "\(path)")
            #expect(result.statistics.filesRead == 1)
        }
    }

    @Test func multiMemberGzipWithARecordSplitAcrossMembers() {
        let text = Array(envelope((0..<50).map { record("\($0)", errorCode: "AccessDenied") }).utf8)
        // Cut in the middle of a record, and again, so that records span members.
        let cuts = [0, 333, 1234, text.count]
        var bytes: [UInt8] = []
        for i in 0..<(cuts.count - 1) { bytes += gzip(Array(text[cuts[i]..<cuts[i + 1]])) }
        let (result, ids) = readFile(dir.write("multi.json.gz", bytes))
        #expect(ids == (0..<50).map { "\($0)" })
        #expect(result.diagnostics.isEmpty)
        #expect(result.statistics.filesRead == 1)
    }

    @Test func truncatedGzipKeepsWhatCameBeforeAndFailsTheFile() {
        let text = envelope((0..<200).map { record("\($0)", errorCode: "AccessDenied") })
        let full = gzip(text)
        let (result, ids) = readFile(dir.write("cut.json.gz", Array(full[0..<(full.count / 2)])))
        #expect(!ids.isEmpty && ids.count < 200)
        #expect(ids == (0..<ids.count).map { "\($0)" })
        #expect(result.statistics.filesFailed == 1)
        #expect(result.statistics.recordsUnreadable == 1)
        #expect(result.statistics.balances)
        #expect(result.diagnostics.contains { $0.message.contains("truncated gzip") })
    }

    @Test func aCorruptMemberIsSkippedAndTheNextMemberIsRead() {
        let first = envelope((0..<10).map { record("a\($0)", errorCode: "AccessDenied") })
        var corrupt = gzip(Array(repeating: UInt8(ascii: "x"), count: 0) + Array(#"{"Records":["#.utf8) + Array(record("lost", errorCode: "AccessDenied").utf8))
        // Damage the deflate data after the 10-byte header.
        for i in 12..<min(corrupt.count - 8, 40) { corrupt[i] ^= 0x5A }
        let third = envelope((0..<5).map { record("c\($0)", errorCode: "AccessDenied") })
        let bytes = gzip(first) + corrupt + gzip(third)
        let (result, ids) = readFile(dir.write("corrupt.json.gz", bytes))
        #expect(ids.prefix(10) == ArraySlice((0..<10).map { "a\($0)" }))
        #expect(ids.suffix(5) == ArraySlice((0..<5).map { "c\($0)" }))
        #expect(result.statistics.filesFailed == 1)
        #expect(result.diagnostics.contains { $0.message.contains("corrupt gzip data") })
        #expect(result.statistics.balances)
    }

    @Test func aFileThatIsNotCloudTrailFailsWithOneDiagnostic() {
        let binary = dir.write("binary.json.gz", [0x00, 0x01, 0x02, 0xFF, 0x10])
        let json = dir.write("other.json", #"{"name":"package","version":"1.0.0"}"#)
        for path in [binary, json] {
            let (result, ids) = readFile(path)
            #expect(ids.isEmpty)
            #expect(result.statistics.filesFailed == 1)
            #expect(result.statistics.recordsRead == 0)
            #expect(result.diagnostics.count == 1)
            #expect(result.diagnostics.first?.message.contains("not a CloudTrail log") == true, "\(result.diagnostics)")
        }
    }

    @Test func anUnreadableFileIsNamed() {
        let (result, _) = readFile(dir.path + "/does-not-exist.json.gz")
        #expect(result.statistics.filesFailed == 1)
        #expect(result.diagnostics.first?.message.contains("cannot open") == true)
    }

    @Test func oneInvalidRecordInsideAFileIsCountedAndTheRestIsRead() {
        let text = envelope([record("1", errorCode: "AccessDenied"), #"{"eventID":"2","eventName":tru}"#,
            record("3", errorCode: "AccessDenied")])
        let (result, ids) = readFile(dir.write("bad-record.json", text))
        #expect(ids == ["1", "3"])
        #expect(result.statistics.recordsUnreadable == 1)
        #expect(result.statistics.recordsRead == 3)
        #expect(result.diagnostics.first?.record == 2)
    }

    @Test func everyInputShapeYieldsTheSameRecords() {
        let a = record("1", errorCode: "AccessDenied"), b = record("2"), c = record("3", errorCode: "AccessDeniedException")
        let escaped = { (s: String) in JSONWriter.quoted(s) }
        let shapes: [String: String] = [
            "envelope.json": envelope([a, b, c]),
            "array.json": "[\n\(a),\n\(b),\n\(c)\n]",
            "lines.jsonl": "\(a)\n\(b)\n\(c)\n",
            "lookup.json": #"{"Events":[{"EventId":"1","CloudTrailEvent":\#(escaped(a))},{"EventId":"2","CloudTrailEvent":\#(escaped(b))},{"EventId":"3","CloudTrailEvent":\#(escaped(c))}]}"#,
            "eventbridge.jsonl": [a, b, c].map { #"{"version":"0","id":"x","detail-type":"AWS API Call via CloudTrail","source":"aws.s3","detail":\#($0)}"# }.joined(separator: "\n"),
        ]
        for (name, text) in shapes {
            let (result, ids) = readFile(dir.write(name, gzip(text)))
            #expect(ids == ["1", "3"], "\(name)")
            #expect(result.statistics.recordsRead == 3, "\(name)")
            #expect(result.diagnostics.isEmpty, "\(name): \(result.diagnostics)")
        }
    }

    @Test func selectedRecordsCarryTheUnwrappedRecord() {
        let a = record("1", errorCode: "AccessDenied")
        let path = dir.write("eb.jsonl", #"{"detail-type":"AWS API Call via CloudTrail","detail":\#(a)}"#)
        var texts: [String] = []
        _ = LogFileReader().read(LogFile(path: path, key: nil)) { texts.append(String(decoding: $0.bytes, as: UTF8.self)) }
        #expect(texts == [a])
    }

    @Test func selectAllKeepsEveryRecord() {
        let path = dir.write("all.json", envelope([record("1"), record("2", errorCode: "AccessDenied")]))
        let (result, ids) = readFile(path, options: ReadOptions(selectAll: true))
        #expect(ids == ["1", "2"])
        #expect(result.statistics.recordsSelected == 2)
    }

    @Test func recordsWithoutAKeyPathAreFilteredByTheirOwnFields() {
        let records = [
            record("1", errorCode: "AccessDenied", time: "2026-11-27T23:59:59Z"),
            record("2", errorCode: "AccessDenied", time: "2026-11-28T00:00:00Z"),
            record("3", errorCode: "AccessDenied", time: "2026-11-28T23:59:59Z", account: "444455556666"),
            record("4", errorCode: "AccessDenied", time: "2026-11-28T12:00:00Z", region: "eu-west-1"),
            record("5", errorCode: "AccessDenied", time: "2026-11-29T00:00:00Z"),
        ]
        let path = dir.write("lines.jsonl", records.joined(separator: "\n"))
        let day = ReadFilter(time: TimeRange(from: UTCTime("2026-11-28T00:00:00Z"), to: UTCTime("2026-11-29T00:00:00Z")))
        #expect(readFile(path, options: ReadOptions(filter: day)).1 == ["2", "3", "4"])
        var account = day
        account.accounts = ["111122223333"]
        account.regions = ["us-east-1"]
        let (result, ids) = readFile(path, options: ReadOptions(filter: account))
        #expect(ids == ["2"])
        #expect(result.statistics.recordsFiltered == 4)
        #expect(result.statistics.balances)
    }

    @Test func anAbsurdlyLargeRecordIsReportedNotBuffered() {
        let huge = record("big", errorCode: "AccessDenied", extra: #","blob":""# + String(repeating: "y", count: 3 << 20) + "\"")
        let path = dir.write("huge.json.gz", gzip(envelope([record("1", errorCode: "AccessDenied"), huge, record("3", errorCode: "AccessDenied")])))
        let (result, ids) = readFile(path, options: ReadOptions(maxRecordBytes: 1 << 20))
        #expect(ids == ["1", "3"])
        #expect(result.statistics.recordsUnreadable == 1)
        #expect(result.diagnostics.first?.message.contains("larger than the limit") == true)
    }
}

@Suite struct ByteOrderMarkTests {
    let dir = TemporaryDirectory()
    static let text = Array(#"{"Records":["#.utf8) + Array(record("1", errorCode: "AccessDenied").utf8) + Array("]}".utf8)
    static let marked: [UInt8] = [0xEF, 0xBB, 0xBF] + text

    @Test func aByteOrderMarkIsAcceptedPlainAndGzipped() {
        for (name, bytes) in [("plain.json", Self.marked), ("gzipped.json.gz", gzip(Self.marked)),
            ("zlib.json", gzip(Self.marked, windowBits: 15))]
        {
            let (result, ids) = readFile(dir.write(name, bytes))
            #expect(ids == ["1"], "\(name)")
            #expect(result.diagnostics.isEmpty, "\(name): \(result.diagnostics)")
            #expect(result.statistics.filesRead == 1 && result.statistics.filesFailed == 0, "\(name)")
        }
    }

    @Test(arguments: [1, 2, 3, 4096])
    func theSplitterSkipsAByteOrderMarkSplitAcrossChunks(chunk: Int) {
        let outcome = split(Self.marked, chunk: chunk)
        #expect(outcome.records == [record("1", errorCode: "AccessDenied")])
        #expect(outcome.problems.isEmpty && outcome.unreadable.isEmpty)
    }
}

/// A stream that gives one byte per read, as a slow pipe may.
final class ByteAtATime: LogByteStream {
    private let bytes: [UInt8]
    private var next = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(LogByteSourceError) -> Int {
        guard next < bytes.count, buffer.count > 0 else { return 0 }
        buffer[0] = bytes[next]
        next += 1
        return 1
    }

    func close() {}
}
