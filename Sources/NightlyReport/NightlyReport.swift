import ReplayResults

/// Everything a nightly report shows, computed from the attributions of a period and of its baseline.
/// Rendered as Markdown, JSON or HTML; deterministic for the same inputs (sorted, no generation time).
public struct NightlyReport: Sendable {
    /// A deny signature of the period that the baseline did not have.
    public struct NewDeny: Sendable, Equatable {
        public var signature: DenySignature
        public var count: Int
        public var firstSeen: String
    }

    public var period: ReportPeriod
    public var baseline: ReportPeriod
    public var summary: AttributionSummary
    public var byAccount: [String: Int]
    /// Authorization failures per UTC hour of the day, 0 to 23.
    public var byHour: [Int]
    public var baselineTotal: Int
    /// Deliveries of a call of the period beyond its first (CloudTrail delivers at least once): each call is
    /// counted once everywhere else.
    public var duplicateDeliveries: Int
    /// New signatures, most frequent first.
    public var newDenies: [NewDeny]
    /// How many entries each "top" list shows.
    public var top: Int

    /// `duplicateDeliveries` are those the store already left out; an eventID given twice is counted once more.
    public init(period: ReportPeriod, baseline: ReportPeriod, attributions given: [Attribution],
        baselineAttributions givenBaseline: [Attribution], duplicateDeliveries: Int = 0, top: Int = 10)
    {
        self.period = period
        self.baseline = baseline
        self.top = top
        let (attributions, repeated) = NightlyReport.distinctCalls(given)
        self.duplicateDeliveries = duplicateDeliveries + repeated
        let baselineAttributions = NightlyReport.distinctCalls(givenBaseline).calls
        baselineTotal = baselineAttributions.count
        var summary = AttributionSummary()
        var byAccount: [String: Int] = [:]
        var byHour = [Int](repeating: 0, count: 24)
        for result in attributions {
            summary.add(result)
            byAccount[result.account ?? "(unknown)", default: 0] += 1
            if let hour = NightlyReport.hour(of: result.eventTime) { byHour[hour] += 1 }
        }
        self.summary = summary
        self.byAccount = byAccount
        self.byHour = byHour
        let known = Set(baselineAttributions.map(DenySignature.init))
        var fresh: [DenySignature: NewDeny] = [:]
        for result in attributions {
            let signature = DenySignature(result)
            guard !known.contains(signature) else { continue }
            let time = result.eventTime ?? ""
            if var entry = fresh[signature] {
                entry.count += 1
                entry.firstSeen = min(entry.firstSeen, time)
                fresh[signature] = entry
            } else {
                fresh[signature] = NewDeny(signature: signature, count: 1, firstSeen: time)
            }
        }
        newDenies = fresh.values.sorted { $0.count != $1.count ? $0.count > $1.count : $0.signature < $1.signature }
    }

    /// The attributions with each eventID once (the first), and how many were left out; those without an
    /// eventID cannot be told apart and are all kept.
    static func distinctCalls(_ attributions: [Attribution]) -> (calls: [Attribution], repeated: Int) {
        var seen = Set<String>()
        let calls = attributions.filter { result in result.eventID.map { seen.insert($0).inserted } ?? true }
        return (calls, attributions.count - calls.count)
    }

    /// What follows the number of calls when some were delivered more than once: ` (1 duplicate delivery)`.
    public var duplicateDeliveriesNote: String {
        guard duplicateDeliveries > 0 else { return "" }
        return " (\(duplicateDeliveries) duplicate deliver\(duplicateDeliveries == 1 ? "y" : "ies"))"
    }

    /// The first `top` entries of a breakdown, by descending count then name.
    public func topEntries(_ map: [String: Int]) -> [(key: String, value: Int)] {
        Array(AttributionSummary.sorted(map).prefix(top))
    }

    /// The hour of an ISO 8601 time (`YYYY-MM-DDTHH:…`).
    static func hour(of time: String?) -> Int? {
        guard let time, time.utf8.count >= 13 else { return nil }
        let start = time.index(time.startIndex, offsetBy: 11)
        guard let hour = Int(time[start..<time.index(start, offsetBy: 2)]), (0..<24).contains(hour) else { return nil }
        return hour
    }
}
