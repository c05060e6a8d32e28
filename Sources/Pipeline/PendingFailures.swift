#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The authorization failures read in the pass, waiting for the sessions of every file: each record's ordinal and
/// JSON text, in input order. Up to `memoryLimit` bytes stay in memory; past that they are written to an unlinked
/// temporary file in chunks and read back in order. Appended to by the pass alone, then only read (from several
/// threads, which is why it is `@unchecked Sendable`: nothing changes once the pass is over).
final class PendingFailures: @unchecked Sendable {
    /// Where one file's records lie in the sequence of all of them.
    struct Span: Sendable {
        var start: Int
        var end: Int
        var isEmpty: Bool { start == end }
    }

    let memoryLimit: Int
    private var memory: [UInt8] = []
    /// Bytes written to the temporary file; `memory` holds the bytes after them.
    private(set) var spilledBytes = 0
    private var spill: Int32 = -1
    /// Why the records stayed in memory past the limit, when the temporary file could not be written.
    private(set) var spillProblem: String?

    init(memoryLimit: Int) {
        self.memoryLimit = memoryLimit
    }

    deinit { if spill >= 0 { close(spill) } }

    /// The position after the last record.
    var end: Int { spilledBytes + memory.count }

    /// Appends one record, spilling what is in memory once it is past the limit.
    func append(ordinal: Int, bytes: UnsafeRawBufferPointer) {
        PendingFailures.appendWord(ordinal, to: &memory)
        PendingFailures.appendWord(bytes.count, to: &memory)
        memory.append(contentsOf: bytes)
        if memory.count > memoryLimit && spillProblem == nil { spillMemory() }
    }

    /// Calls `body` with each record of `span`, in order; the bytes are valid only during the call. Returns
    /// false when the temporary file could not be read back (the records from there on are missing).
    func forEach(in span: Span, _ body: (_ ordinal: Int, _ bytes: UnsafeRawBufferPointer) -> Void) -> Bool {
        var position = span.start
        var header = [UInt8](repeating: 0, count: 16)
        var record: [UInt8] = []
        while position < span.end {
            guard copy(from: position, into: &header, count: 16) else { return false }
            let ordinal = PendingFailures.word(header, at: 0)
            let count = PendingFailures.word(header, at: 8)
            if record.count < count { record = [UInt8](repeating: 0, count: count) }
            guard copy(from: position + 16, into: &record, count: count) else { return false }
            record.withUnsafeBytes { body(ordinal, UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            position += 16 + count
        }
        return true
    }

    private func spillMemory() {
        if spill < 0 {
            var template = Array((NSTemporaryDirectory() + "trailreplay-failures-XXXXXX").utf8CString)
            spill = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard spill >= 0 else {
                spillProblem = "cannot create a temporary file in `\(NSTemporaryDirectory())`: "
                    + String(cString: strerror(errno))
                return
            }
            unlink(String(cString: template))
        }
        var written = 0
        while written < memory.count {
            let n = memory.withUnsafeBytes { pwrite(spill, $0.baseAddress! + written, $0.count - written, off_t(spilledBytes + written)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                spillProblem = "cannot write the temporary file: " + String(cString: strerror(errno))
                return
            }
            written += n
        }
        spilledBytes += memory.count
        memory.removeAll(keepingCapacity: true)
    }

    /// Copies `count` bytes from `position` of the sequence, reading the spilled part from the temporary file.
    private func copy(from position: Int, into buffer: inout [UInt8], count: Int) -> Bool {
        var done = 0
        return buffer.withUnsafeMutableBytes { out in
            while done < count && position + done < spilledBytes {
                let want = min(count - done, spilledBytes - position - done)
                let n = pread(spill, out.baseAddress! + done, want, off_t(position + done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                done += n
            }
            if done < count {
                let start = position + done - spilledBytes
                memory.withUnsafeBytes { source in
                    out.baseAddress!.advanced(by: done).copyMemory(from: source.baseAddress! + start, byteCount: count - done)
                }
            }
            return true
        }
    }

    private static func appendWord(_ value: Int, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: UInt64(value).littleEndian) { bytes.append(contentsOf: $0) }
    }

    private static func word(_ bytes: [UInt8], at offset: Int) -> Int {
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
        return Int(value)
    }
}
