import Testing
@testable import TrailReader

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

    /// A spill that takes `capacity` bytes, then writes part of the next chunk and fails like a full disk.
    final class FullDisk: SpillStorage {
        var stored: [UInt8] = []
        let capacity: Int
        var readOffset = 0
        init(capacity: Int) { self.capacity = capacity }

        func write(_ bytes: UnsafeRawBufferPointer) throws(SpillError) {
            let room = capacity - stored.count
            stored += bytes.prefix(room)
            if bytes.count > room { throw SpillError("cannot write a temporary file: No space left on device") }
        }
        func rewind() throws(SpillError) { readOffset = 0 }
        func read(into buffer: UnsafeMutableRawBufferPointer) throws(SpillError) -> Int {
            let n = min(buffer.count, stored.count - readOffset)
            for i in 0..<n { buffer[i] = stored[readOffset + i] }
            readOffset += n
            return n
        }
    }

    static func line(_ i: Int) -> String { #"{"eventID":"id-\#(i)","eventName":"X","pad":"\#(String(repeating: "p", count: 40))"}"# }

    @Test(arguments: [0, 1, 150, 1000])
    func aFullDiskKeepsOnlyWholeLinesAndSaysWhy(capacity: Int) throws {
        let disk = FullDisk(capacity: capacity)
        let batch = RecordBatch(memoryLimit: 300) { disk }
        for i in 0..<40 { Array(Self.line(i).utf8).withUnsafeBytes { batch.append($0, eventID: "id-\(i)") } }
        #expect(batch.spillError == SpillError("cannot write a temporary file: No space left on device"))
        var lines: [String] = []
        try batch.forEachLine { _, line in lines.append(String(decoding: line, as: UTF8.self)) }
        // Every line handed back is whole and in order; the others are counted as dropped.
        #expect(lines == (0..<lines.count).map { Self.line($0) + "\n" })
        #expect(lines.count + batch.linesDropped == 40)
        #expect(lines.count * (Self.line(0).utf8.count + 1) <= max(capacity, 0))
    }

    @Test func aSpillThatCannotBeCreatedIsReported() throws {
        let batch = RecordBatch(memoryLimit: 100) { () throws(SpillError) -> SpillStorage in
            throw SpillError("cannot create a temporary file: Read-only file system")
        }
        for i in 0..<5 { Array(Self.line(i).utf8).withUnsafeBytes { batch.append($0, eventID: nil) } }
        #expect(batch.spillError?.reason == "cannot create a temporary file: Read-only file system")
        var count = 0
        try batch.forEachLine { _, _ in count += 1 }
        #expect(count == 0 && batch.linesDropped == 5)
    }

    @Test func aSpillThatEndsEarlyOnReadBackThrowsBeforeATornLine() {
        let disk = FullDisk(capacity: 1 << 20)
        let batch = RecordBatch(memoryLimit: 200) { disk }
        for i in 0..<10 { Array(Self.line(i).utf8).withUnsafeBytes { batch.append($0, eventID: nil) } }
        disk.stored.removeLast(10)
        var lines: [String] = []
        #expect(throws: SpillError.self) {
            try batch.forEachLine { _, line in lines.append(String(decoding: line, as: UTF8.self)) }
        }
        #expect(lines.allSatisfy { $0.hasSuffix("}\n") })
    }
}
