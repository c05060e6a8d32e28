/// A growable byte buffer addressed by absolute stream offsets: new data is written at the end, consumed
/// data is dropped from the front, and what remains keeps its absolute offsets.
final class ByteWindow {
    private(set) var storage: UnsafeMutableRawPointer
    private(set) var capacity: Int
    /// Valid bytes in `storage`.
    private(set) var count = 0
    /// Absolute stream offset of `storage[0]`.
    private(set) var base = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        storage = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 16)
    }

    deinit { storage.deallocate() }

    /// Absolute offset one past the last valid byte.
    var end: Int { base + count }

    /// Makes room for at least `minimum` more bytes, then lets `body` write into the free space and
    /// return how many bytes it wrote.
    func append(minimum: Int, _ body: (UnsafeMutableRawBufferPointer) throws -> Int) rethrows -> Int {
        if capacity - count < minimum { grow(to: count + minimum) }
        let written = try body(UnsafeMutableRawBufferPointer(start: storage + count, count: capacity - count))
        count += written
        return written
    }

    /// Copies `bytes` to the end.
    func append(_ bytes: UnsafeRawBufferPointer) {
        _ = append(minimum: bytes.count) { free in
            if let source = bytes.baseAddress, bytes.count > 0 {
                free.baseAddress?.copyMemory(from: source, byteCount: bytes.count)
            }
            return bytes.count
        }
    }

    /// Forgets every byte before absolute offset `offset`.
    func discard(before offset: Int) {
        let drop = min(max(offset - base, 0), count)
        guard drop > 0 else { return }
        let remaining = count - drop
        if remaining > 0 { storage.copyMemory(from: storage + drop, byteCount: remaining) }
        count = remaining
        base += drop
    }

    /// The bytes between two absolute offsets, valid until the next mutation.
    func bytes(from start: Int, to stop: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: storage + (start - base), count: stop - start)
    }

    private func grow(to needed: Int) {
        var newCapacity = capacity
        while newCapacity < needed { newCapacity *= 2 }
        let newStorage = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        newStorage.copyMemory(from: storage, byteCount: count)
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
    }

    /// Gives memory back after an unusually large record has passed.
    func shrink(toCapacity target: Int) {
        guard capacity > target * 2, count <= target else { return }
        let newStorage = UnsafeMutableRawPointer.allocate(byteCount: target, alignment: 16)
        newStorage.copyMemory(from: storage, byteCount: count)
        storage.deallocate()
        storage = newStorage
        capacity = target
    }
}
