#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import TrailJSON
import TrailReader

/// Where the failures of every file wait for their replay once the memory they take passes `memoryLimit`: one
/// unlinked temporary file shared by the threads of the pass, appended to under a lock and read back with `pread`.
final class FailureSpill: @unchecked Sendable {
    let memoryLimit: Int
    private let lock = NSLock()
    private var inMemory = 0
    private var fd: Int32 = -1
    private var written = 0
    private var problem: String?

    init(memoryLimit: Int) {
        self.memoryLimit = memoryLimit
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Bytes written to the temporary file.
    var spilledBytes: Int { lock.withLock { written } }
    /// Why failures stayed in memory past the limit: the temporary file could not be created or written.
    var spillProblem: String? { lock.withLock { problem } }

    /// Counts `count` more bytes held in memory; true when the total is past the limit (and can be spilled).
    func hold(_ count: Int) -> Bool {
        lock.withLock {
            inMemory += count
            return inMemory > memoryLimit && problem == nil
        }
    }

    /// Writes `bytes` at the end of the temporary file and stops counting them in memory; their offset, or nil
    /// when the file cannot be written (they stay in memory).
    func write(_ bytes: [UInt8]) -> Int? {
        lock.withLock {
            if fd < 0 {
                var template = Array((NSTemporaryDirectory() + "trailreplay-failures-XXXXXX").utf8CString)
                fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
                guard fd >= 0 else {
                    problem = "cannot create a temporary file in `\(NSTemporaryDirectory())`: " + String(cString: strerror(errno))
                    return nil
                }
                template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
            }
            let offset = written
            var done = 0
            while done < bytes.count {
                let n = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress! + done, $0.count - done, off_t(offset + done)) }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    problem = "cannot write the temporary file: " + String(cString: strerror(errno))
                    return nil
                }
                done += n
            }
            written += bytes.count
            inMemory -= bytes.count
            return offset
        }
    }

    /// Fills `buffer` with `count` bytes from `offset` of the temporary file; false when they cannot be read.
    func read(at offset: Int, count: Int, into buffer: UnsafeMutableRawPointer) -> Bool {
        var done = 0
        while done < count {
            let n = pread(fd, buffer + done, count - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            done += n
        }
        return true
    }
}

/// One file's authorization failures waiting for the sessions of every file: each record's ordinal and JSON text,
/// in file order, in memory until the pass holds more than the spill's limit, then in the spill's temporary file.
struct PendingFailures: Sendable {
    /// Records written to the temporary file, in order, before those still in memory.
    private var spilled: [(offset: Int, count: Int)] = []
    private var memory: [UInt8] = []
    private(set) var count = 0

    init() {}

    /// Appends one record; when the pass holds too much, what this file holds goes to the temporary file.
    mutating func append(ordinal: Int, bytes: UnsafeRawBufferPointer, spill: FailureSpill) {
        let before = memory.count
        PendingFailures.appendWord(ordinal, to: &memory)
        PendingFailures.appendWord(bytes.count, to: &memory)
        memory.append(contentsOf: bytes)
        count += 1
        if spill.hold(memory.count - before), let offset = spill.write(memory) {
            spilled.append((offset, memory.count))
            memory.removeAll(keepingCapacity: false)
        }
    }

    /// Calls `body` with each record in order (its index among the file's failures, its ordinal, its bytes, valid
    /// only during the call). Returns false when the temporary file could not be read back.
    func forEach(spill: FailureSpill, _ body: (_ index: Int, _ ordinal: Int, _ bytes: UnsafeRawBufferPointer) -> Void) -> Bool {
        var index = 0
        var header = [UInt8](repeating: 0, count: 16)
        var record: [UInt8] = []
        for extent in spilled {
            var position = extent.offset
            while position < extent.offset + extent.count {
                guard header.withUnsafeMutableBytes({ spill.read(at: position, count: 16, into: $0.baseAddress!) })
                else { return false }
                let ordinal = PendingFailures.word(header, at: 0)
                let length = PendingFailures.word(header, at: 8)
                if record.count < length { record = [UInt8](repeating: 0, count: length) }
                let complete = length == 0 || record.withUnsafeMutableBytes {
                    spill.read(at: position + 16, count: length, into: $0.baseAddress!)
                }
                guard complete else { return false }
                record.withUnsafeBytes { body(index, ordinal, UnsafeRawBufferPointer(rebasing: $0[0..<length])) }
                index += 1
                position += 16 + length
            }
        }
        memory.withUnsafeBytes { all in
            var position = 0
            while position < all.count {
                let ordinal = PendingFailures.word(all, at: position)
                let length = PendingFailures.word(all, at: position + 8)
                body(index, ordinal, UnsafeRawBufferPointer(rebasing: all[position + 16 ..< position + 16 + length]))
                index += 1
                position += 16 + length
            }
        }
        return true
    }

    /// Hands `body` each record decoded again, in order, but those at `skipped` indexes. A record that no longer
    /// parses, and kept bytes that cannot be read back (the file then failed), are errors of `read`.
    func decode(spill: FailureSpill, into read: inout FileReadResult, skipping skipped: Set<Int> = [],
        _ body: (JSONValue) -> Void)
    {
        var handed = 0
        var diagnostics: [ReadDiagnostic] = []
        let file = read.file.displayName
        let complete = forEach(spill: spill) { index, ordinal, bytes in
            guard !skipped.contains(index) else { return }
            do {
                let record = try JSONParser.parse(bytes)
                handed += 1
                body(record)
            } catch {
                diagnostics.append(ReadDiagnostic(.error, file: file, record: ordinal,
                    message: "the record kept for its replay no longer parses: \(error)"))
            }
        }
        read.diagnostics += diagnostics
        if !complete {
            read.statistics.filesFailed = 1
            read.statistics.filesRead = 0
            read.diagnostics.append(ReadDiagnostic(.error, file: file,
                message: "the failures kept in a temporary file could not be read back; \(handed) replayed"))
        }
    }

    private static func appendWord(_ value: Int, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: UInt64(value).littleEndian) { bytes.append(contentsOf: $0) }
    }

    private static func word<Bytes: RandomAccessCollection>(_ bytes: Bytes, at offset: Int) -> Int
    where Bytes.Element == UInt8, Bytes.Index == Int {
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
        return Int(value)
    }
}
