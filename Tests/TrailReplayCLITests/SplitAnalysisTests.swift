import Foundation
import Testing

/// `index`, `analyze --index` and `summarize` as a split run uses them, and the Spark job over them: the parts'
/// results, concatenated in file order, are a single `analyze`'s output, byte for byte.
struct SplitAnalysisTests {
    static let fixtures = CLI.root + "/Tests/PipelineTests/Fixtures"
    static let firstSampleFile = CLI.root + "/SampleLogs/AWSLogs/222233334444/CloudTrail/us-east-1/2026/11/28/"
        + "222233334444_CloudTrail_us-east-1_20261128T0905Z_Wk1a2B3c4D5e6F7g.json.gz"

    /// The sample's archive without the file that issues and uses the builder session, plus that session's
    /// issuing record in a later file than the call using it, and the call delivered again in the last file.
    static func archive(in work: String) throws -> String {
        let logs = work + "/logs"
        try FileManager.default.copyItem(atPath: CLI.root + "/SampleLogs", toPath: logs)
        try FileManager.default.removeItem(atPath: logs + "/AWSLogs/222233334444/CloudTrail/us-east-1/2026/11/28/"
            + "222233334444_CloudTrail_us-east-1_20261128T0915Z_Wk8h9I0j1K2l3M4n.json.gz")
        try FileManager.default.copyItem(atPath: fixtures + "/uses-builder-session.json", toPath: logs + "/a-uses.json")
        try FileManager.default.copyItem(atPath: fixtures + "/issues-builder-session.json", toPath: logs + "/b-issues.json")
        try FileManager.default.copyItem(atPath: fixtures + "/uses-builder-session.json", toPath: logs + "/z-again.json")
        return logs
    }

    @Test func partsAnalyzedWithTheWholeIndexGiveTheWholeRunsOutputAndSummary() throws {
        let work = DenyFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let logs = try SplitAnalysisTests.archive(in: work)
        let snapshot = CLI.root + "/SampleSnapshot"
        let whole = try CLI.run(["analyze", logs, "--snapshot", snapshot])
        #expect(whole.status == 0, "\(whole.stderr)")
        #expect(whole.lines.count == 10, "eleven failures, one delivered twice")
        let call = whole.lines.first { $0.contains(#""eventID":"5a3c0d2e-1b4f-4c6a-9e8d-000000000008""#) }
        #expect(call?.contains(#""layer":"session""#) == true, "the session issued in a later file is replayed")

        let listing = try CLI.run(["index", "--list", logs])
        let files = listing.lines
        #expect(listing.status == 0)
        #expect(files.count == 6, "digest and Insights files are not listed")
        #expect(files[3] == logs + "/a-uses.json", "in byte order of the paths: `AWSLogs/` first")
        #expect(files.last == logs + "/z-again.json")

        let index = try CLI.run(["index", logs, "-o", work + "/index.jsonl"])
        #expect(index.status == 0, "\(index.stderr)")
        #expect(index.stderr.contains("records: 16 read = 11 authorization failures + 5 not selected"), "\(index.stderr)")
        // After file 4 the session's call and its issuing record are in different parts.
        for cut in [1, 3, 4, 5] {
            var parts: [String] = []
            for (number, slice) in [Array(files[..<cut]), Array(files[cut...])].enumerated() {
                let part = try CLI.run(["analyze", "--index", work + "/index.jsonl", "--snapshot", snapshot] + slice)
                #expect(part.status == 0, "\(part.stderr)")
                try part.stdout.write(toFile: work + "/part-\(cut)-\(number).jsonl", atomically: true, encoding: .utf8)
                parts.append(part.stdout)
            }
            #expect(parts.joined() == whole.stdout, "cut after file \(cut)")
            let summary = try CLI.run(["summarize", "--index", work + "/index.jsonl",
                work + "/part-\(cut)-0.jsonl", work + "/part-\(cut)-1.jsonl"])
            #expect(summary.status == 0, "\(summary.stderr)")
            let wholeSummary = whole.stderr.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("files: ") }.joined(separator: "\n")
            #expect(summary.stdout == wholeSummary, "cut after file \(cut)")
            #expect(summary.stdout.contains("1 duplicate delivery not replayed again"))
        }
    }

    @Test func aBadIndexLineOrResultLineIsNamedAndTheRunExitsOne() throws {
        let work = DenyFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let index = work + "/index.jsonl"
        try "{\"kind\":\"failure\",\"file\":\"x\"}\n".write(toFile: index, atomically: true, encoding: .utf8)
        let analyzed = try CLI.run(["analyze", "--index", index, "--snapshot", CLI.root + "/SampleSnapshot",
            SplitAnalysisTests.firstSampleFile])
        #expect(analyzed.status == 1)
        #expect(analyzed.stderr.contains("error: \(index): record 1: not an index entry: no `eventID`"))
        #expect(analyzed.lines.count == 4, "the part is still analyzed")

        let results = work + "/results.jsonl"
        try (analyzed.stdout + "{\"not\":\"a result\"}\n").write(toFile: results, atomically: true, encoding: .utf8)
        let summary = try CLI.run(["summarize", results, "--format", "json"])
        #expect(summary.status == 1)
        #expect(summary.stderr.contains("error: \(results): record 5: not an analyze result"))
        #expect(summary.stdout.hasPrefix(#"{"total":4,"#))
    }

    static let spark: Bool = {
        guard let done = try? CLI.runProgram("/usr/bin/env", ["python3", "-c", "import pyspark"]), done == 0 else {
            return false
        }
        return (try? CLI.runProgram("/usr/bin/env", ["java", "-version"])) == 0
    }()

    @Test(.enabled(if: spark, "needs pyspark and a Java runtime (pip install pyspark; apt-get install openjdk-17-jre-headless)"),
        .timeLimit(.minutes(5)))
    func theSparkJobInLocalModeGivesALocalAnalyzesResults() throws {
        let work = DenyFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let logs = try SplitAnalysisTests.archive(in: work)
        let snapshot = CLI.root + "/SampleSnapshot"
        let whole = try CLI.run(["analyze", logs, "--snapshot", snapshot])
        let out = work + "/out"
        let status = try CLI.runProgram("/usr/bin/env", ["python3", CLI.root + "/Scripts/spark/analyze.py", logs,
            "--snapshot", snapshot, "--output", out, "--master", "local[2]", "--partitions", "3",
            "--trailreplay", CLI.binary], log: work + "/spark.log")
        #expect(status == 0, "\((try? String(contentsOfFile: work + "/spark.log", encoding: .utf8)) ?? "")")
        let parts = try FileManager.default.contentsOfDirectory(atPath: out + "/results")
            .filter { $0.hasPrefix("part-") }.sorted()
        #expect(parts.count == 3)
        let results = try parts.map { try String(contentsOfFile: out + "/results/" + $0, encoding: .utf8) }.joined()
        #expect(results == whole.stdout)
        let summary = try String(contentsOfFile: out + "/summary.txt", encoding: .utf8)
        let wholeSummary = whole.stderr.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("files: ") }.joined(separator: "\n")
        #expect(summary == wholeSummary)
    }
}
