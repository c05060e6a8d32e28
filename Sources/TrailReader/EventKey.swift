/// A compact, exact identity for an eventID, for counting duplicate deliveries without keeping the strings.
///
/// CloudTrail eventIDs are UUIDs: their 128 bits are the key. Anything else is kept as its text.
public enum EventKey: Hashable, Sendable {
    case uuid(UInt64, UInt64)
    case text(String)

    public init(_ eventID: String) {
        if let (high, low) = EventKey.parseUUID(eventID) {
            self = .uuid(high, low)
        } else {
            self = .text(eventID)
        }
    }

    private static func parseUUID(_ s: String) -> (UInt64, UInt64)? {
        var words: (UInt64, UInt64) = (0, 0)
        var nibbles = 0
        for (i, c) in s.utf8.enumerated() {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                guard c == UInt8(ascii: "-") else { return nil }
                continue
            }
            let v: UInt64
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt64(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = UInt64(c - UInt8(ascii: "a") + 10)
            default: return nil
            }
            if nibbles < 16 { words.0 = words.0 << 4 | v } else { words.1 = words.1 << 4 | v }
            nibbles += 1
        }
        return nibbles == 32 && s.utf8.count == 36 ? words : nil
    }
}
