#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TrailReader

/// The JSON Lines one file produced, waiting for its turn to be written: kept in memory up to a limit and
/// spilled to an anonymous temporary file beyond it, so that a huge file never holds its output in memory.
final class RecordBatch: @unchecked Sendable {
    /// One line's identity and length, in order.
    struct Entry {
        var key: EventKey?
        var length: Int
    }

    private(set) var entries: [Entry] = []
    private var memory: [UInt8] = []
    private var spill: UnsafeMutablePointer<FILE>?
    private let memoryLimit: Int
    private(set) var spillError: String?

    init(memoryLimit: Int = 8 << 20) {
        self.memoryLimit = memoryLimit
    }

    deinit {
        if let spill { fclose(spill) }
    }

    /// Adds one record as a compact line.
    func append(_ bytes: UnsafeRawBufferPointer, eventID: String?) {
        let before = memory.count
        JSONCompactor.appendCompact(bytes, to: &memory)
        memory.append(0x0A)
        entries.append(Entry(key: eventID.map(EventKey.init), length: memory.count - before))
        if memory.count >= memoryLimit { spillMemory() }
    }

    private func spillMemory() {
        if spill == nil {
            spill = tmpfile()
            if spill == nil {
                spillError = "cannot create a temporary file: \(String(cString: strerror(errno)))"
                return
            }
        }
        guard let spill else { return }
        let written = memory.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, spill) }
        if written != memory.count { spillError = "cannot write a temporary file: \(String(cString: strerror(errno)))" }
        memory.removeAll(keepingCapacity: true)
    }

    /// Calls `body` with each line in order (the line includes its newline).
    func forEachLine(_ body: (Entry, UnsafeRawBufferPointer) throws -> Void) throws {
        var index = 0
        if let spill {
            rewind(spill)
            // Lines written to the spill file come first; they are read back one at a time.
            while index < entries.count {
                let entry = entries[index]
                var line = [UInt8](repeating: 0, count: entry.length)
                let n = line.withUnsafeMutableBytes { fread($0.baseAddress, 1, entry.length, spill) }
                if n != entry.length { break }
                try line.withUnsafeBytes { try body(entry, $0) }
                index += 1
            }
        }
        var offset = 0
        try memory.withUnsafeBytes { bytes in
            while index < entries.count {
                let entry = entries[index]
                try body(entry, UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + entry.length)]))
                offset += entry.length
                index += 1
            }
        }
    }
}
