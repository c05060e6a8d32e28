extension String {
    /// `arn:PARTITION:iam::ACCOUNT:role/NAME`, written into a single allocation.
    static func roleARN(partition: String, account: String, roleName: String) -> String {
        var parts = (partition, account, roleName)
        let count = 16 + parts.0.utf8.count + parts.1.utf8.count + parts.2.utf8.count
        return String(unsafeUninitializedCapacity: count) { out in
            let out = UnsafeMutableRawBufferPointer(out)
            var offset = out.copyBytes(at: 0, from: "arn:")
            offset = parts.0.withUTF8 { out.copyBytes(at: offset, from: $0) }
            offset = out.copyBytes(at: offset, from: ":iam::")
            offset = parts.1.withUTF8 { out.copyBytes(at: offset, from: $0) }
            offset = out.copyBytes(at: offset, from: ":role/")
            offset = parts.2.withUTF8 { out.copyBytes(at: offset, from: $0) }
            return offset
        }
    }

    /// Whether `needle` occurs in the string, by a plain UTF-8 scan (no search tables to build, no copies).
    func containsBytes(_ needle: String) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable({ h in
            needle.utf8.withContiguousStorageIfAvailable { n in Self.contains(n, in: h) }
        }), let found {
            return found
        }
        return Self.contains(Array(needle.utf8)[...], in: Array(utf8)[...])
    }

    private static func contains<H: RandomAccessCollection<UInt8>, N: RandomAccessCollection<UInt8>>(_ n: N, in h: H)
        -> Bool where H.Index == Int, N.Index == Int
    {
        guard let first = n.first else { return true }
        guard h.count >= n.count else { return false }
        var i = h.startIndex
        let last = h.endIndex - n.count
        while i <= last {
            if h[i] == first {
                var j = 1
                while j < n.count && h[i + j] == n[n.startIndex + j] { j += 1 }
                if j == n.count { return true }
            }
            i += 1
        }
        return false
    }

    /// `hasPrefix(literal)` for an ASCII literal, decided on the bytes unless a non-ASCII byte follows the prefix
    /// (which could join its last character).
    func hasASCIIPrefix(_ literal: StaticString) -> Bool {
        let p = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        let decided: Bool? = utf8.withContiguousStorageIfAvailable { b in
            guard b.count >= p.count else { return false }
            for k in 0..<p.count where b[k] != p[k] { return false }
            return b.count == p.count || b[p.count] < 0x80 ? true : nil
        } ?? nil
        return decided ?? hasPrefix(String(decoding: p, as: UTF8.self))
    }

    /// `lowercased() == literal` for a lowercase ASCII literal, decided on the bytes when the string is ASCII.
    func lowercasedEquals(_ literal: StaticString) -> Bool {
        let p = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        let decided: Bool? = utf8.withContiguousStorageIfAvailable { b in
            guard !b.contains(where: { $0 >= 0x80 }) else { return nil }
            guard b.count == p.count else { return false }
            for k in 0..<p.count {
                let byte = b[k] >= UInt8(ascii: "A") && b[k] <= UInt8(ascii: "Z") ? b[k] | 0x20 : b[k]
                if byte != p[k] { return false }
            }
            return true
        } ?? nil
        return decided ?? (lowercased() == String(decoding: p, as: UTF8.self))
    }

    /// Whether the string's UTF-8 starts with `prefix`, compared byte by byte without generic iteration.
    func hasBytePrefix(_ prefix: [UInt8]) -> Bool {
        var text = self
        return text.withUTF8 { bytes in
            guard bytes.count >= prefix.count else { return false }
            return prefix.withUnsafeBufferPointer { p in
                var i = 0
                while i < p.count {
                    if bytes[i] != p[i] { return false }
                    i += 1
                }
                return true
            }
        }
    }
}

extension UnsafeMutableRawBufferPointer {
    /// Copies `bytes` to `offset` and returns the offset after them.
    fileprivate func copyBytes(at offset: Int, from bytes: UnsafeBufferPointer<UInt8>) -> Int {
        UnsafeMutableRawBufferPointer(rebasing: self[offset..<(offset + bytes.count)]).copyMemory(from: UnsafeRawBufferPointer(bytes))
        return offset + bytes.count
    }

    /// Copies a literal's bytes to `offset` and returns the offset after them.
    fileprivate func copyBytes(at offset: Int, from literal: StaticString) -> Int {
        copyBytes(at: offset, from: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }
}
