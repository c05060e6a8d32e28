import CivilTime
import Foundation

/// The ISO 8601 UTC times AWS APIs exchange (`2024-01-05T09:30:00Z`, optionally with fractional seconds), as
/// Foundation `Date`s; reading and writing them is CivilTime's, the package's one calendar.
public enum AWSDate {
    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff]Z` or with a numeric offset; nil otherwise (a bare day too).
    public static func parse(_ text: String) -> Date? {
        guard case .instant(let time)? = TimeSyntax.parse(text.trimmingCharacters(in: .whitespaces)) else { return nil }
        return Date(timeIntervalSince1970: time.secondsSinceEpoch)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, whole seconds.
    public static func format(_ date: Date) -> String {
        UTCTime(secondsSinceEpoch: date.timeIntervalSince1970).description
    }
}
