import Foundation
import Testing

/// Every command that takes a date reads it with the package's one parser, and refuses a date or time that
/// does not exist (exit 64) instead of rolling it over into another one.
@Suite struct DateOptionTests {
    static let impossible: [(option: String, value: String)] = [
        ("--from", "2026-13-45"), ("--to", "2026-11-31"), ("--from", "2026-11-28T25:99:00Z"),
        ("--to", "2026-02-29"), ("--from", "2026-11-28T23:59:60Z"),
    ]

    @Test(arguments: ["extract", "analyze"])
    func readingCommandsRefuseImpossibleDates(command: String) throws {
        for (option, value) in Self.impossible {
            var arguments = [command, "SampleLogs", option, value]
            if command == "analyze" { arguments += ["--snapshot", "SampleSnapshot"] }
            let result = try CLI.run(arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("cannot read \(option) `\(value)`"), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func reportRefusesImpossibleDatesInEveryDateOption() throws {
        let work = DenyFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try ReportFixture.writeStore(at: work + "/store.sqlite")
        let store = ["report", "--store", work + "/store.sqlite"]
        let cases: [([String], String)] = [
            (["--date", "2026-13-45"], "cannot read --date `2026-13-45`"),
            (["--date", "2026-11-28", "--baseline", "2026-11-31"], "cannot read --baseline `2026-11-31`"),
            (["--from", "2026-13-45", "--to", "2026-11-30"], "cannot read --from `2026-13-45`"),
            (["--from", "2026-11-28", "--to", "2026-11-31"], "cannot read --to `2026-11-31`"),
            (["--from", "2026-11-28T25:99:00Z", "--to", "2026-11-29"], "cannot read --from `2026-11-28T25:99:00Z`"),
        ]
        for (arguments, message) in cases {
            let result = try CLI.run(store + arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
    }

    @Test func realDatesAndOffsetsAreAccepted() throws {
        // 10:05:44+01:00 is 09:05:44Z: the repeated delivery's time, so the same five failures as 09:05–09:09Z.
        let offset = try CLI.run(["extract", "--from", "2026-11-28T10:05:00+01:00", "--to", "2026-11-28T10:09:59+01:00",
            "SampleLogs"])
        #expect(offset.status == 0, "\(offset.stderr)")
        #expect(offset.lines.count == 5)
    }
}
