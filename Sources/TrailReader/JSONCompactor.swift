/// Rewrites JSON text onto one line by dropping the whitespace outside strings, for JSON Lines output.
public enum JSONCompactor {
    /// Appends `bytes` to `out` without insignificant whitespace; text already on one line is copied as is.
    public static func appendCompact(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        guard bytes.contains(where: { $0 == 0x0A || $0 == 0x0D }) else {
            out.append(contentsOf: bytes)
            return
        }
        var inString = false
        var escaped = false
        for b in bytes {
            if inString {
                out.append(b)
                if escaped {
                    escaped = false
                } else if b == 0x5C {
                    escaped = true
                } else if b == 0x22 {
                    inString = false
                }
                continue
            }
            switch b {
            case 0x20, 0x0A, 0x0D, 0x09: continue
            case 0x22: inString = true; out.append(b)
            default: out.append(b)
            }
        }
    }
}
