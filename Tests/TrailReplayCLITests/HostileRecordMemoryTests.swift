import Foundation
import MotoSupport
import Testing
import TrailJSON

/// Whether python3 with `os.posix_spawn`, `os.wait4` and `os.waitstatus_to_exitcode` (3.9) is there.
let pythonCanMeasure = ProcessRunner.succeeds(["python3", "-c", "import os; os.wait4; os.posix_spawn; os.waitstatus_to_exitcode"])

/// `analyze` on records whose values are megabytes long, where AWS allows a few dozen characters: each such
/// record is `unknown` with a reason naming the field, the others are replayed, and the process's peak memory
/// (the child's `ru_maxrss` from `wait4`, no timers) stays within a small multiple of the largest record.
///
/// The bound, from measurement on the debug build (`/usr/bin/time -v`, same inputs): analyzing one ordinary record
/// peaks at about 48 MB (the runtime, the bundled service reference, the sample snapshot), the fixed base, which
/// the test measures too. Above it, reading a record costs the reader about 3 times the record (its window, the
/// parsed tree), and nothing after the reader keeps or copies a refused value: the 8 MB records below peak at
/// base + 25 MB, the forty 1 MB principals at base + 3 MB. Before the limits the same inputs peaked at base + 336 MB
/// (8 MB values copied into reasons, summaries and padded tables; an 8 MB `resources[]` ARN turned into 16-byte
/// characters to be matched) and base + 203 MB (every distinct principal kept by the summary). A bound of 6 times
/// the largest record plus 8 MB (the spread of the allocator's arenas between two runs) leaves room for other
/// builds and fails either regression by far.

@Suite(.enabled(if: pythonCanMeasure, "needs python3 (3.9 or later) to spawn the binary and report its wait4 usage"))
struct HostileRecordMemoryTests {
    static let account = "222233334444"
    static let factor = 6
    static let allowance = 8 << 20

    /// The most `analyze` may use on an input whose longest record is `largest` bytes.
    static func bound(base: Int, largest: Int) -> Int { base + factor * largest + allowance }

    /// An S3 GetObject failure by the sample snapshot's `carol`, with parts replaced.
    static func record(_ n: Int, identity: String? = nil, message: String = "Access Denied",
        parameters: String? = nil, resources: String? = nil) -> String
    {
        let user = #"{"type":"IAMUser","principalId":"AIDAWORKLOADCAROL0001","arn":"arn:aws:iam::\#(account):user/carol","accountId":"\#(account)","accessKeyId":"AKIAWORKLOADCAROL001","userName":"carol"}"#
        let eventID = "5a3c0d2e-1b4f-4c6a-9e8d-" + String(format: "%012x", n)
        return #"{"eventVersion":"1.09","userIdentity":\#(identity ?? user),"eventTime":"2026-11-28T09:14:20Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.24","errorCode":"AccessDenied","errorMessage":"\#(message)","requestParameters":\#(parameters ?? #"{"bucketName":"example-data","key":"uploads/carol.txt"}"#),"eventID":"\#(eventID)","recipientAccountId":"\#(account)""#
            + (resources.map { #","resources":\#($0)"# } ?? "") + "}"
    }

    /// One ordinary record, then one record per hostile field, each holding `size` bytes where AWS allows at most
    /// a few thousand; and the field each names.
    static func hostile(size: Int) -> (lines: [String], fields: [String]) {
        let big = String(repeating: "x", count: size)
        let cases: [(String, String)] = [
            (record(2, identity: #"{"type":"IAMUser","principalId":"AIDAX","arn":"arn:aws:iam::\#(account):user/\#(big)","accountId":"\#(account)","userName":"carol"}"#),
             "userIdentity.arn"),
            (record(3, resources: #"[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::example-data/\#(big)"}]"#), "resources[0].ARN"),
            (record(4, parameters: #"{"bucketName":"example-data","key":"\#(big)"}"#), "requestParameters.key"),
            (record(5, message: #"User: arn:aws:iam::\#(account):user/carol is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::example-data/\#(big)"#),
             "errorMessage"),
            (record(6, identity: #"{"type":"AssumedRole","principalId":"AROAX:\#(big)","arn":"arn:aws:sts::\#(account):assumed-role/intern/erin","accountId":"\#(account)","accessKeyId":"ASIAX"}"#),
             "userIdentity.principalId"),
        ]
        return ([record(1)] + cases.map(\.0), cases.map(\.1))
    }

    /// `lines` written to a temporary file; the file's path and its longest line.
    static func write(_ lines: [String], name: String) throws -> (path: String, largest: Int) {
        let directory = NSTemporaryDirectory() + "hostile-memory-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/" + name
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return (path, lines.map(\.utf8.count).max() ?? 0)
    }

    /// Spawns the command given after the report file and writes the child's `ru_maxrss` from `wait4`, in bytes.
    ///
    /// The binary is not spawned from the test process itself: `posix_spawn` starts its child on the parent's
    /// memory until `exec`, and Linux carries that memory's high-water mark across `exec` into the child's
    /// `ru_maxrss`, so every child of the test runner (hundreds of megabytes) would report at least the runner's
    /// peak. A python3 process of a few megabytes in between spawns it instead.
    static let waiter = """
        import os, sys
        pid = os.posix_spawn(sys.argv[2], sys.argv[2:], os.environ)
        _, status, usage = os.wait4(pid, 0)
        with open(sys.argv[1], "w") as report:
            report.write(str(usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)))
        sys.exit(os.waitstatus_to_exitcode(status))
        """

    /// `analyze PATH --snapshot SampleSnapshot`: its output and its peak resident memory in bytes.
    static func analyze(_ path: String) throws -> (result: CommandResult, peak: Int) {
        let report = path + ".peak"
        let result = try ProcessRunner.run(["python3", "-c", waiter, report, CLI.binary, "analyze", path,
            "--snapshot", CLI.root + "/SampleSnapshot"])
        let peak = Int((try? String(contentsOfFile: report, encoding: .utf8)) ?? "") ?? Int.max
        return (result, peak)
    }

    static func results(_ result: CommandResult) throws -> [JSONValue] {
        try result.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
    }

    @Test func eightMegabyteValuesInEachFieldStayWithinAFewTimesTheRecord() throws {
        let base = try Self.write([Self.record(1)], name: "one.jsonl")
        defer { try? FileManager.default.removeItem(atPath: (base.path as NSString).deletingLastPathComponent) }
        let (lines, fields) = Self.hostile(size: 8 << 20)
        let input = try Self.write(lines, name: "hostile.jsonl")
        defer { try? FileManager.default.removeItem(atPath: (input.path as NSString).deletingLastPathComponent) }

        let baseline = try Self.analyze(base.path)
        #expect(baseline.result.status == 0, "\(baseline.result.stderr)")
        let run = try Self.analyze(input.path)
        #expect(run.result.status == 0, "\(run.result.stderr)")
        let bound = Self.bound(base: baseline.peak, largest: input.largest)
        #expect(run.peak <= bound, "peak \(run.peak >> 20) MB, base \(baseline.peak >> 20) MB, largest record \(input.largest >> 20) MB")

        let results = try Self.results(run.result)
        try #require(results.count == lines.count)
        // The ordinary record is replayed as it would be alone.
        #expect(results[0]["decision"] == (try Self.results(baseline.result)).first?["decision"])
        #expect(results[0]["decision"]?.stringValue != "unknown")
        for (result, field) in zip(results.dropFirst(), fields) {
            // Failure messages show at most the start of what came back, never megabytes of it.
            let reason = String((result["reason"]?.stringValue ?? "").prefix(200))
            let decision = result["decision"]?.stringValue ?? ""
            let resources = String(JSONWriter.string(result["resources"] ?? .null).prefix(200))
            if field == "errorMessage" {
                // AWS's message only comments on the call: left out, the call is rebuilt from the other fields.
                #expect(decision == results[0]["decision"]?.stringValue, "\(reason)")
                #expect(resources == #"["arn:aws:s3:::example-data/uploads/carol.txt"]"#, "\(reason)")
            } else {
                #expect(decision == "unknown", "\(field)")
                #expect(reason.hasPrefix("`\(field)` is longer than AWS allows"), "\(field): \(reason)")
                #expect(resources == "[]", "\(field)")
            }
            // Nothing of the refused value comes back out.
            let echoed = JSONWriter.string(result).contains("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
            #expect(!echoed, "\(field)")
        }
        let accounting = "\(lines.count) read = \(lines.count) authorization failures + 0 not selected + 0 outside filters + 0 unreadable"
        #expect(run.result.stderr.contains(accounting), "\(run.result.stderr.suffix(400))")
    }

    @Test func manyDistinctHugePrincipalsAreNotKept() throws {
        let base = try Self.write([Self.record(1)], name: "one.jsonl")
        defer { try? FileManager.default.removeItem(atPath: (base.path as NSString).deletingLastPathComponent) }
        let tail = String(repeating: "y", count: 1 << 20)
        let lines = (0..<40).map { i in
            Self.record(100 + i, identity: #"{"type":"IAMUser","principalId":"AIDAX","arn":"arn:aws:iam::\#(Self.account):user/\#(i)\#(tail)","accountId":"\#(Self.account)","userName":"carol"}"#)
        }
        let input = try Self.write(lines, name: "principals.jsonl")
        defer { try? FileManager.default.removeItem(atPath: (input.path as NSString).deletingLastPathComponent) }

        let baseline = try Self.analyze(base.path)
        let run = try Self.analyze(input.path)
        #expect(run.result.status == 0, "\(run.result.stderr)")
        #expect(run.peak <= Self.bound(base: baseline.peak, largest: input.largest),
            "peak \(run.peak >> 20) MB, base \(baseline.peak >> 20) MB, largest record \(input.largest >> 20) MB")
        let results = try Self.results(run.result)
        #expect(results.count == 40)
        let refused = results.filter { $0["reason"]?.stringValue?.hasPrefix("`userIdentity.arn` is longer than AWS allows") == true }
        #expect(refused.count == 40)
    }
}
