/// The JSON Lines one file produced, waiting for its turn to be written: kept in memory up to a limit and
/// spilled beyond it (to an anonymous temporary file), so that a huge file never holds its output in memory.
///
/// When the spill cannot be written, the batch keeps only the lines stored whole before the failure, drops
/// the rest (counted in `linesDropped`) and says why in `spillError`: it never hands back a torn line.
public final class RecordBatch: @unchecked Sendable {
    /// One line's identity and length, in order.
    public struct Entry {
        public var key: EventKey?
        public var length: Int
    }

    public private(set) var entries: [Entry] = []
    /// How many of `entries` (the first ones) are in the spill; the rest are in `memory`.
    private var spilledEntries = 0
    private var memory: [UInt8] = []
    private var spill: SpillStorage?
    private let memoryLimit: Int
    private let makeSpill: () throws(SpillError) -> SpillStorage
    /// Why the spill failed, when it did.
    public private(set) var spillError: SpillError?
    /// Lines that were not kept because the spill failed.
    public private(set) var linesDropped = 0

    public init(memoryLimit: Int = 8 << 20,
        makeSpill: @escaping () throws(SpillError) -> SpillStorage = { () throws(SpillError) in try TemporaryFileSpill() })
    {
        self.memoryLimit = memoryLimit
        self.makeSpill = makeSpill
    }

    /// Adds one record as a compact line.
    public func append(_ bytes: UnsafeRawBufferPointer, eventID: String?) {
        guard spillError == nil else {
            linesDropped += 1
            return
        }
        let before = memory.count
        JSONCompactor.appendCompact(bytes, to: &memory)
        memory.append(0x0A)
        entries.append(Entry(key: eventID.map(EventKey.init), length: memory.count - before))
        if memory.count >= memoryLimit { spillMemory() }
    }

    private func spillMemory() {
        do throws(SpillError) {
            let storage: SpillStorage
            if let spill { storage = spill } else { storage = try makeSpill() }
            spill = storage
            var failure: SpillError?
            memory.withUnsafeBytes { bytes in
                do throws(SpillError) { try storage.write(bytes) } catch { failure = error }
            }
            if let failure { throw failure }
            spilledEntries = entries.count
        } catch {
            spillError = error
            linesDropped += entries.count - spilledEntries
            entries.removeLast(entries.count - spilledEntries)
        }
        memory.removeAll(keepingCapacity: spillError == nil)
    }

    /// Calls `body` with each line in order (the line includes its newline). Throws `SpillError` when the
    /// spill cannot be read back, before handing on any line it could not read whole; rethrows `body`'s errors.
    public func forEachLine(_ body: (Entry, UnsafeRawBufferPointer) throws -> Void) throws {
        if spilledEntries > 0, let spill {
            try spill.rewind()
            for entry in entries[0..<spilledEntries] {
                var line = [UInt8](repeating: 0, count: entry.length)
                var filled = 0
                while filled < entry.length {
                    let n = try line.withUnsafeMutableBytes { buffer in
                        try spill.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
                    }
                    if n == 0 { throw SpillError("a temporary file ended early") }
                    filled += n
                }
                try line.withUnsafeBytes { try body(entry, $0) }
            }
        }
        var offset = 0
        for entry in entries[spilledEntries...] {
            try memory.withUnsafeBytes { bytes in
                try body(entry, UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + entry.length)]))
            }
            offset += entry.length
        }
    }
}
