import Foundation
import GzipSupport
import MotoSupport
import Testing
import TrailJSON

/// What `extract` and `analyze` do with awkward inputs: gzip members at read boundaries or with bytes
/// between them, inputs with nothing to read, and a temporary disk that fills up.
@Suite struct ReaderInputTests {
    let folder = ScratchFolder()

    static func envelope(_ prefix: String, _ count: Int) -> [UInt8] {
        Array(("{\"Records\":[" + (0..<count).map { DenyFixture.record("\(prefix)\($0)") }.joined(separator: ",") + "]}").utf8)
    }

    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let path = folder.path + "/" + name
        DenyFixture.write(bytes, to: path)
        return path
    }

    @Test(arguments: -2...2)
    func extractReadsEveryMemberAroundA512KiBBoundary(delta: Int) throws {
        let bytes = StoredGzipMember.make(Self.envelope("a", 3), size: (512 << 10) + delta)
            + StoredGzipMember.make(Self.envelope("b", 3), size: 512 << 10) + DenyFixture.gzip(Self.envelope("c", 3))
        let path = write("boundary.json.gz", bytes)
        let result = try CLI.run(["extract", path])
        #expect(result.status == 0, "\(result.stderr)")
        let ids = try result.lines.map { try JSONParser.parse($0)["eventID"]?.stringValue ?? "" }
        #expect(ids == ["a0", "a1", "a2", "b0", "b1", "b2", "c0", "c1", "c2"])
        #expect(!result.stderr.contains("warning") && !result.stderr.contains("error"), "\(result.stderr)")
    }

    @Test(arguments: ["\n", "garbage"])
    func extractReportsBytesBetweenMembersOnceAndReadsTheRest(junk: String) throws {
        let first = DenyFixture.gzip(Self.envelope("a", 2))
        let path = write("junk.json.gz", first + Array(junk.utf8) + DenyFixture.gzip(Self.envelope("b", 2)))
        let result = try CLI.run(["extract", path])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.lines.count == 4)
        let problems = result.stderr.split(separator: "\n").filter { $0.hasPrefix("error") || $0.hasPrefix("warning") }
        #expect(problems == ["error: \(path) (compressed byte \(first.count)): \(junk.utf8.count) byte\(junk.utf8.count == 1 ? "" : "s") between gzip members are not gzip data (skipped)"],
            "\(result.stderr)")
        #expect(result.stderr.contains("compressed bytes skipped: \(junk.utf8.count)"), "\(result.stderr)")
    }

    @Test func anEmptyFolderIsAnErrorForExtractAndAnalyze() throws {
        let empty = folder.path + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        _ = folder.write("empty/notes.txt", "not a log")
        let extract = try CLI.run(["extract", empty])
        #expect(extract.status == 1)
        #expect(extract.stderr.contains("error: \(empty): no CloudTrail log file to read here (1 file skipped"), "\(extract.stderr)")
        #expect(extract.stderr.contains("1 input without logs"))
        let analyze = try CLI.run(["analyze", empty, "--snapshot", "SampleSnapshot"])
        #expect(analyze.status == 1)
        #expect(analyze.stderr.contains("error: \(empty): no CloudTrail log file to read here"), "\(analyze.stderr)")
    }

    @Test func filtersMatchingNoFileSayWhatWasThere() throws {
        for command in [["extract"], ["analyze", "--snapshot", "SampleSnapshot"]] {
            let result = try CLI.run(command + ["--account", "999999999999", "SampleLogs"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("warning: SampleLogs: no log file matches the filters; the "), "\(result.stderr)")
            #expect(result.stderr.contains("are for accounts 222233334444, "), "\(result.stderr)")
        }
    }

    /// More than the 8 MB kept in memory, so the lines go to a temporary file that `ulimit -f` cuts short.
    @Test func aTemporaryFileThatCannotBeWrittenExitsTwoWithoutATornLine() throws {
        let pad = String(repeating: "p", count: 1000)
        let lines = (0..<10_000).map { #"{"eventVersion":"1.09","eventID":"e\#($0)","eventName":"X","errorCode":"AccessDenied","pad":"\#(pad)"}"# }
        let path = write("big.jsonl", Array(lines.joined(separator: "\n").utf8))
        let result = try CLI.run(["extract", path], shellSetup: "trap '' XFSZ; ulimit -f 2048")
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("error: \(path): cannot write a temporary file: File too large"), "\(result.stderr)")
        #expect(result.lines.allSatisfy { (try? JSONParser.parse($0)) != nil })
        #expect(result.stdout.isEmpty || result.stdout.hasSuffix("\n"))
    }
}
