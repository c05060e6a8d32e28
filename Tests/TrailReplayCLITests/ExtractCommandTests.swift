import Foundation
import Testing
import TrailJSON

@Suite struct ExtractCommandTests {
    @Test func sampleLogsGiveExactCountsInPathOrder() throws {
        let result = try CLI.run(["extract", "SampleLogs"])
        #expect(result.status == 0, "\(result.stderr)")
        let events = try result.lines.map { try JSONParser.parse($0) }
        #expect(events.count == 14)
        #expect(events.map { $0["eventName"]?.stringValue ?? "" } == [
            "DeleteRole", "StopInstances", "RunInstances", "RunInstances", "RunInstances", "RunInstances",
            "StopLogging", "GetSecretValue", "PutRecord",
            "GetObject", "PutObject", "GetObject", "PutObject", "DeleteObject",
        ])
        #expect(result.stderr.contains(
            "files: 4 read, 2 skipped (1 digest, 1 insight), 0 failed; records: 21 read = 14 authorization failures + 7 not selected + 0 outside filters + 0 unreadable; duplicates: 1"),
            "\(result.stderr)")
    }

    @Test func dedupeDropsTheRepeatedDelivery() throws {
        let result = try CLI.run(["extract", "--dedupe", "SampleLogs"])
        #expect(result.status == 0)
        #expect(result.lines.count == 13)
        let ids = try result.lines.map { try JSONParser.parse($0)["eventID"]?.stringValue ?? "" }
        #expect(Set(ids).count == 13)
        #expect(result.stderr.contains("duplicates: 1 (1 dropped)"))
    }

    @Test func filtersByAccountRegionAndDay() throws {
        let data = try CLI.run(["extract", "--account", "555566667777", "SampleLogs"])
        #expect(data.lines.count == 5)
        // The other account's files are skipped by their key names, before they are opened.
        #expect(data.stderr.contains("files: 2 read, 4 skipped (1 digest, 1 insight, 2 outside filters)"), "\(data.stderr)")
        let none = try CLI.run(["extract", "--region", "eu-west-1", "SampleLogs"])
        #expect(none.lines.isEmpty)
        let otherDay = try CLI.run(["extract", "--from", "2026-11-29", "SampleLogs"])
        #expect(otherDay.lines.isEmpty)
        let sameDay = try CLI.run(["extract", "--from", "2026-11-28", "--to", "2026-11-28", "SampleLogs"])
        #expect(sameDay.lines.count == 14)
        let window = try CLI.run(["extract", "--from", "2026-11-28T09:05:00Z", "--to", "2026-11-28T09:09:59Z", "SampleLogs"])
        // 09:05:44 (delivered twice), 09:07:12, 09:08:21 and 09:09:02; the rest fall outside.
        #expect(window.lines.count == 5, "\(window.stderr)")
        #expect(window.stderr.contains("records: 21 read = 5 authorization failures + 2 not selected + 14 outside filters"), "\(window.stderr)")
    }

    @Test func allExtractsEveryRecordAndWritesToAFile() throws {
        let output = NSTemporaryDirectory() + "extract-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: output) }
        let result = try CLI.run(["extract", "--all", "--output", output, "SampleLogs"])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 21)
    }

    @Test func standardInputIsAnInput() throws {
        let lines = [#"{"eventID":"1","eventName":"GetObject","errorCode":"AccessDenied"}"#,
                     #"{"eventID":"2","eventName":"GetObject"}"#].joined(separator: "\n")
        let result = try CLI.run(["extract", "-"], stdin: Data(lines.utf8))
        #expect(result.status == 0)
        #expect(result.lines == [#"{"eventID":"1","eventName":"GetObject","errorCode":"AccessDenied"}"#])
    }

    @Test func badInputIsReportedTheRestIsReadAndTheExitCodeSaysSo() throws {
        let dir = NSTemporaryDirectory() + "extract-bad-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let good = CLI.root + "/SampleLogs/AWSLogs/555566667777/CloudTrail/us-east-1/2026/11/28/555566667777_CloudTrail_us-east-1_20261128T0920Z_Dt5o6P7q8R9s0T1u.json.gz"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: good))
        try bytes.write(to: URL(fileURLWithPath: dir + "/a-good.json.gz"))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: dir + "/b-truncated.json.gz"))
        try Data("this is not json".utf8).write(to: URL(fileURLWithPath: dir + "/c-text.json"))
        try Data(#"{"Records":[{"eventID":"x","eventName":"A","errorCode":"AccessDenied"},{"eventID":"y",,}]}"#.utf8)
            .write(to: URL(fileURLWithPath: dir + "/d-bad-record.json"))
        let result = try CLI.run(["extract", dir])
        #expect(result.status == 1)
        #expect(result.lines.count >= 6)  // 5 from the good file, x from d, and whatever the truncated file held
        #expect(result.stderr.contains("b-truncated.json.gz"))
        #expect(result.stderr.contains("c-text.json"))
        #expect(result.stderr.contains("d-bad-record.json: record 2"), "\(result.stderr)")
        #expect(result.stderr.contains("2 read"), "\(result.stderr)")
        #expect(result.stderr.contains("2 failed"), "\(result.stderr)")
        let summary = try #require(result.stderr.split(separator: "\n").last.map(String.init))
        let numbers = summary.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        // files: read, skipped, failed; records: read = selected + not selected + filtered + unreadable; duplicates
        #expect(numbers[3] == numbers[4] + numbers[5] + numbers[6] + numbers[7], "\(summary)")
        #expect(numbers[4] == result.lines.count)
    }

    @Test func usageErrorsAreReported() throws {
        let result = try CLI.run(["extract", "--from", "yesterday", "SampleLogs"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--from"))
    }

    @Test func realDataReadsCompletelyWithExactCounts() throws {
        let result = try CLI.run(["extract", CLI.realData])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains(
            "files: 38 read, 1 skipped (1 not a log file), 0 failed; records: 778 read = 89 authorization failures + 689 not selected + 0 outside filters + 0 unreadable; duplicates: 18"),
            "\(result.stderr)")
        let events = try result.lines.map { try JSONParser.parse($0) }
        #expect(events.count == 89)
        let codes = Dictionary(grouping: events, by: { $0["errorCode"]?.stringValue ?? "" }).mapValues(\.count)
        #expect(codes == ["Client.UnauthorizedOperation": 49, "AccessDenied": 37, "UnauthorizedOperation": 2, "VpceAccessDenied": 1])
    }

    @Test func realDataPerSourceMatchesItsReadme() throws {
        let stratus = try CLI.run(["extract", CLI.realData + "/stratus-red-team"])
        #expect(stratus.lines.count == 51)
        #expect(stratus.stderr.contains("records: 310 read"))
        let scraper = try CLI.run(["extract", "--all", CLI.realData + "/trailscraper"])
        #expect(scraper.lines.count == 4)
        // The same two records in the .json and the .json.gz copy: the second copy counts as duplicates.
        #expect(scraper.stderr.contains("duplicates: 2"))
        let panther = try CLI.run(["extract", "--all", "--dedupe", CLI.realData + "/panther-analysis"])
        #expect(panther.stderr.contains("records: 464 read"))
        // 125 distinct eventIDs, plus 54 fixtures that carry no eventID and so cannot be duplicates.
        #expect(panther.lines.count == 125 + 54)
    }
}
