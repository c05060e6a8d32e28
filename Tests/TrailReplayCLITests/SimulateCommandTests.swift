import Foundation
import Testing
import TrailJSON

/// Runs `trailreplay simulate` from the build directory with files in a scratch directory.
private struct SimulateRunner {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("simulate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    static var binary: String? {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [here, here.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("trailreplay").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary ?? "trailreplay")
        process.arguments = ["simulate"] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}

@Suite(.enabled(if: SimulateRunner.binary != nil, "the trailreplay binary is not built beside the tests"))
struct SimulateCommandTests {
    static let allowS3 = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}"#
    static let bucketDeny = """
        {"Version": "2012-10-17", "Statement": [{"Sid": "DenyOutsideVpce", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
          "Resource": "*", "Condition": {"StringNotEqualsIfExists": {"aws:SourceVpce": "vpce-1"}}}]}
        """

    @Test func flagsGiveAJsonDecisionAndExitZero() throws {
        let runner = try SimulateRunner()
        let identity = try runner.write("id.json", Self.allowS3)
        let bucket = try runner.write("bucket.json", Self.bucketDeny)
        let result = try runner.run([
            "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k", "--principal", "arn:aws:iam::111122223333:user/alice",
            "--resource-account", "111122223333", "--identity", identity, "--resource-policy", bucket, "--format", "json",
        ])
        #expect(result.status == 0)
        let json = try JSONParser.parse(result.stdout)
        #expect(json["decision"] == "explicit-deny")
        #expect(json["denies"]?.arrayValue?.first?["policy"] == .string(bucket))
        #expect(json["denies"]?.arrayValue?.first?["statement"] == "DenyOutsideVpce")
        #expect(json["missingContext"] == ["aws:SourceVpce"])
    }

    @Test func contextFlagsMakeMultivaluedKeys() throws {
        let runner = try SimulateRunner()
        let identity = try runner.write(
            "id.json",
            #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["env", "owner"]}}}]}"#
        )
        let base = ["--action", "ec2:CreateTags", "--principal", "arn:aws:iam::111122223333:user/alice", "--identity", identity]
        let allowed = try runner.run(base + ["--context", "aws:TagKeys=env", "--context", "aws:TagKeys=owner"])
        #expect(allowed.stdout.hasPrefix("allow"))
        let denied = try runner.run(base + ["--context", "aws:TagKeys=env", "--context", "aws:TagKeys=team"])
        #expect(denied.stdout.hasPrefix("implicit-deny: no allow from identity"))
        #expect(denied.status == 0)
    }

    @Test func scpFilesFormOneLevel() throws {
        let runner = try SimulateRunner()
        let identity = try runner.write("id.json", Self.allowS3)
        let full = try runner.write("full.json", #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#)
        let deny = try runner.write("deny.json", #"{"Version": "2012-10-17", "Statement": [{"Sid": "NoDelete", "Effect": "Deny", "Action": "s3:Delete*", "Resource": "*"}]}"#)
        let result = try runner.run([
            "--action", "s3:DeleteObject", "--principal", "arn:aws:iam::111122223333:user/alice", "--identity", identity,
            "--scp", full, "--scp", deny,
        ])
        #expect(result.stdout.hasPrefix("explicit-deny: 1 statement denied the request\n  scp (level 0) policy `\(deny)`, statement `NoDelete`"))
    }

    @Test func inputCaseFile() throws {
        let runner = try SimulateRunner()
        let path = try runner.write(
            "case.json",
            """
            {"request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"},
             "identity": [\(Self.allowS3)], "scp": [[\(Self.allowS3)], []]}
            """)
        let result = try runner.run(["--input", path, "--format", "json"])
        #expect(result.status == 0)
        let json = try JSONParser.parse(result.stdout)
        #expect(json["decision"] == "implicit-deny")
        #expect(json["missingAllows"]?.arrayValue?.first?["level"] == .number("1"))
    }

    @Test(arguments: [
        (["--identity", "missing.json", "--action", "s3:GetObject"], "cannot read `missing.json`"),
        (["--identity", "bad.json", "--action", "s3:GetObject"], "Statement[0].Effect: effect must be `Allow` or `Deny`, found `Alow`"),
        (["--action", "s3"], "`--action` must be `service:Action`"),
        ([], "give `--action` or `--input`"),
        (["--input", "case.json", "--action", "s3:GetObject"], "cannot be combined"),
        (["--input", "badcase.json"], "request.action: must be a string"),
        (["--action", "s3:GetObject", "--context", "novalue"], "`--context` takes KEY=VALUE"),
        (["--action", "s3:GetObject", "--context", "=v"], "`--context` takes KEY=VALUE"),
        (["--action", "s3:GetObject", "--resource", "bucket/key"], "`--resource` must be an ARN"),
        (["--action", "s3:GetObject", "--principal", "alice"], "`--principal` must be an ARN or a service principal"),
        (["--action", "s3:GetObject", "--resource-account", "1234"], "`--resource-account` must be a 12-digit account id"),
        (["--input", "notjson.json"], "notjson.json`: invalid json"),
    ])
    func badInputFailsWithAMessage(arguments: [String], message: String) throws {
        let runner = try SimulateRunner()
        _ = try runner.write("bad.json", #"{"Statement": [{"Effect": "Alow", "Action": "*", "Resource": "*"}]}"#)
        _ = try runner.write("case.json", #"{"request": {"action": "s3:GetObject"}}"#)
        _ = try runner.write("badcase.json", #"{"request": {"action": 3}}"#)
        _ = try runner.write("notjson.json", #"{"request": "#)
        let resolved = arguments.map { $0.hasSuffix(".json") && $0 != "missing.json" ? runner.directory.appendingPathComponent($0).path : $0 }
        let result = try runner.run(resolved)
        // A usage error, like every other bad value: the message, then simulate's own usage.
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.contains("Usage: trailreplay simulate"), "\(result.stderr)")
    }
}
