import Foundation
import TrailJSON

/// Reads a file of JSON Lines that TrailReplay wrote (an archive index, results) one line at a time, in memory
/// bounded by the longest line allowed: each line is parsed; a line that does not parse or is too long is one
/// diagnostic with its line number, and the rest is read.
public struct JSONLinesReader: Sendable {
    public var maxLineBytes: Int
    public var chunkSize: Int

    public init(maxLineBytes: Int = 64 << 20, chunkSize: Int = 1 << 20) {
        self.maxLineBytes = maxLineBytes
        self.chunkSize = chunkSize
    }

    /// What reading a file found.
    public struct Outcome: Sendable, Equatable {
        /// Lines holding a value handed to the caller.
        public var lines = 0
        /// Lines that could not be read (they do not parse, are too long, or the caller refused them).
        public var unreadable = 0
        public var diagnostics: [ReadDiagnostic] = []
        /// The file could not be opened or read to its end.
        public var failed = false

        public var hasFailures: Bool { failed || unreadable > 0 }
    }

    /// Hands each line's value to `body` with its 1-based line number; `body` returns why it refuses a value
    /// (counted as unreadable and reported), or nil. Blank lines are skipped.
    public func read(path: String, _ body: (Int, JSONValue) -> String?) -> Outcome {
        var outcome = Outcome()
        guard let handle = FileHandle(forReadingAtPath: path) else {
            outcome.failed = true
            outcome.diagnostics.append(ReadDiagnostic(.error, file: path, message: "cannot open the file"))
            return outcome
        }
        defer { try? handle.close() }
        var line: [UInt8] = []
        var number = 0
        var overlong = false
        func finish() {
            number += 1
            defer {
                line.removeAll(keepingCapacity: line.count <= chunkSize)
                overlong = false
            }
            if overlong {
                outcome.unreadable += 1
                outcome.diagnostics.append(ReadDiagnostic(.error, file: path, record: number,
                    message: "line longer than \(maxLineBytes) bytes, skipped"))
                return
            }
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return }
            do {
                let value = try JSONParser.parse(line)
                if let refusal = body(number, value) {
                    outcome.unreadable += 1
                    outcome.diagnostics.append(ReadDiagnostic(.error, file: path, record: number, message: refusal))
                } else {
                    outcome.lines += 1
                }
            } catch {
                outcome.unreadable += 1
                outcome.diagnostics.append(ReadDiagnostic(.error, file: path, record: number, message: "\(error)"))
            }
        }
        while true {
            let chunk: Data
            do {
                guard let data = try handle.read(upToCount: chunkSize), !data.isEmpty else { break }
                chunk = data
            } catch {
                outcome.failed = true
                outcome.diagnostics.append(ReadDiagnostic(.error, file: path, message: "read failed: \(error)"))
                return outcome
            }
            var start = chunk.startIndex
            while start < chunk.endIndex {
                let end = chunk[start...].firstIndex(of: 0x0A) ?? chunk.endIndex
                if !overlong {
                    if line.count + (end - start) > maxLineBytes {
                        overlong = true
                        line.removeAll()
                    } else {
                        line.append(contentsOf: chunk[start..<end])
                    }
                }
                guard end < chunk.endIndex else { break }
                finish()
                start = end + 1
            }
        }
        if overlong || !line.isEmpty { finish() }
        return outcome
    }
}
