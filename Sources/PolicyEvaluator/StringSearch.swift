extension String {
    /// `arn:PARTITION:iam::ACCOUNT:role/NAME`, written into a single allocation.
    static func roleARN(partition: String, account: String, roleName: String) -> String {
        var parts = (partition, account, roleName)
        let count = 16 + parts.0.utf8.count + parts.1.utf8.count + parts.2.utf8.count
        return String(unsafeUninitializedCapacity: count) { out in
            var offset = 0
            func put(_ bytes: UnsafeBufferPointer<UInt8>) {
                for byte in bytes {
                    out[offset] = byte
                    offset += 1
                }
            }
            func put(_ literal: StaticString) {
                put(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
            }
            put("arn:")
            parts.0.withUTF8(put)
            put(":iam::")
            parts.1.withUTF8(put)
            put(":role/")
            parts.2.withUTF8(put)
            return offset
        }
    }

    /// Whether `needle` occurs in the string, by a plain UTF-8 scan (no search tables to build).
    func containsBytes(_ needle: String) -> Bool {
        var needle = needle
        var haystack = self
        return needle.withUTF8 { n in
            guard !n.isEmpty else { return true }
            return haystack.withUTF8 { h in
                guard h.count >= n.count else { return false }
                let first = n[0]
                var i = 0
                while i <= h.count - n.count {
                    if h[i] == first {
                        var j = 1
                        while j < n.count && h[i + j] == n[j] { j += 1 }
                        if j == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
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
