/// Which records a read keeps: by account, region and event time.
///
/// Files with a CloudTrail key name are pruned from the name alone before they are opened; records are
/// then checked against their own `eventTime` (and, for inputs without such a name, `recipientAccountId` and
/// `awsRegion`) so that the boundaries are exact.
public struct ReadFilter: Sendable, Equatable {
    public var accounts: Set<String> = []
    public var regions: Set<String> = []
    /// Inclusive lower bound, `YYYY-MM-DDTHH:MM:SSZ`.
    public var from: String?
    /// Exclusive upper bound, `YYYY-MM-DDTHH:MM:SSZ`.
    public var toExclusive: String?

    public init(accounts: Set<String> = [], regions: Set<String> = [], from: String? = nil, toExclusive: String? = nil) {
        self.accounts = accounts
        self.regions = regions
        self.from = from
        self.toExclusive = toExclusive
    }

    public var isEmpty: Bool { accounts.isEmpty && regions.isEmpty && from == nil && toExclusive == nil }
    var hasTimeRange: Bool { from != nil || toExclusive != nil }

    /// CloudTrail delivers a file within about 15 minutes of its events, and names it by delivery time:
    /// a file delivered this long after the range's end may still hold events inside it.
    static let deliveryDelaySlack = 3600

    /// Whether a file with this key can hold records the filter keeps.
    public func admits(_ key: CloudTrailKey) -> Bool {
        if !accounts.isEmpty && !accounts.contains(key.account) { return false }
        if !regions.isEmpty && !regions.contains(key.region) { return false }
        if let from, key.deliveryTime < from { return false }
        if let toExclusive, let limit = Timestamp.adding(seconds: ReadFilter.deliveryDelaySlack, to: toExclusive),
            key.deliveryTime >= limit
        {
            return false
        }
        return true
    }

    /// Whether a record's own fields fall inside the filter; nil values are not checked.
    func admits(eventTime: String?, account: String?, region: String?) -> Bool {
        if let account, !accounts.isEmpty, !accounts.contains(account) { return false }
        if let region, !regions.isEmpty, !regions.contains(region) { return false }
        if hasTimeRange {
            guard let eventTime, let time = Timestamp.normalize(eventTime) else { return false }
            if let from, time < from { return false }
            if let toExclusive, time >= toExclusive { return false }
        }
        return true
    }
}

/// ISO 8601 UTC timestamps as comparable strings.
public enum Timestamp {
    /// Normalizes `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]]Z` (or `+00:00`) to `YYYY-MM-DDTHH:MM:SSZ`.
    public static func normalize(_ text: String) -> String? {
        let c = Array(text.utf8)
        func digits(_ r: Range<Int>) -> Bool { r.upperBound <= c.count && c[r].allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        guard digits(0..<4), c.count >= 10, c[4] == 0x2D, digits(5..<7), c[7] == 0x2D, digits(8..<10) else { return nil }
        let date = String(decoding: c[0..<10], as: UTF8.self)
        if c.count == 10 { return date + "T00:00:00Z" }
        guard c[10] == UInt8(ascii: "T") || c[10] == UInt8(ascii: " "), digits(11..<13), c.count >= 16, c[13] == 0x3A,
            digits(14..<16)
        else { return nil }
        var seconds = "00"
        var rest = 16
        if c.count >= 19 && c[16] == 0x3A && digits(17..<19) {
            seconds = String(decoding: c[17..<19], as: UTF8.self)
            rest = 19
            if rest < c.count && c[rest] == UInt8(ascii: ".") {
                rest += 1
                while rest < c.count && c[rest] >= 0x30 && c[rest] <= 0x39 { rest += 1 }
            }
        }
        let zone = String(decoding: c[rest...], as: UTF8.self)
        guard zone == "Z" || zone == "+00:00" || zone.isEmpty else { return nil }
        return date + "T" + String(decoding: c[11..<16], as: UTF8.self) + ":" + seconds + "Z"
    }

    /// The day after a `YYYY-MM-DD` date, as a normalized timestamp: the exclusive end of `--to DAY`.
    public static func startOfNextDay(_ day: String) -> String? {
        guard let start = normalize(day), let days = daysSinceEpoch(start) else { return nil }
        return format(days: days + 1, secondOfDay: 0)
    }

    /// The timestamp one second later: the exclusive end of an inclusive `--to` time.
    public static func oneSecondAfter(_ timestamp: String) -> String? {
        adding(seconds: 1, to: timestamp)
    }

    static func adding(seconds: Int, to timestamp: String) -> String? {
        guard let days = daysSinceEpoch(timestamp) else { return nil }
        let c = Array(timestamp.utf8)
        func n(_ r: Range<Int>) -> Int { Int(String(decoding: c[r], as: UTF8.self)) ?? 0 }
        var total = n(11..<13) * 3600 + n(14..<16) * 60 + n(17..<19) + seconds
        var day = days
        while total >= 86400 { total -= 86400; day += 1 }
        while total < 0 { total += 86400; day -= 1 }
        return format(days: day, secondOfDay: total)
    }

    /// Days since 1970-01-01 of a normalized timestamp (proleptic Gregorian).
    static func daysSinceEpoch(_ timestamp: String) -> Int? {
        let c = Array(timestamp.utf8)
        guard c.count >= 10 else { return nil }
        guard let y = Int(String(decoding: c[0..<4], as: UTF8.self)),
            let m = Int(String(decoding: c[5..<7], as: UTF8.self)),
            let d = Int(String(decoding: c[8..<10], as: UTF8.self)), (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func format(days: Int, secondOfDay: Int) -> String {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let h = secondOfDay / 3600, mi = (secondOfDay % 3600) / 60, s = secondOfDay % 60
        return "\(y)-\(two(m))-\(two(d))T\(two(h)):\(two(mi)):\(two(s))Z"
    }
}
