import Foundation
import MotoSupport
import Snapshot
import Testing

/// Runs Scripts/collect-snapshot against a stand-in `aws` command that answers a few calls and refuses the
/// rest, to check that failures are reported one by one and collection goes on.
@Suite struct CollectorScriptTests {
    static let fakeAWS = """
        #!/usr/bin/env bash
        args="$*"
        case "$args" in
          *"sts get-caller-identity"*) printf '111122223333\\tarn:aws:iam::111122223333:user/ops\\n' ;;
          *"s3api list-buckets --query"*) printf 'with-policy\\twithout-policy\\n' ;;
          *"s3api list-buckets"*) printf '{"Buckets": [{"Name": "with-policy"}, {"Name": "without-policy"}]}\\n' ;;
          *"get-bucket-policy --bucket with-policy"*) printf '{"Policy": "{\\\\"Version\\\\":\\\\"2012-10-17\\\\",\\\\"Statement\\\\":[]}"}\\n' ;;
          *"get-bucket-policy --bucket without-policy"*)
            echo "An error occurred (NoSuchBucketPolicy) when calling the GetBucketPolicy operation: none" >&2; exit 254 ;;
          *"configure get region"*) exit 1 ;;
          *) echo "An error occurred (AccessDenied) when calling an operation: not allowed" >&2; exit 254 ;;
        esac
        """

    static func run(_ fake: String, arguments: [String] = []) throws -> (TemporaryDirectory, CommandResult) {
        let dir = TemporaryDirectory()
        // A child process writes the executable, so that no descriptor of it leaks into commands other
        // tests spawn meanwhile (which would make running it fail with "text file busy").
        dir.write("aws.txt", fake)
        let install = try ProcessRunner.run(["sh", "-c", "mkdir -p \"$1/bin\" && cp \"$1/aws.txt\" \"$1/bin/aws\" && chmod 755 \"$1/bin/aws\"",
            "sh", dir.path])
        try #require(install.status == 0, "\(install.stderr)")
        let result = try ProcessRunner.run([repositoryRoot + "/Scripts/collect-snapshot", dir.path + "/snapshot"] + arguments,
            environment: ["PATH": dir.path + "/bin:/usr/bin:/bin", "AWS_ENDPOINT_URL": ""])
        return (dir, result)
    }

    @Test func reportsEachFailedCallAndKeepsWhatWorked() throws {
        let (dir, result) = try Self.run(Self.fakeAWS, arguments: ["--region", "eu-west-1"])
        #expect(result.status == 0, "\(result.stderr)")
        let base = "accounts/111122223333/"
        #expect(result.stderr.contains("\(base)authorization-details.json: aws iam get-account-authorization-details failed: An error occurred (AccessDenied)"))
        #expect(result.stderr.contains("\(base)vpc-endpoints.json: aws ec2 describe-vpc-endpoints failed"))
        #expect(result.stderr.contains("aws kms list-keys failed"))
        #expect(!result.stderr.contains("without-policy"))
        #expect(result.stderr.contains("wrote 3 files"))

        let snapshot = Snapshot.load(directory: dir.path + "/snapshot").snapshot
        #expect(snapshot.resourcePolicy(arn: "arn:aws:s3:::with-policy").value??.document["Statement"] == [])
        #expect(snapshot.resourcePolicy(arn: "arn:aws:s3:::without-policy") == .known(nil))
        #expect(snapshot.principal(arn: "arn:aws:iam::111122223333:user/ops").unknownReason?.contains("is missing") == true)
        #expect(snapshot.vpcEndpoint(id: "vpce-1").unknownReason != nil)
        #expect(snapshot.resourcePolicy(arn: "arn:aws:kms:eu-west-1:111122223333:key/k").unknownReason?.contains("no listing of `kms`") == true)
    }

    @Test func writesWhenCollectionStarted() throws {
        let (dir, result) = try Self.run(Self.fakeAWS, arguments: ["--region", "eu-west-1"])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOfFile: dir.path + "/snapshot/snapshot.json", encoding: .utf8)
        #expect(text.hasPrefix(#"{"collectedAt": "20"#) && text.hasSuffix("Z\"}\n"), "\(text)")
    }

    @Test func failsWhenNothingCanBeCollected() throws {
        let (dir, result) = try Self.run("#!/bin/sh\necho 'Could not connect to the endpoint URL' >&2\nexit 255\n",
            arguments: ["--region", "us-east-1"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("aws sts get-caller-identity failed: Could not connect to the endpoint URL"))
        #expect(Snapshot.load(directory: dir.path + "/snapshot").snapshot.accountIDs == [])
    }

    @Test func oneCallAtATimeWritesTheSameSnapshotAsParallelCalls() throws {
        let (parallel, first) = try Self.run(Self.fakeAWS, arguments: ["--region", "eu-west-1", "--jobs", "8"])
        let (serial, second) = try Self.run(Self.fakeAWS, arguments: ["--region", "eu-west-1", "--jobs", "1"])
        #expect(first.status == 0 && second.status == 0, "\(first.stderr)\n\(second.stderr)")
        let files = { (dir: TemporaryDirectory) -> [String: String] in
            let root = dir.path + "/snapshot/"
            // snapshot.json says when each run started.
            let names = (FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []).filter { $0 != "snapshot.json" }
            return Dictionary(uniqueKeysWithValues: names.compactMap { name in
                (try? String(contentsOfFile: root + name, encoding: .utf8)).map { (name, $0) }
            })
        }
        #expect(files(parallel).count == 3)
        #expect(files(parallel) == files(serial))
        // The same failures are reported, whatever the order in which the calls ended.
        let problems = { (text: String) in text.split(separator: "\n").filter { $0.contains("failed") }.sorted() }
        #expect(problems(first.stderr) == problems(second.stderr))
        // Authorization details, VPC endpoints and the six resource listings (KMS … ECR).
        #expect(problems(first.stderr).count == 8)
    }

    @Test(arguments: ["0", "x", "-1", "1000"]) func refusesABadJobCount(_ jobs: String) throws {
        let result = try Self.run(Self.fakeAWS, arguments: ["--region", "eu-west-1", "--jobs", jobs]).1
        #expect(result.status == 64)
        #expect(result.stderr.contains("--jobs takes 1…999"))
    }

    @Test func refusesBadUsageAndANonEmptyOutputDirectory() throws {
        #expect(try Self.run(Self.fakeAWS, arguments: ["--bogus"]).1.status == 64)
        #expect(try Self.run(Self.fakeAWS).1.stderr.contains("no region configured; pass --region"))
        let (dir, _) = try Self.run(Self.fakeAWS, arguments: ["--region", "us-east-1"])
        let again = try ProcessRunner.run([repositoryRoot + "/Scripts/collect-snapshot", dir.path + "/snapshot", "--region", "us-east-1"],
            environment: ["PATH": dir.path + "/bin:/usr/bin:/bin"])
        #expect(again.status == 64)
        #expect(again.stderr.contains("is not empty"))
    }
}
