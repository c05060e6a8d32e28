/// How a stream's first bytes say it is encoded: gzip or plain text is decided by content, never by name.
enum StreamFormat: Equatable {
    case gzip, zlib, json
    case unknown(firstByte: UInt8)

    /// Classifies a stream from its first bytes (a UTF-8 byte order mark and whitespace are skipped for JSON).
    static func detect(_ bytes: UnsafeRawBufferPointer) -> StreamFormat {
        if bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B { return .gzip }
        if bytes.count >= 2 && bytes[0] & 0x0F == 8 && bytes[0] >> 4 <= 7
            && (UInt16(bytes[0]) << 8 | UInt16(bytes[1])) % 31 == 0
        {
            return .zlib
        }
        for b in bytes where !isPadding(b) {
            return b == UInt8(ascii: "{") || b == UInt8(ascii: "[") ? .json : .unknown(firstByte: b)
        }
        return .json
    }

    /// Whether `detect` could still change its answer with more bytes: fewer than two (a gzip or zlib magic
    /// cut by a short read), or nothing yet but a byte order mark and whitespace.
    static func needsMoreBytes(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count < 2 || bytes.allSatisfy(isPadding)
    }

    /// JSON whitespace and the bytes of a UTF-8 byte order mark, which may come before a plain log's `{` or `[`.
    private static func isPadding(_ b: UInt8) -> Bool {
        switch b {
        case 0x20, 0x0A, 0x0D, 0x09, 0xEF, 0xBB, 0xBF: return true
        default: return false
        }
    }
}
