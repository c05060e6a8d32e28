import CivilTime

/// The UTC days a deny store holds calls for, as spans of consecutive days: what a report names when its
/// period (or baseline) has nothing, so that an empty day reads as "not collected" or "quiet" at a glance.
public struct StoreDays: Sendable, Equatable {
    /// Consecutive days, first to last (the same day twice for a single day).
    public struct Span: Sendable, Equatable {
        public var first: CivilDate
        public var last: CivilDate
        public var count: Int { last.daysSinceEpoch - first.daysSinceEpoch + 1 }
    }

    public private(set) var spans: [Span] = []

    /// How many spans a sentence lists before it gives only the count and the first and last day.
    static let spansListed = 4

    /// From the days in any order, repeats allowed.
    public init(_ days: [CivilDate]) {
        for day in Set(days).sorted() {
            if let last = spans.last, last.last.next == day {
                spans[spans.count - 1].last = day
            } else {
                spans.append(Span(first: day, last: day))
            }
        }
    }

    public var count: Int { spans.reduce(0) { $0 + $1.count } }

    /// `2026-11-27 to 2026-11-28, 2026-11-30 (3 days)`; `no calls` when empty; the count and the first and last
    /// day when there are more than a few gaps.
    public var description: String {
        guard let first = spans.first, let last = spans.last else { return "no calls" }
        let days = "\(count) day\(count == 1 ? "" : "s")"
        guard spans.count <= StoreDays.spansListed else {
            return "\(days) from \(first.first) to \(last.last), in \(spans.count) separate spans"
        }
        let listed = spans.map { $0.count == 1 ? "\($0.first)" : "\($0.first) to \($0.last)" }
        return listed.joined(separator: ", ") + " (\(days))"
    }
}
