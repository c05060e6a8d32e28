import Foundation
import MotoSupport
import Testing

/// `s3://` inputs end to end against moto on 127.0.0.1: the sample archive seeded under the CloudTrail layout
/// reads as its local copy does, byte for byte, in the same order; the filters prune the listing; a forbidden
/// or missing object is one diagnostic naming it and the rest is read.
@Suite(.enabled(if: MotoServer.hasMoto, "needs python3 with moto and boto3 (pip install moto boto3)"), .serialized)
struct S3InputTests {
    static let sample = CLI.root + "/SampleLogs"
    static let day = "AWSLogs/222233334444/CloudTrail/us-east-1/2026/11/28/"
    static let forbidden = day + "222233334444_CloudTrail_us-east-1_20261128T0915Z_Wk8h9I0j1K2l3M4n.json.gz"
    static let missing = "AWSLogs/555566667777/CloudTrail/us-east-1/2026/11/28/"
        + "555566667777_CloudTrail_us-east-1_20261128T0920Z_Dt5o6P7q8R9s0T1u.json.gz"

    /// What the commands need to reach moto (or a proxy in front of it) with moto's keys, and nothing else.
    static func environment(_ endpoint: String) -> [String: String] {
        ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "", "AWS_PROFILE": "",
         "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL_S3": endpoint, "AWS_ENDPOINT_URL": "",
         "AWS_EC2_METADATA_DISABLED": "true", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent", "AWS_CONFIG_FILE": "/nonexistent"]
    }

    /// Runs the binary against `endpoint`.
    static func run(_ arguments: [String], _ endpoint: String) throws -> CLIResult {
        try CLI.run(arguments, environment: environment(endpoint))
    }

    @Test func analyzeOverS3IsTheLocalRunByteForByte() throws {
        let server = try MotoServer()
        defer { server.stop() }
        _ = try MotoBucket.seed(server, bucket: "org-trail", MotoBucket.Item.tree(Self.sample, prefix: "trails/"))
        for format in ["jsonl", "json", "table"] {
            let local = try CLI.run(["analyze", "SampleLogs", "--snapshot", "SampleSnapshot", "--format", format])
            let remote = try Self.run(["analyze", "s3://org-trail/trails/", "--snapshot", "SampleSnapshot", "--format", format],
                server.endpoint)
            #expect(local.status == 0, "\(local.stderr)")
            #expect(remote.status == local.status, "\(remote.stderr)")
            #expect(remote.stdout == local.stdout, "--format \(format)")
            #expect(remote.stderr == local.stderr, "--format \(format): the summary and the accounting line")
        }
        let remote = try Self.run(["analyze", "s3://org-trail/trails/", "--snapshot", "SampleSnapshot"], server.endpoint)
        #expect(remote.lines.count == 13, "thirteen eventIDs, one delivered twice")
        #expect(remote.stderr.contains("files: 4 read, 2 skipped (1 digest, 1 insight), 0 failed;"), "\(remote.stderr)")
    }

    /// The objects are read in key order, which is the order of the local walk over a copy of them (byte order of
    /// the paths): checked on an archive whose names sort differently by case and by digit, where a session is
    /// issued in a later object than the call using it and a call is delivered twice.
    @Test func objectsAreReadInTheLocalWalksOrder() throws {
        let work = DenyFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let logs = try SplitAnalysisTests.archive(in: work)
        let server = try MotoServer()
        defer { server.stop() }
        _ = try MotoBucket.seed(server, bucket: "split", MotoBucket.Item.tree(logs))

        let localList = try CLI.run(["index", "--list", logs])
        let remoteList = try Self.run(["index", "--list", "s3://split/"], server.endpoint)
        #expect(remoteList.status == 0, "\(remoteList.stderr)")
        #expect(remoteList.lines.count == 6)
        #expect(remoteList.lines.map { String($0.dropFirst("s3://split/".count)) }
            == localList.lines.map { String($0.dropFirst(logs.count + 1)) })

        let local = try CLI.run(["analyze", logs, "--snapshot", "SampleSnapshot"])
        let remote = try Self.run(["analyze", "s3://split/", "--snapshot", "SampleSnapshot"], server.endpoint)
        #expect(remote.status == 0, "\(remote.stderr)")
        #expect(remote.stdout == local.stdout)
        #expect(remote.stderr == local.stderr)

        // The index names each object `s3://bucket/key` where the local one names the file.
        let index = try Self.run(["index", "s3://split/"], server.endpoint)
        let localIndex = try CLI.run(["index", logs])
        #expect(index.status == 0, "\(index.stderr)")
        #expect(index.stdout.contains(#""file":"s3://split/b-issues.json""#))
        #expect(index.stdout == localIndex.stdout.replacingOccurrences(of: #""file":"\#(logs)/"#, with: #""file":"s3://split/"#))
    }

    /// `--account` and `--from`/`--to` become key prefixes: the other days are never listed, so they are not even
    /// counted as skipped, and only the day's objects of the account are fetched.
    @Test func extractWithAccountAndDayListsOnlyThatDay() throws {
        let server = try MotoServer()
        defer { server.stop() }
        let first = Self.sample + "/" + Self.day + "222233334444_CloudTrail_us-east-1_20261128T0905Z_Wk1a2B3c4D5e6F7g.json.gz"
        let otherDays = ["2026/11/27/222233334444_CloudTrail_us-east-1_20261127T0905Z_Aa1.json.gz",
                         "2026/11/29/222233334444_CloudTrail_us-east-1_20261129T0905Z_Aa2.json.gz",
                         "2026/12/01/222233334444_CloudTrail_us-east-1_20261201T0905Z_Aa3.json.gz"]
            .map { MotoBucket.Item(key: "AWSLogs/222233334444/CloudTrail/us-east-1/" + $0, file: first) }
        _ = try MotoBucket.seed(server, bucket: "trail", MotoBucket.Item.tree(Self.sample) + otherDays)
        let proxy = try FakeAWSServer("proxy", ["--upstream", server.endpoint])
        defer { proxy.stop() }

        let filters = ["--account", "222233334444", "--from", "2026-11-28", "--to", "2026-11-28"]
        let local = try CLI.run(["extract", "SampleLogs"] + filters)
        let remote = try Self.run(["extract", "s3://trail/"] + filters, proxy.endpoint)
        #expect(remote.status == 0, "\(remote.stderr)")
        #expect(remote.stdout == local.stdout)
        #expect(!remote.stdout.isEmpty)
        #expect(remote.stderr.contains("files: 2 read, 0 skipped, 0 failed;"), "\(remote.stderr)")

        let requests = try proxy.log()
        let gets = requests.filter { $0["method"] == "GET" }.compactMap { $0["path"] }.filter { !$0.contains("list-type=2") }
        #expect(gets.count == 2, "\(gets)")
        #expect(gets.allSatisfy { $0.contains("/2026/11/28/222233334444_CloudTrail_") }, "\(gets)")
        let listed = requests.compactMap { $0["path"] }.filter { $0.contains("list-type=2") }.map { $0.removingPercentEncoding ?? $0 }
        #expect(!listed.isEmpty)
        #expect(!listed.contains { $0.contains("2026/11/27") || $0.contains("2026/12") || $0.contains("555566667777") }, "\(listed)")
    }

    /// A forbidden object and a missing one in the middle of the listing: one diagnostic each naming
    /// `s3://bucket/key`, counted as failed files, exit 1, and every other object's records.
    @Test func aForbiddenOrMissingObjectIsOneDiagnosticAndTheRestIsRead() throws {
        let server = try MotoServer()
        defer { server.stop() }
        _ = try MotoBucket.seed(server, bucket: "trail", MotoBucket.Item.tree(Self.sample))
        let proxy = try FakeAWSServer("proxy", ["--upstream", server.endpoint, "--rules",
            #"[{"path": "Wk8h9I0j1K2l3M4n", "method": "GET", "status": 403, "code": "AccessDenied"},"#
                + #" {"path": "Dt5o6P7q8R9s0T1u", "method": "GET", "status": 404, "code": "NoSuchKey"}]"#])
        defer { proxy.stop() }

        let remote = try Self.run(["extract", "s3://trail/"], proxy.endpoint)
        #expect(remote.status == 1)
        let others = ["222233334444_CloudTrail_us-east-1_20261128T0905Z_Wk1a2B3c4D5e6F7g.json.gz",
                      "555566667777_CloudTrail_us-east-1_20261128T0925Z_Or2v3W4x5Y6z7A8b.json.gz"]
        let readable = try FileManager.default.subpathsOfDirectory(atPath: Self.sample).filter { path in
            others.contains { path.hasSuffix($0) }
        }.map { Self.sample + "/" + $0 }
        let local = try CLI.run(["extract"] + readable)
        #expect(!local.stdout.isEmpty)
        #expect(remote.stdout == local.stdout, "the other objects' records, in order")
        let errors = remote.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }
        #expect(errors == [
            "error: s3://trail/\(Self.forbidden): cannot open: access denied (AccessDenied: injected by fake_aws)",
            "error: s3://trail/\(Self.missing): cannot open: not found (NoSuchKey)",
        ], "\(remote.stderr)")
        #expect(remote.stderr.contains("files: 2 read, 2 skipped (1 digest, 1 insight), 2 failed;"), "\(remote.stderr)")

        let analyzed = try Self.run(["analyze", "s3://trail/", "--snapshot", "SampleSnapshot"], proxy.endpoint)
        #expect(analyzed.status == 1)
        #expect(analyzed.stderr.split(separator: "\n").filter { $0.contains(Self.forbidden) }.count == 1, "\(analyzed.stderr)")
        #expect(!analyzed.lines.isEmpty)
    }

    @Test func whatifOverS3IsTheLocalRun() throws {
        let server = try MotoServer()
        defer { server.stop() }
        _ = try MotoBucket.seed(server, bucket: "trail", MotoBucket.Item.tree(Self.sample))
        let (folder, file) = try WhatIfCommandTests.candidate(WhatIfCommandTests.denyEC2)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let change = ["--snapshot", "SampleSnapshot", "--attach-scp", file, "--attach-to", "ou-a1b2-prod7k3q"]
        let local = try CLI.run(["whatif", "SampleLogs"] + change)
        let remote = try Self.run(["whatif", "s3://trail/AWSLogs/"] + change, server.endpoint)
        #expect(local.status == 3)
        #expect(remote.status == 3, "\(remote.stderr)")
        #expect(remote.stdout == local.stdout)
        #expect(remote.stderr == local.stderr)
        #expect(remote.stdout.contains("5a3c0d2e-1b4f-4c6a-9e8d-000000000002"))
    }

    /// Local folders and `s3://` prefixes in one run: every file once, in the byte order of the names.
    @Test func localAndS3InputsMix() throws {
        let server = try MotoServer()
        defer { server.stop() }
        _ = try MotoBucket.seed(server, bucket: "trail", MotoBucket.Item.tree(Self.sample + "/AWSLogs/555566667777", prefix: "AWSLogs/555566667777/"))
        let mixed = try Self.run(["index", "--list", "SampleLogs/AWSLogs/222233334444", "s3://trail/"], server.endpoint)
        #expect(mixed.status == 0, "\(mixed.stderr)")
        #expect(mixed.lines.count == 3)
        #expect(mixed.lines.last == "s3://trail/" + Self.missing)
        let extracted = try Self.run(["extract", "SampleLogs/AWSLogs/222233334444", "s3://trail/"], server.endpoint)
        let local = try CLI.run(["extract", "SampleLogs/AWSLogs/222233334444", "SampleLogs/AWSLogs/555566667777"])
        #expect(extracted.status == 0, "\(extracted.stderr)")
        #expect(extracted.stdout == local.stdout)

        let empty = try Self.run(["extract", "s3://trail/nothing/"], server.endpoint)
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("error: s3://trail/nothing/: no CloudTrail log object to read here"), "\(empty.stderr)")
        #expect(empty.stderr.contains("1 input without logs"))
        let stored = try Self.run(["analyze", "s3://trail/", "--snapshot", "SampleSnapshot", "--store", "/tmp/never.sqlite"],
            server.endpoint)
        #expect(stored.status == 64)
        #expect(stored.stderr.contains("--store records local files"), "\(stored.stderr)")
    }

    /// The Spark job over an `s3://` archive: the driver lists it, each executor reads its part's objects by name;
    /// the results are a local `analyze`'s of the same objects.
    @Test(.enabled(if: SplitAnalysisTests.spark, "needs pyspark and a Java runtime (pip install pyspark; apt-get install openjdk-17-jre-headless)"),
        .timeLimit(.minutes(5)))
    func theSparkJobReadsAnS3Archive() throws {
        let work = DenyFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let logs = try SplitAnalysisTests.archive(in: work)
        let server = try MotoServer()
        defer { server.stop() }
        _ = try MotoBucket.seed(server, bucket: "split", MotoBucket.Item.tree(logs, prefix: "trail/"))
        let whole = try CLI.run(["analyze", logs, "--snapshot", "SampleSnapshot"])
        let out = work + "/out"
        let status = try CLI.runProgram("/usr/bin/env", ["python3", CLI.root + "/Scripts/spark/analyze.py", "s3a://split/trail/",
            "--snapshot", "SampleSnapshot", "--output", out, "--master", "local[2]", "--partitions", "3",
            "--trailreplay", CLI.binary], log: work + "/spark.log", environment: Self.environment(server.endpoint))
        #expect(status == 0, "\((try? String(contentsOfFile: work + "/spark.log", encoding: .utf8)) ?? "")")
        let parts = try FileManager.default.contentsOfDirectory(atPath: out + "/results").filter { $0.hasPrefix("part-") }.sorted()
        #expect(parts.count == 3)
        let results = try parts.map { try String(contentsOfFile: out + "/results/" + $0, encoding: .utf8) }.joined()
        #expect(results == whole.stdout)
        let index = try String(contentsOfFile: out + "/index.jsonl", encoding: .utf8)
        #expect(index.contains(#""file":"s3://split/trail/b-issues.json""#))
    }
}
