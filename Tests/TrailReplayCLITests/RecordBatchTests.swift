import Testing
import TrailReader
@testable import trailreplay

@Suite struct RecordBatchTests {
    @Test func linesSpilledToDiskComeBackInOrderWithTheRestInMemory() throws {
        let batch = RecordBatch(memoryLimit: 200)
        let records = (0..<50).map { #"{"eventID":"id-\#($0)","eventName":"X","pad":"\#(String(repeating: "p", count: $0))"}"# }
        for (i, record) in records.enumerated() {
            Array(record.utf8).withUnsafeBytes { batch.append($0, eventID: "id-\(i)") }
        }
        #expect(batch.spillError == nil)
        var lines: [String] = []
        var keys: [EventKey?] = []
        try batch.forEachLine { entry, line in
            lines.append(String(decoding: line, as: UTF8.self))
            keys.append(entry.key)
        }
        #expect(lines == records.map { $0 + "\n" })
        #expect(keys == (0..<50).map { EventKey("id-\($0)") })
    }

    @Test func prettyRecordsBecomeOneLine() throws {
        let batch = RecordBatch()
        Array("{\n  \"a\": 1\n}".utf8).withUnsafeBytes { batch.append($0, eventID: nil) }
        var lines: [String] = []
        try batch.forEachLine { _, line in lines.append(String(decoding: line, as: UTF8.self)) }
        #expect(lines == ["{\"a\":1}\n"])
    }
}
