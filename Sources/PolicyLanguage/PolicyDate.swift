import CivilTime

/// The date forms AWS accepts in Date conditions: epoch seconds, or ISO 8601 as `TimeSyntax` reads it (a date,
/// or a date-time with `Z` or an offset and optional fractions).
public enum PolicyDate {
    /// Seconds since the Unix epoch, or nil when `text` is not a date AWS accepts.
    public static func epochSeconds(_ text: String) -> Double? {
        let bytes = text.utf8
        guard !bytes.isEmpty else { return nil }
        if bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }),
            !bytes.dropFirst().contains(UInt8(ascii: "-")), let value = Double(text)
        {
            return value
        }
        return TimeSyntax.parse(text)?.start.secondsSinceEpoch
    }
}
