import Foundation

/// The ISO 8601 UTC times AWS APIs exchange (`2024-01-05T09:30:00Z`, optionally with fractional seconds).
public enum AWSDate {
    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff]Z` or with a numeric offset; nil otherwise.
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = try? Date.ISO8601FormatStyle().parse(trimmed) { return date }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(trimmed)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, whole seconds.
    public static func format(_ date: Date) -> String {
        Date.ISO8601FormatStyle().format(Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)))
    }
}
