/// A span of event times, `[from, to)`, as ISO 8601 UTC strings (the form of CloudTrail's `eventTime`).
public struct ReportPeriod: Sendable, Equatable {
    public var from: String
    public var to: String

    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }

    /// How the period reads in a title: the day alone when it is exactly one UTC day.
    public var label: String {
        if from.hasSuffix("T00:00:00Z"), to.hasSuffix("T00:00:00Z"), ReportPeriod.nextDay(String(from.prefix(10))) == String(to.prefix(10)) {
            return String(from.prefix(10))
        }
        return "\(from) to \(to)"
    }

    /// The UTC day `day` (`YYYY-MM-DD`), or nil when it is not a valid date.
    public static func day(_ day: String) -> ReportPeriod? {
        guard let next = nextDay(day) else { return nil }
        return ReportPeriod(from: day + "T00:00:00Z", to: next + "T00:00:00Z")
    }

    /// The day before `day`, or nil when `day` is not a valid `YYYY-MM-DD`.
    public static func previousDay(_ day: String) -> String? {
        guard let (y, m, d) = parse(day) else { return nil }
        if d > 1 { return format(y, m, d - 1) }
        if m > 1 { return format(y, m - 1, daysIn(y, m - 1)) }
        return format(y - 1, 12, 31)
    }

    /// The day after `day`, or nil when `day` is not a valid `YYYY-MM-DD`.
    public static func nextDay(_ day: String) -> String? {
        guard let (y, m, d) = parse(day) else { return nil }
        if d < daysIn(y, m) { return format(y, m, d + 1) }
        if m < 12 { return format(y, m + 1, 1) }
        return format(y + 1, 1, 1)
    }

    static func parse(_ day: String) -> (Int, Int, Int)? {
        let parts = day.split(separator: "-", omittingEmptySubsequences: false)
        guard day.utf8.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= daysIn(y, m) else { return nil }
        return (y, m, d)
    }

    static func daysIn(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func format(_ y: Int, _ m: Int, _ d: Int) -> String {
        func pad(_ n: Int, _ width: Int) -> String {
            let text = String(n)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }
}
