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
        var source = self
        return source.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { out in
                for i in bytes.indices { out[i] = bytes[i] >= 0x41 && bytes[i] <= 0x5A ? bytes[i] + 0x20 : bytes[i] }
                return bytes.count
            }
        }
    }
}
