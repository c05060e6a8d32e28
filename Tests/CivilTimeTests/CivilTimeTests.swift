import CivilTime
import Testing

/// The one calendar of the package: days, instants, and the strict reading of what users and logs write.
@Suite struct CivilDateTests {
    @Test func daysAcrossMonthsYearsAndLeapYears() {
        func next(_ text: String) -> String? { CivilDate(text)?.next.description }
        func previous(_ text: String) -> String? { CivilDate(text)?.previous.description }
        #expect(next("2026-11-30") == "2026-12-01")
        #expect(next("2026-12-31") == "2027-01-01")
        #expect(next("2028-02-28") == "2028-02-29")
        #expect(next("2100-02-28") == "2100-03-01")
        #expect(previous("2026-01-01") == "2025-12-31")
        #expect(previous("2024-03-01") == "2024-02-29")
        #expect(previous("2000-03-01") == "2000-02-29")
    }

    @Test func everyDayOfTwoCenturiesRoundTripsThroughItsDayNumber() {
        var date = CivilDate(year: 1900, month: 1, day: 1)
        var days = date?.daysSinceEpoch ?? 0
        #expect(days == -25_567)
        while let current = date, current.year < 2101 {
            #expect(CivilDate(daysSinceEpoch: days) == current)
            #expect(CivilDate(current.description) == current)
            let following = current.next
            #expect(following.daysSinceEpoch == days + 1)
            #expect(current < following)
            date = following
            days += 1
        }
    }

    /// Gregorian leap years: every fourth year, except centuries not divisible by 400.
    @Test(arguments: [("2024-02-29", true), ("2023-02-29", false), ("2000-02-29", true), ("2100-02-29", false),
        ("2026-04-31", false), ("2026-11-31", false), ("2026-12-31", true), ("2026-13-45", false), ("2026-00-10", false),
        ("2026-01-00", false), ("2026-1-01", false), ("26-01-01", false), ("2026-01-01x", false), ("", false)])
    func onlyRealDaysAreDays(text: String, valid: Bool) {
        #expect((CivilDate(text) != nil) == valid, "\(text)")
    }
}

@Suite struct TimeSyntaxTests {
    /// Every field is zero-padded to its width, at the ends of the range too.
    @Test func textIsZeroPadded() {
        #expect(CivilDate(year: 7, month: 3, day: 9)?.description == "0007-03-09")
        #expect(UTCTime(secondsSinceEpoch: 0).description == "1970-01-01T00:00:00Z")
        #expect(UTCTime(secondsSinceEpoch: -1).description == "1969-12-31T23:59:59Z")
        #expect(UTCTime(secondsSinceEpoch: 253_402_300_799.9).description == "9999-12-31T23:59:59Z")
        #expect(UTCTime(secondsSinceEpoch: 1_764_320_705).description == "2025-11-28T09:05:05Z")
    }

    @Test func instantsNormalizeToCloudTrailsForm() {
        #expect(UTCTime("2026-11-28")?.description == "2026-11-28T00:00:00Z")
        #expect(UTCTime("2026-11-28T09:05Z")?.description == "2026-11-28T09:05:00Z")
        #expect(UTCTime("2026-11-28T09:05:07.123Z")?.description == "2026-11-28T09:05:07Z")
        #expect(UTCTime("2026-11-28 09:05:07")?.description == "2026-11-28T09:05:07Z")
        #expect(UTCTime("2026-11-28T09:05:07+00:00")?.description == "2026-11-28T09:05:07Z")
        #expect(UTCTime("2026-11-28T01:30:00+02:00")?.description == "2026-11-27T23:30:00Z")
        #expect(UTCTime("2026-11-28T23:30:00-0130")?.description == "2026-11-29T01:00:00Z")
        #expect(UTCTime("28/11/2026") == nil)
        #expect(UTCTime("1969-12-31T23:59:59Z")?.secondsSinceEpoch == -1)
        #expect(UTCTime("1969-12-31T23:59:59Z")?.description == "1969-12-31T23:59:59Z")
    }

    @Test(arguments: ["2026-11-28T25:00:00Z", "2026-11-28T25:99:00Z", "2026-11-28T24:00:00Z", "2026-11-28T09:60:00Z",
        "2026-11-28T09:05:60Z", "2026-11-31T09:00:00Z", "2026-13-45T00:00:00Z", "2026-11-28T09:05:07.Z",
        "2026-11-28T09:05:07Q", "2026-11-28T09Z", "2026-11-28T09:05:07+24:00", "2026-11-28T09:05:07+01:60",
        "2026-11-28T09:05:07Zjunk", "2026-11-28T9:05Z"])
    func timesThatWouldRollOverAreRefused(text: String) {
        #expect(TimeSyntax.parse(text) == nil, "\(text)")
    }

    @Test func aDayAndAnInstantAreTold() {
        #expect(TimeSyntax.parse("2026-11-28") == .day(CivilDate(year: 2026, month: 11, day: 28)!))
        #expect(TimeSyntax.parse("2026-11-28T00:00:00Z") == .instant(UTCTime(secondsSinceEpoch: 1_795_824_000)))
    }
}

@Suite struct TimeRangeTests {
    @Test func toADayTakesTheWholeDayAndToATimeItsWholeSecond() throws {
        #expect(try TimeRange(from: nil, to: "2024-02-28").to?.description == "2024-02-29T00:00:00Z")
        #expect(try TimeRange(from: nil, to: "2026-12-31").to?.description == "2027-01-01T00:00:00Z")
        #expect(try TimeRange(from: nil, to: "2026-11-28T23:59:59Z").to?.description == "2026-11-29T00:00:00Z")
        #expect(try TimeRange(from: nil, to: "2026-11-28T23:59:59.5Z").to?.description == "2026-11-29T00:00:00Z")
        let day = try TimeRange(from: "2026-11-28", to: "2026-11-28")
        #expect(day.day == CivilDate("2026-11-28"))
        #expect(day.contains(UTCTime("2026-11-28T23:59:59Z")!))
        #expect(!day.contains(UTCTime("2026-11-29T00:00:00Z")!))
        #expect(try TimeRange(from: "2026-11-28T06:00:00Z", to: "2026-11-28T18:00:00Z").day == nil)
    }

    @Test func badOrEmptyRangesSayWhich() {
        #expect(throws: TimeRange.Problem.unreadable(option: "--from", text: "2026-13-45")) {
            try TimeRange(from: "2026-13-45", to: nil)
        }
        #expect(throws: TimeRange.Problem.unreadable(option: "--to", text: "2026-11-31")) {
            try TimeRange(from: nil, to: "2026-11-31")
        }
        #expect(throws: TimeRange.Problem.empty(from: "2026-11-29", to: "2026-11-28")) {
            try TimeRange(from: "2026-11-29", to: "2026-11-28")
        }
    }
}
