import Testing
import TrailJSON
@testable import TrailReader

/// Records the splitter takes but the full parse refuses: each lands once, in `unreadable`.
@Suite struct AccountingTests {
    let dir = TemporaryDirectory()

    /// One record of each kind the splitter accepts and `JSONParser` rejects, as bytes.
    static let rejected: [(name: String, bytes: [UInt8])] = [
        ("invalid UTF-8", Array(#"{"eventVersion":"1.09","eventID":"bad","eventName":"X","errorCode":"AccessDenied","s":""#.utf8) + [0xFF, 0xFE]
            + Array(#""}"#.utf8)),
        ("bad escape", Array(#"{"eventVersion":"1.09","eventID":"bad","eventName":"X","errorCode":"AccessDenied","s":"\q"}"#.utf8)),
        ("bad number", Array(#"{"eventVersion":"1.09","eventID":"bad","eventName":"X","errorCode":"AccessDenied","n":1.2.3}"#.utf8)),
        ("nesting past the limit", Array((#"{"eventVersion":"1.09","eventID":"bad","eventName":"X","errorCode":"AccessDenied","n":"#
            + String(repeating: "[", count: JSONParser.maximumDepth + 1)
            + String(repeating: "]", count: JSONParser.maximumDepth + 1) + "}").utf8)),
    ]

    @Test(arguments: rejected.indices)
    func aRecordTheFullParseRejectsIsCountedOnce(index: Int) {
        let (name, bad) = Self.rejected[index]
        let bytes = Array(#"{"Records":["#.utf8) + Array(record("1", errorCode: "AccessDenied").utf8) + [0x2C] + bad
            + [0x2C] + Array(record("3", errorCode: "AccessDenied").utf8) + Array("]}".utf8)
        for options in [ReadOptions(), ReadOptions(selectAll: true)] {
            let (result, ids) = readBytes(bytes, in: dir, options: options)
            let statistics = result.statistics
            #expect(ids == ["1", "3"], "\(name)")
            #expect(statistics.recordsRead == 3, "\(name): \(statistics.summary())")
            #expect(statistics.recordsUnreadable == 1, "\(name)")
            #expect(statistics.balances, "\(name): \(statistics.summary())")
            #expect(result.diagnostics.count == 1 && result.diagnostics.first?.record == 2, "\(name): \(result.diagnostics)")
        }
    }

    @Test func aLookupEventsEntryWhoseRecordTheFullParseRejectsIsCountedOnce() {
        let good = record("1", errorCode: "AccessDenied")
        let bad = #"{"eventVersion":"1.09","eventID":"bad","eventName":"X","errorCode":"AccessDenied","n":1.2.3}"#
        let entries = [good, bad, record("3", errorCode: "AccessDenied")].map {
            #"{"EventId":"x","CloudTrailEvent":\#(JSONWriter.quoted($0))}"#
        }
        let (result, ids) = readBytes(Array(#"{"Events":[\#(entries.joined(separator: ","))]}"#.utf8), in: dir,
            options: ReadOptions())
        #expect(ids == ["1", "3"])
        #expect(result.statistics.recordsRead == 3, "\(result.statistics.summary())")
        #expect(result.statistics.recordsUnreadable == 1)
        #expect(result.statistics.balances)
    }

    @Test func theSummaryOfThreeRecordsSaysThreeRead() {
        let bytes = Array(#"{"Records":["#.utf8) + Array(record("1", errorCode: "AccessDenied").utf8) + [0x2C]
            + Self.rejected[1].bytes + [0x2C] + Self.rejected[2].bytes + Array("]}".utf8)
        let (result, _) = readBytes(bytes, in: dir, options: ReadOptions())
        #expect(result.statistics.summary().contains("3 read = 1 selected + 0 not selected + 0 outside filters + 2 unreadable"),
            "\(result.statistics.summary())")
    }
}
