/// A span of time `[from, to)`, read from what users type for `--from` and `--to`: a day or an instant for
/// each, `--to DAY` taking in the whole day and `--to TIME` its whole second.
public struct TimeRange: Sendable, Hashable {
    public var from: UTCTime?
    /// Exclusive.
    public var to: UTCTime?

    public init(from: UTCTime? = nil, to: UTCTime? = nil) {
        self.from = from
        self.to = to
    }

    /// Why a pair of bounds cannot be read; the description is the message for the user.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case unreadable(option: String, text: String)
        case empty(from: String, to: String)

        public var description: String {
            switch self {
            case .unreadable(let option, let text):
                return "cannot read \(option) `\(text)`: use YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]Z with a real date and time"
            case .empty(let from, let to):
                return "--from `\(from)` is not before --to `\(to)`"
            }
        }
    }

    /// The range the options give; either may be absent.
    public init(from fromText: String?, to toText: String?) throws(Problem) {
        if let fromText {
            guard let parsed = TimeSyntax.parse(fromText) else { throw .unreadable(option: "--from", text: fromText) }
            from = parsed.start
        }
        if let toText {
            switch TimeSyntax.parse(toText) {
            case .day(let date)?: to = date.next.start
            case .instant(let time)?: to = UTCTime(secondsSinceEpoch: Double(time.wholeSeconds + 1))
            case nil: throw .unreadable(option: "--to", text: toText)
            }
        }
        if let from, let to, from >= to { throw .empty(from: fromText ?? "", to: toText ?? "") }
    }

    public func contains(_ time: UTCTime) -> Bool {
        if let from, time < from { return false }
        if let to, time >= to { return false }
        return true
    }

    /// Whether it is exactly one UTC day, midnight to midnight.
    public var day: CivilDate? {
        guard let from, let to, from.secondOfDay == 0, from.secondsSinceEpoch == Double(from.wholeSeconds),
            to == from.date.next.start
        else { return nil }
        return from.date
    }
}
