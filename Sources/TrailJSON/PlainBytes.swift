/// Runs of a JSON string's bytes that need no look one by one: printable ASCII other than `"` and `\`. Most of a
/// record is the inside of its strings, so the parser skips such runs eight bytes at a time.
enum PlainBytes {
    /// The index of the first byte in `bytes[from...]` that is a quote, a backslash, a control character or not
    /// ASCII, or `bytes.count`: eight bytes at a time (a byte that matches leaves its high bit set in `flags`, by
    /// the borrow trick: a borrow only flags bytes above a true match), then byte by byte.
    static func end(in bytes: UnsafeRawBufferPointer, from: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var index = from
        if let base = bytes.baseAddress {
            while bytes.count - index >= 8 {
                let word = UInt64(littleEndian: (base + index).loadUnaligned(as: UInt64.self))
                let quote = word ^ 0x2222_2222_2222_2222, backslash = word ^ 0x5C5C_5C5C_5C5C_5C5C
                // Below 0x20 (for bytes under 0x80; the others are flagged by their own high bit).
                let control = (word &- 0x2020_2020_2020_2020) & ~word
                let flags = ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | control | word) & highs
                if flags != 0 { return index + flags.trailingZeroBitCount >> 3 }
                index += 8
            }
        }
        while index < bytes.count && isPlain(bytes[index]) { index += 1 }
        return index
    }

    static func isPlain(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte < 0x80 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
    }
}
