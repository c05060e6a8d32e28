import CivilTime

/// A span of event times, `[from, to)`, as ISO 8601 UTC strings (the form of CloudTrail's `eventTime`, which
/// the store compares as text).
public struct ReportPeriod: Sendable, Equatable {
    public var from: String
    public var to: String

    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }

    public init(from: UTCTime, to: UTCTime) {
        self.init(from: from.description, to: to.description)
    }

    /// The UTC day `date`, midnight to midnight.
    public init(day date: CivilDate) {
        self.init(from: date.start, to: date.next.start)
    }

    /// How the period reads in a title: the day alone when it is exactly one UTC day.
    public var label: String {
        if let start = UTCTime(from), let end = UTCTime(to), let day = TimeRange(from: start, to: end).day {
            return day.description
        }
        return "\(from) to \(to)"
    }

    /// How the period reads after "no calls": `on 2026-11-28`, or `from … to …` when it is not one UTC day.
    public var phrase: String {
        label == "\(from) to \(to)" ? "from \(from) to \(to)" : "on \(label)"
    }

    /// The UTC day `day` (`YYYY-MM-DD`), or nil when it is not a valid date.
    public static func day(_ day: String) -> ReportPeriod? {
        CivilDate(day).map { ReportPeriod(day: $0) }
    }

    /// The day the period starts on.
    public var firstDay: CivilDate? { UTCTime(from)?.date }
}
