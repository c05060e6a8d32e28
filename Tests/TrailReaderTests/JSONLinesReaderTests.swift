import Foundation
import Testing
import TrailJSON
import TrailReader

/// TrailReplay's own JSON Lines files read back in bounded memory, whatever the chunk boundaries.
struct JSONLinesReaderTests {
    static func file(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "jsonlines-\(UUID().uuidString).jsonl"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func read(_ path: String, reader: JSONLinesReader) -> (values: [Int: JSONValue], outcome: JSONLinesReader.Outcome) {
        var values: [Int: JSONValue] = [:]
        let outcome = reader.read(path: path) { number, value in
            values[number] = value
            return value["refuse"] != nil ? "refused" : nil
        }
        return (values, outcome)
    }

    @Test(arguments: [1, 2, 3, 7, 1 << 20])
    func linesAreFoundAcrossChunkBoundaries(chunkSize: Int) throws {
        let path = try JSONLinesReaderTests.file("{\"a\":1}\r\n\n  \n[2,3]\n{\"refuse\":true}\n\"last\"")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (values, outcome) = JSONLinesReaderTests.read(path, reader: JSONLinesReader(chunkSize: chunkSize))
        #expect(values == [1: ["a": 1], 4: [2, 3], 5: ["refuse": true], 6: "last"])
        #expect(outcome.lines == 3)
        #expect(outcome.unreadable == 1)
        #expect(outcome.diagnostics.map(\.description) == ["error: \(path): record 5: refused"])
        #expect(outcome.hasFailures)
    }

    @Test(arguments: [4, 16, 1 << 20])
    func anOverlongOrBrokenLineIsSkippedWithItsNumber(chunkSize: Int) throws {
        let long = "[" + String(repeating: "1,", count: 40) + "1]"
        let path = try JSONLinesReaderTests.file("[1]\n\(long)\n{\"a\":\n[4]\n\(long)")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = JSONLinesReader(maxLineBytes: 32, chunkSize: chunkSize)
        let (values, outcome) = JSONLinesReaderTests.read(path, reader: reader)
        #expect(values == [1: [1], 4: [4]])
        #expect(outcome.unreadable == 3)
        #expect(outcome.diagnostics.map(\.record) == [2, 3, 5])
        #expect(outcome.diagnostics[0].message == "line longer than 32 bytes, skipped")
        #expect(!outcome.failed)
    }

    @Test func aMissingFileIsOneDiagnostic() {
        let path = NSTemporaryDirectory() + "absent-\(UUID().uuidString).jsonl"
        let outcome = JSONLinesReader().read(path: path) { _, _ in nil }
        #expect(outcome.failed)
        #expect(outcome.diagnostics.map(\.description) == ["error: \(path): cannot open the file"])
    }
}
