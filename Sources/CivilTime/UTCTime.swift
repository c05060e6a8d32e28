/// An instant, as seconds since 1970-01-01T00:00:00Z (fractions kept), comparable and printable the way
/// CloudTrail writes `eventTime`.
public struct UTCTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var secondsSinceEpoch: Double

    public init(secondsSinceEpoch: Double) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    /// `secondOfDay` seconds after midnight UTC of `date`.
    public init(date: CivilDate, secondOfDay: Double = 0) {
        secondsSinceEpoch = Double(date.daysSinceEpoch) * 86_400 + secondOfDay
    }

    /// The time written as `text` (see `TimeSyntax`); a bare day is its midnight.
    public init?(_ text: String) {
        switch TimeSyntax.parse(text) {
        case .day(let date)?: self = date.start
        case .instant(let time)?: self = time
        case nil: return nil
        }
    }

    /// Whole seconds since the epoch, rounded down.
    public var wholeSeconds: Int { Int(secondsSinceEpoch.rounded(.down)) }

    /// The UTC day the instant falls on.
    public var date: CivilDate {
        let seconds = wholeSeconds
        return CivilDate(daysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    }

    /// Seconds since midnight UTC, whole.
    public var secondOfDay: Int { wholeSeconds - date.daysSinceEpoch * 86_400 }

    public func adding(seconds: Double) -> UTCTime { UTCTime(secondsSinceEpoch: secondsSinceEpoch + seconds) }

    /// `YYYY-MM-DDTHH:MM:SSZ`, fractions dropped: the form of CloudTrail's `eventTime`.
    public var description: String {
        let second = secondOfDay
        return date.description + "T" + TimeDigits.padded(second / 3600, 2) + ":"
            + TimeDigits.padded(second % 3600 / 60, 2) + ":" + TimeDigits.padded(second % 60, 2) + "Z"
    }

    public static func < (a: UTCTime, b: UTCTime) -> Bool { a.secondsSinceEpoch < b.secondsSinceEpoch }
}

enum TimeDigits {
    /// `value` in decimal, zero-padded to `width` digits.
    static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
