import CivilTime
@testable import CloudTrailS3
import Foundation
import S3Access
import Testing
import TrailReader

/// Pruning by the CloudTrail layout: the keys found are exactly those a flat listing keeps with
/// `ReadFilter.admits`, for far fewer listings.
/// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/get-and-view-cloudtrail-log-files.html
@Suite struct LayoutPruningTests {
    static let a = "111122223333", b = "444455556666"
    static let keys = TrailKeys.year(a, "us-east-1") + TrailKeys.year(a, "eu-west-1", times: ["12:00"])
        + TrailKeys.year(b, "us-east-1", times: ["03:00"]) + TrailKeys.year("777788889999", "us-east-1", times: ["01:00"], root: "AWSLogs/")
        + [TrailKeys.digest(a, "us-east-1", "2024-03-10")]

    static func filter(accounts: Set<String> = [], regions: Set<String> = [], from: String? = nil, to: String? = nil) -> ReadFilter {
        // The bounds as `--from`/`--to` read them (a day for --to takes in the whole day).
        ReadFilter(accounts: accounts, regions: regions, time: (try? TimeRange(from: from, to: to)) ?? TimeRange())
    }

    /// The keys a flat listing keeps.
    static func expected(_ filter: ReadFilter) -> [String] {
        keys.filter { key in
            guard let name = key.split(separator: "/").last, let parsed = CloudTrailKey(fileName: String(name)), parsed.kind == .log else { return false }
            return filter.admits(parsed)
        }.sorted()
    }

    static func walk(_ filter: ReadFilter, from layout: TrailLayout = .logs("AWSLogs/")) async -> ([String], [String]) {
        let bucket = FakeBucket(keys)
        let outcome = await TrailLayoutWalk(lister: bucket, filter: filter, window: DeliveryWindow(filter: filter)).walk(from: layout)
        #expect(outcome.failures.isEmpty)
        return (outcome.objects.map(\.key).sorted(), bucket.listings)
    }

    @Test func oneDayListsThatDayAndTheNextDaysFirstHour() async {
        let filter = Self.filter(accounts: [Self.a], regions: ["us-east-1"], from: "2024-03-10", to: "2024-03-10")
        let (found, listings) = await Self.walk(filter)
        #expect(found == Self.expected(filter))
        #expect(found.count == 4)  // 00:10, 06:05, 23:55 on the 10th, and 00:10 on the 11th
        #expect(listings == [
            "AWSLogs/ /",
            "AWSLogs/o-exampleorg1/111122223333/CloudTrail/us-east-1/2024/03/10/",
            "AWSLogs/o-exampleorg1/111122223333/CloudTrail/us-east-1/2024/03/11/111122223333_CloudTrail_us-east-1_20240311T00",
        ])
    }

    @Test(arguments: [
        (Set<String>(), Set<String>(), "2024-03-10", "2024-03-10"),
        (["111122223333"], Set<String>(), "2024-02-27T10:30:00Z", "2024-03-02T22:59:59Z"),
        (Set<String>(), ["us-east-1"], "2024-12-30", nil),
        (["444455556666", "777788889999"], Set<String>(), nil, "2024-01-03"),
        (Set<String>(), Set<String>(), "2024-01-01", "2024-12-31"),
        (["111122223333"], ["eu-west-1"], "2024-06-15T12:00:00Z", "2024-06-15T12:00:00Z"),
        (Set<String>(), Set<String>(), "2024-05-31T23:00:00Z", "2024-06-01T00:30:00Z"),
        (Set<String>(), ["eu-west-1"], nil, nil),
    ] as [(Set<String>, Set<String>, String?, String?)])
    func prunedEqualsFiltered(_ accounts: Set<String>, _ regions: Set<String>, _ from: String?, _ to: String?) async {
        let filter = Self.filter(accounts: accounts, regions: regions, from: from, to: to)
        let (found, listings) = await Self.walk(filter)
        #expect(found == Self.expected(filter))
        #expect(listings.count < 200)
    }

    /// A whole year inside the window is one listing per region, not 366; the months around it are
    /// listed whole too, and only the last day's edge goes down to days and hours.
    @Test func wholeFoldersAreListedOnce() async {
        let filter = Self.filter(accounts: [Self.a], regions: ["us-east-1"], from: "2023-06-01", to: "2025-02-01")
        let (found, listings) = await Self.walk(filter, from: .account("AWSLogs/o-exampleorg1/111122223333/", account: Self.a))
        #expect(found == Self.expected(filter))
        let region = "AWSLogs/o-exampleorg1/111122223333/CloudTrail/us-east-1/"
        #expect(listings == ["2023/06/", "2023/07/", "2023/08/", "2023/09/", "2023/10/", "2023/11/", "2023/12/", "2024/",
            "2025/01/", "2025/02/01/", "2025/02/02/111122223333_CloudTrail_us-east-1_20250202T00"].map { region + $0 })
    }

    @Test func layoutLevelsOfAPrefix() {
        #expect(TrailLayout(prefix: "AWSLogs/") == .logs("AWSLogs/"))
        #expect(TrailLayout(prefix: "trails/prod/AWSLogs/o-exampleorg1/") == .organization("trails/prod/AWSLogs/o-exampleorg1/"))
        #expect(TrailLayout(prefix: "AWSLogs/o-exampleorg1/111122223333/CloudTrail/") == .account("AWSLogs/o-exampleorg1/111122223333/", account: "111122223333"))
        #expect(TrailLayout(prefix: "AWSLogs/111122223333/CloudTrail/eu-west-1/") == .region("AWSLogs/111122223333/CloudTrail/eu-west-1/", account: "111122223333", region: "eu-west-1"))
        for other in ["AWSLogs", "logs/", "AWSLogs/1111/", "AWSLogs/111122223333/CloudTrail-Digest/", "AWSLogs/111122223333/CloudTrail/eu-west-1/2024/"] {
            #expect(TrailLayout(prefix: other) == nil, "\(other)")
        }
    }

    @Test func deliveryWindowAddsAnHourAfterTo() {
        let window = DeliveryWindow(filter: Self.filter(from: "2024-03-10", to: "2024-03-10"))
        #expect(window == DeliveryWindow(from: "2024-03-10T00:00:00Z", until: "2024-03-11T01:00:00Z"))
        #expect(window.overlap(start: "2024-03-10T00:00:00Z", end: "2024-03-11T00:00:00Z") == .inside)
        #expect(window.overlap(start: "2024-03-11T00:00:00Z", end: "2024-03-12T00:00:00Z") == .partial)
        #expect(window.overlap(start: "2024-03-12T00:00:00Z", end: "2024-03-13T00:00:00Z") == .outside)
        #expect(window.overlap(start: "2024-03-09T00:00:00Z", end: "2024-03-10T00:00:00Z") == .outside)
    }

    @Test func partialDaysUseStartAfterAndHourPrefixes() {
        let day = DateFolder(level: .day, year: 2024, month: 3, day: 10)
        let window = DeliveryWindow(from: "2024-03-10T10:30:00Z", until: "2024-03-10T12:00:00Z")
        #expect(DayListing.requests(dayPrefix: "P/", account: "A", region: "R", day: day, window: window) == [
            ListRequest(prefix: "P/A_CloudTrail_R_20240310T10", startAfter: "P/A_CloudTrail_R_20240310T1030"),
            ListRequest(prefix: "P/A_CloudTrail_R_20240310T11"),
        ])
        let long = DeliveryWindow(from: "2024-03-10T01:00:00Z", until: "2024-03-10T20:00:01Z")
        #expect(DayListing.requests(dayPrefix: "P/", account: "A", region: "R", day: day, window: long) == [
            ListRequest(prefix: "P/", startAfter: "P/A_CloudTrail_R_20240310T0100"),
        ])
    }
}
