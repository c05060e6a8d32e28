/// The one reader of written dates and times in the package: ISO 8601 as AWS, CloudTrail and users write it.
///
/// Accepted: `YYYY-MM-DD`; or that, `T` (or `t` or a space), `HH:MM`, optionally `:SS` and a fraction, then
/// `Z`, `z`, an offset `±HH[:MM]` or nothing (UTC). Every field is checked against the calendar: a month 13,
/// 31 November, 29 February of a common year, hour 24 or more, minute or second 60 or more are refused,
/// never rolled over into another date.
public enum TimeSyntax {
    /// What a text named: a whole day, or an instant.
    public enum Parsed: Sendable, Equatable {
        case day(CivilDate)
        case instant(UTCTime)

        /// The instant, a day being its midnight.
        public var start: UTCTime {
            switch self {
            case .day(let date): return date.start
            case .instant(let time): return time
            }
        }
    }

    public static func parse(_ text: String) -> Parsed? {
        var text = text
        return text.withUTF8 { parse(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Parses raw UTF-8 (a field of a record, without allocating).
    public static func parse(bytes: UnsafeRawBufferPointer) -> Parsed? {
        var reader = Reader(bytes: bytes)
        guard let year = reader.digits(4), reader.skip("-"), let month = reader.digits(2), reader.skip("-"),
            let dayOfMonth = reader.digits(2), let date = CivilDate(year: year, month: month, day: dayOfMonth)
        else { return nil }
        if reader.atEnd { return .day(date) }
        guard reader.skip("T") || reader.skip("t") || reader.skip(" ") else { return nil }
        guard let hour = reader.digits(2), reader.skip(":"), let minute = reader.digits(2), hour < 24, minute < 60 else {
            return nil
        }
        var seconds = Double(hour * 3600 + minute * 60)
        if reader.skip(":") {
            guard let second = reader.digits(2), second < 60 else { return nil }
            seconds += Double(second)
            if reader.skip(".") {
                var scale = 0.1
                var any = false
                while let digit = reader.digit() {
                    seconds += Double(digit) * scale
                    scale /= 10
                    any = true
                }
                guard any else { return nil }
            }
        }
        let time = UTCTime(date: date, secondOfDay: seconds)
        if reader.atEnd { return .instant(time) }
        if reader.skip("Z") || reader.skip("z") { return reader.atEnd ? .instant(time) : nil }
        let sign: Double
        if reader.skip("+") { sign = 1 } else if reader.skip("-") { sign = -1 } else { return nil }
        guard let offsetHours = reader.digits(2) else { return nil }
        var offsetMinutes = 0
        if reader.skip(":") {
            guard let minutes = reader.digits(2) else { return nil }
            offsetMinutes = minutes
        } else if let minutes = reader.digits(2) {
            offsetMinutes = minutes
        }
        guard reader.atEnd, offsetHours < 24, offsetMinutes < 60 else { return nil }
        return .instant(time.adding(seconds: -sign * Double(offsetHours * 3600 + offsetMinutes * 60)))
    }

    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var index = 0
        var atEnd: Bool { index == bytes.count }

        mutating func skip(_ c: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: c) else { return false }
            index += 1
            return true
        }

        mutating func digit() -> Int? {
            guard index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 else { return nil }
            index += 1
            return Int(bytes[index - 1] - 0x30)
        }

        mutating func digits(_ count: Int) -> Int? {
            var value = 0
            for _ in 0..<count {
                guard let d = digit() else { return nil }
                value = value * 10 + d
            }
            return value
        }
    }
}
