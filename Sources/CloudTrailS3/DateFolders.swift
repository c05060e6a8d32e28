import CivilTime
import AWSCore
import Foundation

/// The `YYYY/`, `MM/` and `DD/` folders of CloudTrail's layout as ranges of delivery times.
struct DateFolder: Sendable, Equatable {
    enum Level: Sendable { case year, month, day }

    var level: Level
    var year: Int
    var month: Int
    var day: Int

    /// The folder's path below the region's folder, e.g. `2024/01/05/`.
    var path: String {
        switch level {
        case .year: return "\(DateFolder.digits(year, 4))/"
        case .month: return "\(DateFolder.digits(year, 4))/\(DateFolder.digits(month, 2))/"
        case .day: return "\(DateFolder.digits(year, 4))/\(DateFolder.digits(month, 2))/\(DateFolder.digits(day, 2))/"
        }
    }

    /// First delivery time in the folder.
    var start: String { "\(DateFolder.digits(year, 4))-\(DateFolder.digits(month, 2))-\(DateFolder.digits(day, 2))T00:00:00Z" }

    /// First delivery time after the folder.
    var end: String {
        switch level {
        case .year: return DateFolder(level: .year, year: year + 1, month: 1, day: 1).start
        case .month:
            return month == 12 ? DateFolder(level: .month, year: year + 1, month: 1, day: 1).start
                : DateFolder(level: .month, year: year, month: month + 1, day: 1).start
        case .day:
            return CivilDate(year: year, month: month, day: day).map { $0.next.start.description } ?? start
        }
    }

    /// The folders one level down that overlap `window`, computed (no listing needed) when the window is
    /// bounded inside this folder.
    func children(within window: DeliveryWindow) -> [DateFolder] {
        switch level {
        case .year:
            return (1...12).map { DateFolder(level: .month, year: year, month: $0, day: 1) }
                .filter { window.overlap(start: $0.start, end: $0.end) != .outside }
        case .month:
            var days: [DateFolder] = []
            var day = DateFolder(level: .day, year: year, month: month, day: 1)
            while day.month == month && day.year == year {
                if window.overlap(start: day.start, end: day.end) != .outside { days.append(day) }
                guard let next = DateFolder(dayStarting: day.end) else { break }
                day = next
            }
            return days
        case .day:
            return []
        }
    }

    /// The day folder that starts at a `YYYY-MM-DDT00:00:00Z` time.
    init?(dayStarting time: String) {
        let c = Array(time.utf8)
        guard c.count >= 10, let y = Int(String(decoding: c[0..<4], as: UTF8.self)),
            let m = Int(String(decoding: c[5..<7], as: UTF8.self)), let d = Int(String(decoding: c[8..<10], as: UTF8.self))
        else { return nil }
        self.init(level: .day, year: y, month: m, day: d)
    }

    init(level: Level, year: Int, month: Int, day: Int) {
        self.level = level
        self.year = year
        self.month = month
        self.day = day
    }

    /// The year folders a bounded window covers.
    static func years(of window: DeliveryWindow) -> [DateFolder] {
        guard let from = window.from, let until = window.until, let first = Int(from.prefix(4)), let last = Int(until.prefix(4))
        else { return [] }
        guard first <= last else { return [] }
        return (first...last).map { DateFolder(level: .year, year: $0, month: 1, day: 1) }
            .filter { window.overlap(start: $0.start, end: $0.end) != .outside }
    }

    /// Parses a listed child folder name (`2024/`, `01/`) one level below `parent` (nil: a year).
    static func parse(_ name: String, below parent: DateFolder?) -> DateFolder? {
        let digits = name.hasSuffix("/") ? String(name.dropLast()) : name
        guard let value = Int(digits), digits.allSatisfy(\.isASCII) else { return nil }
        guard let parent else {
            return digits.count == 4 ? DateFolder(level: .year, year: value, month: 1, day: 1) : nil
        }
        guard digits.count == 2 else { return nil }
        switch parent.level {
        case .year: return (1...12).contains(value) ? DateFolder(level: .month, year: parent.year, month: value, day: 1) : nil
        case .month: return (1...31).contains(value) ? DateFolder(level: .day, year: parent.year, month: parent.month, day: value) : nil
        case .day: return nil
        }
    }

    static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
