extension UInt8 {
    /// The byte with ASCII `A`–`Z` folded to lowercase.
    @inlinable public var asciiLowercased: UInt8 {
        self >= 0x41 && self <= 0x5A ? self + 0x20 : self
    }
}

extension String {
    /// The string with ASCII letters folded to lowercase, leaving other characters as they are.
    public var asciiLowercased: String {
        guard utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return self }
        var bytes = Array(utf8)
        var changed = false
        for i in bytes.indices where bytes[i] >= 0x41 && bytes[i] <= 0x5A {
            bytes[i] += 0x20
            changed = true
        }
        return changed ? String(decoding: bytes, as: UTF8.self) : self
    }
}
