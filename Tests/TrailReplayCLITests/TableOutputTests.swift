import Foundation
import Testing

/// `analyze --format table` fits the terminal, and its event column is what `explain` accepts.
@Suite struct TableOutputTests {
    static let analyze = ["analyze", "SampleLogs", "--snapshot", "SampleSnapshot", "--format", "table"]

    /// The result rows: the lines between the dashes under the header and the first blank line.
    func resultLines(_ stdout: String) -> [String] {
        let lines = stdout.components(separatedBy: "\n")
        guard let rule = lines.firstIndex(where: { $0.hasPrefix("----") }) else { return [] }
        return Array(lines[(rule + 1)...].prefix { !$0.isEmpty })
    }

    @Test(arguments: [100, 140])
    func theTableFitsCOLUMNS(columns: Int) throws {
        let result = try CLI.run(Self.analyze, environment: ["COLUMNS": String(columns)])
        #expect(result.status == 0)
        for line in result.stdout.components(separatedBy: "\n") { #expect(line.count <= columns, "\(line)") }
        #expect(resultLines(result.stdout).count > 13, "long cells wrap onto more lines than results")
    }

    @Test func withoutCOLUMNSOrATerminalTheTableIs160Wide() throws {
        let result = try CLI.run(Self.analyze, environment: ["COLUMNS": ""])
        let widest = result.stdout.components(separatedBy: "\n").map(\.count).max() ?? 0
        #expect(widest <= 160)
        #expect(widest > 100, "the width is used, not a narrow default")
    }

    @Test func wideKeepsOneLinePerResult() throws {
        let result = try CLI.run(Self.analyze + ["--wide"], environment: ["COLUMNS": "80"])
        let rows = resultLines(result.stdout)
        #expect(rows.count == AnalyzeCommandTests.expected.count)
        #expect((rows.map(\.count).max() ?? 0) > 160)
    }

    @Test func everyEventShownIsOneExplainResolves() throws {
        let result = try CLI.run(Self.analyze + ["--wide"])
        let events = resultLines(result.stdout).compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(!events.isEmpty)
        for event in Set(events) where event != "-" {
            let explained = try CLI.run(["explain", event, "--snapshot", "SampleSnapshot", "SampleLogs"])
            #expect(explained.status == 0, "\(event): \(explained.stderr)")
            #expect(explained.stdout.contains(event))
        }
    }

    @Test func anAmbiguousPrefixIsRefusedWithItsCandidates() throws {
        let result = try CLI.run(["explain", "5a3c0d2e-1b4f", "--snapshot", "SampleSnapshot", "SampleLogs"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("names more than one event"))
        #expect(result.stderr.contains(AnalyzeCommandTests.eventID(3)))
    }

    @Test func aUniquePrefixIsResolved() throws {
        // One of the sample's failures under an eventID no other record shares the start of.
        let extracted = try CLI.run(["extract", "SampleLogs"])
        let original = AnalyzeCommandTests.eventID(8)
        let line = try #require(extracted.lines.first { $0.contains(original) })
        let id = "c0ffee00-0000-4000-8000-000000000001"
        let folder = NSTemporaryDirectory() + "trailreplay-prefix-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try line.replacingOccurrences(of: original, with: id).write(toFile: folder + "/renamed.json", atomically: true, encoding: .utf8)
        let result = try CLI.run(["explain", "c0ffee", "--snapshot", "SampleSnapshot", "SampleLogs", folder])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ec2:RunInstances"))
    }
}
