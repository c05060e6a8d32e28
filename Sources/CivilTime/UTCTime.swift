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
        var text = TimeDigits()
        text.append(date)
        text.append(UInt8(ascii: "T"))
        text.append(second / 3600, width: 2)
        text.append(UInt8(ascii: ":"))
        text.append(second % 3600 / 60, width: 2)
        text.append(UInt8(ascii: ":"))
        text.append(second % 60, width: 2)
        text.append(UInt8(ascii: "Z"))
        return text.string
    }

    public static func < (a: UTCTime, b: UTCTime) -> Bool { a.secondsSinceEpoch < b.secondsSinceEpoch }
}

/// The text of a date or time, written digit by digit into one buffer (results print thousands of times).
struct TimeDigits {
    private var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(24) }

    mutating func append(_ byte: UInt8) { bytes.append(byte) }

    /// `value` in decimal, zero-padded to `width` digits (a negative value is written with its sign).
    mutating func append(_ value: Int, width: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            append(-value, width: width)
            return
        }
        var place = 1
        var count = 1
        while value / place >= 10 {
            place *= 10
            count += 1
        }
        for _ in count..<max(width, count) { bytes.append(UInt8(ascii: "0")) }
        while place > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(value / place % 10))
            place /= 10
        }
    }

    /// `YYYY-MM-DD`.
    mutating func append(_ date: CivilDate) {
        append(date.year, width: 4)
        append(UInt8(ascii: "-"))
        append(date.month, width: 2)
        append(UInt8(ascii: "-"))
        append(date.day, width: 2)
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
