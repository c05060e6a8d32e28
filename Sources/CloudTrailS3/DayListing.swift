/// One ListObjectsV2 walk: every key under `prefix`, after `startAfter`.
struct ListRequest: Sendable, Equatable {
    var prefix: String
    var startAfter: String?
}

/// The listings of one day folder that a window only partly covers: `start-after` the window's first
/// minute, and when it ends within the day, the hour prefixes of the names
/// (`ACCOUNT_CloudTrail_REGION_YYYYMMDDTHH`) instead of the whole day, so that the day after `--to`
/// costs the listing of its first hour.
enum DayListing {
    /// Hour prefixes are listed one by one up to this many; past it the whole day is cheaper.
    static let maxHourListings = 4

    static func requests(dayPrefix: String, account: String, region: String, day: DateFolder, window: DeliveryWindow)
        -> [ListRequest]
    {
        let clamp = window.clamped(start: day.start, end: day.end)
        guard let from = clamp.from, let until = clamp.until, from < until else { return [] }
        let stamp = "\(DateFolder.digits(day.year, 4))\(DateFolder.digits(day.month, 2))\(DateFolder.digits(day.day, 2))"
        let names = dayPrefix + "\(account)_CloudTrail_\(region)_\(stamp)T"
        let startAfter = from > day.start ? names + hhmm(from) : nil
        guard until < day.end else { return [ListRequest(prefix: dayPrefix, startAfter: startAfter)] }
        let firstHour = hour(from)
        let endsOnTheHour = until.dropFirst(14).prefix(5) == "00:00"
        let lastHour = endsOnTheHour ? hour(until) - 1 : hour(until)
        guard firstHour <= lastHour else { return [] }
        guard lastHour - firstHour + 1 <= maxHourListings else { return [ListRequest(prefix: dayPrefix, startAfter: startAfter)] }
        return (firstHour...lastHour).map { h in
            ListRequest(prefix: names + DateFolder.digits(h, 2), startAfter: h == firstHour ? startAfter : nil)
        }
    }

    /// `…THH:MM:SSZ` → HH.
    static func hour(_ time: String) -> Int { Int(time.dropFirst(11).prefix(2)) ?? 0 }

    /// `…THH:MM:SSZ` → `HHMM`.
    static func hhmm(_ time: String) -> String {
        String(time.dropFirst(11).prefix(2)) + String(time.dropFirst(14).prefix(2))
    }
}
