/// A hash table from names (UTF-8 bytes) to ranges of a list, held in flat arrays of plain values so that a
/// lookup copies and retains nothing: open addressing with linear probing, the bytes compared on a hash hit.
struct NameTable: Sendable {
    struct Entry: Sendable {
        let hash: UInt64
        let nameStart: Int32
        let nameCount: Int32
        let start: Int32
        let end: Int32
    }

    /// Entry positions by slot, -1 for an empty slot; the count is a power of two (or zero for no entries).
    private let slots: [Int32]
    private let entries: [Entry]
    /// Every name's bytes, one after another.
    private let names: [UInt8]

    /// A table of distinct names and their ranges.
    init(_ items: [(name: [UInt8], range: Range<Int>)]) {
        var capacity = items.isEmpty ? 0 : 4
        while capacity < items.count * 2 { capacity *= 2 }
        var slots = [Int32](repeating: -1, count: capacity)
        var entries: [Entry] = []
        var names: [UInt8] = []
        for item in items {
            let hash = ActionKey.hash(item.name[...])
            var slot = Int(truncatingIfNeeded: hash) & (capacity - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = Int32(entries.count)
            entries.append(Entry(hash: hash, nameStart: Int32(names.count), nameCount: Int32(item.name.count),
                start: Int32(item.range.lowerBound), end: Int32(item.range.upperBound)))
            names += item.name
        }
        self.slots = slots
        self.entries = entries
        self.names = names
    }

    /// The range stored for `name`, whose hash (`ActionKey.hash`) is `hash`; nil when the name is not in the table.
    func find(_ name: ArraySlice<UInt8>, hash: UInt64) -> Range<Int>? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let position = Int(slots[slot])
            if position < 0 { return nil }
            let entry = entries[position]
            if entry.hash == hash && Int(entry.nameCount) == name.count
                && names[Int(entry.nameStart)..<Int(entry.nameStart + entry.nameCount)].elementsEqual(name)
            {
                return Int(entry.start)..<Int(entry.end)
            }
            slot = (slot + 1) & mask
        }
    }
}
