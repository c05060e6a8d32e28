import DenyStore
import Foundation
import Testing

/// `report` on a fixed store: the Markdown and JSON compared with golden files, the exit status of
/// `--fail-on-new`, and the HTML opened in a real headless browser.
@Suite struct ReportCommandTests {
    static let golden = CLI.root + "/Tests/TrailReplayCLITests/Golden"

    /// Compares with a golden file; `TRAILREPLAY_UPDATE_GOLDEN=1` rewrites it instead.
    static func expectGolden(_ text: String, _ name: String) throws {
        let path = golden + "/" + name
        if ProcessInfo.processInfo.environment["TRAILREPLAY_UPDATE_GOLDEN"] == "1" {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == expected, "differs from \(name); rerun with TRAILREPLAY_UPDATE_GOLDEN=1 to see the new output")
    }

    static func withStore(_ body: (String) throws -> Void) throws {
        let work = DenyFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try ReportFixture.writeStore(at: work + "/store.sqlite")
        try body(work)
    }

    @Test func markdownMatchesTheGoldenFile() throws {
        try ReportCommandTests.withStore { work in
            let result = try CLI.run(["report", "--store", work + "/store.sqlite", "--date", "2026-11-28", "--top", "3"])
            #expect(result.status == 0, "\(result.stderr)")
            try ReportCommandTests.expectGolden(result.stdout, "report-2026-11-28.md")
            #expect(result.stderr == "report: 8 authorization failures in 2026-11-28, 4 new deny signatures since 2026-11-27\n")
        }
    }

    @Test func jsonMatchesTheGoldenFile() throws {
        try ReportCommandTests.withStore { work in
            let result = try CLI.run(["report", "--store", work + "/store.sqlite", "--date", "2026-11-28",
                "--format", "json"])
            #expect(result.status == 0, "\(result.stderr)")
            try ReportCommandTests.expectGolden(result.stdout, "report-2026-11-28.json")
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            #expect(object?["total"] as? Int == 8)
        }
    }

    @Test func failOnNewExitsNonZeroOnlyWhenThereAreNewDenies() throws {
        try ReportCommandTests.withStore { work in
            let store = work + "/store.sqlite"
            let fresh = try CLI.run(["report", "--store", store, "--date", "2026-11-28", "--fail-on-new", "--format", "json"])
            #expect(fresh.status == 3)
            let same = try CLI.run(["report", "--store", store, "--date", "2026-11-28", "--baseline", "2026-11-28",
                "--fail-on-new", "--format", "json"])
            #expect(same.status == 0, "\(same.stderr)")
            #expect(same.stdout.contains(#""newDenies":[]"#))
            let range = try CLI.run(["report", "--store", store, "--from", "2026-11-27", "--to", "2026-11-29", "--format", "json"])
            #expect(range.stdout.hasPrefix(#"{"period":{"from":"2026-11-27T00:00:00Z","to":"2026-11-30T00:00:00Z"},"total":11,"#))
        }
    }

    @Test func badOptionsAndStoresGetOneClearDiagnostic() throws {
        try ReportCommandTests.withStore { work in
            let bad = try CLI.run(["report", "--store", work + "/store.sqlite", "--date", "2026-02-30"])
            #expect(bad.status == 64)
            #expect(bad.stderr.contains("cannot read --date `2026-02-30`: use YYYY-MM-DD"))
            let both = try CLI.run(["report", "--store", work + "/store.sqlite", "--date", "2026-11-28", "--from", "2026-11-27"])
            #expect(both.status == 64)
            let missing = try CLI.run(["report", "--store", work + "/none.sqlite", "--date", "2026-11-28"])
            #expect(missing.status == 2)
            #expect(missing.stderr == "error: cannot open the store `\(work)/none.sqlite`: no such file\n")
        }
    }

    /// The same calls delivered again the next night, in another file: counted once, their deliveries shown.
    @Test func aCallDeliveredTwiceIsCountedOnce() throws {
        try ReportCommandTests.withStore { work in
            let path = work + "/store.sqlite"
            let store = try DenyStore(path: path)
            let night = try store.beginRun(command: "analyze", snapshot: "snapshot", snapshotDigest: "fixed")
            let again = ReportFixture.reported.filter { ["d2", "d3"].contains($0.eventID) }
            let fresh = ReportFixture.deny("d9", "2026-11-28T10:00:00Z", principal: ReportFixture.alice,
                action: "iam:CreateUser", layer: .identity, policy: "\(ReportFixture.alice)#inline:guardrails",
                statement: "DenyUsers")
            try store.record(StoredFile(path: "/logs/late.json.gz", size: 99, modifiedAt: 1_764_100_000,
                contentHash: "late", recordsRead: 3, recordsSelected: 3), attributions: again + [fresh], runID: night)
            let markdown = try CLI.run(["report", "--store", path, "--date", "2026-11-28"])
            #expect(markdown.status == 0, "\(markdown.stderr)")
            #expect(markdown.stdout.contains("**9 authorization failures** (2 duplicate deliveries): "))
            #expect(markdown.stderr.hasPrefix("report: 9 authorization failures (2 duplicate deliveries) in 2026-11-28, "))
            let json = try CLI.run(["report", "--store", path, "--date", "2026-11-28", "--format", "json"])
            #expect(json.stdout.contains(#""total":9,"duplicateDeliveries":2,"#), "\(json.stdout.prefix(200))")
            let baseline = try CLI.run(["report", "--store", path, "--date", "2026-11-27", "--format", "json"])
            #expect(baseline.stdout.contains(#""total":2,"duplicateDeliveries":0,"#))
        }
    }
}
