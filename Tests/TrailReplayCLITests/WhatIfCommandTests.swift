import Foundation
import Testing
import TrailJSON

/// `trailreplay whatif` on SampleLogs: a candidate SCP attached to the Production OU, a detach, the formats,
/// the exit statuses (3 when a call would be newly denied) and bad candidates (64).
@Suite struct WhatIfCommandTests {
    static func candidate(_ text: String) throws -> (folder: String, file: String) {
        let folder = DenyFixture.temporaryDirectory()
        let file = folder + "/NoEC2.json"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return (folder, file)
    }

    static let denyEC2 = #"{"Version":"2012-10-17","Statement":[{"Sid":"NoEC2","Effect":"Deny","Action":"ec2:*","Resource":"*"}]}"#

    @Test func aCandidateSCPListsTheCallsItWouldNewlyDenyAndExits3() throws {
        let (folder, file) = try Self.candidate(Self.denyEC2)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try CLI.run(["whatif", "SampleLogs", "--snapshot", "SampleSnapshot", "--attach-scp", file,
            "--attach-to", "ou-a1b2-prod7k3q"])
        #expect(result.status == 3, "\(result.stderr)")
        let lines = try result.lines.map { try JSONParser.parse($0) }
        // The one successful EC2 call of the Production OU's account (ec2:DescribeInstances by the deploy role).
        #expect(lines.map { $0["eventID"]?.stringValue } == ["5a3c0d2e-1b4f-4c6a-9e8d-000000000002"])
        #expect(lines.first?["change"] == "newly-denied")
        #expect(lines.first?["policyName"] == "NoEC2")
        #expect(lines.first?["statement"] == "NoEC2")
        #expect(result.stderr.contains("whatif: 20 calls judged; 1 newly denied, 0 newly allowed; 1 not judged"), "\(result.stderr)")
        // Judged unchanged from their bytes: the data account's call that mentions no account under the OU, the
        // two calls that failed for other reasons (InvalidClientTokenId, ResourceConflictException), and the three
        // successful calls whose actions `ec2:*` does not cover (ListBuckets, AssumeRole, GetCallerIdentity).
        #expect(result.stderr.contains("records: 21 read = 15 calls replayed + 6 beyond the change's reach"), "\(result.stderr)")
    }

    @Test func theSummaryAsMarkdownForAPullRequestAndJSON() throws {
        let (folder, file) = try Self.candidate(Self.denyEC2)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let md = try CLI.run(["whatif", "SampleLogs", "--snapshot", "SampleSnapshot", "--attach-scp", file,
            "--attach-to", "ou-a1b2-prod7k3q", "--format", "md"])
        #expect(md.status == 3)
        #expect(md.stdout.contains("| newly-denied | 222233334444 | arn:aws:iam::222233334444:role/deploy | ec2:DescribeInstances | 1 |"), "\(md.stdout)")
        let json = try CLI.run(["whatif", "SampleLogs", "--snapshot", "SampleSnapshot", "--attach-scp", file,
            "--attach-to", "ou-a1b2-prod7k3q", "--format", "json"])
        let document = try JSONParser.parse(json.stdout)
        #expect(document["changes"]?.arrayValue?.count == 1)
        #expect(document["summary"]?["newlyDenied"] == .number("1"))
        #expect(document["summary"]?["judged"] == .number("20"))
    }

    @Test func aChangeThatDeniesNothingExits0() throws {
        // The management account is not under the OU, and SCPs do not restrict it anyway.
        let (folder, file) = try Self.candidate(#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"glacier:*","Resource":"*"}]}"#)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try CLI.run(["whatif", "SampleLogs", "--snapshot", "SampleSnapshot", "--attach-scp", file, "--attach-to", "r-a1b2"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func badCandidatesAreUsageErrorsNamingTheFile() throws {
        let (folder, file) = try Self.candidate(#"{"Version":"2012-10-17","Statement":[{"Effect":"Perhaps","Action":"*","Resource":"*"}]}"#)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bad = try CLI.run(["whatif", "SampleLogs", "--snapshot", "SampleSnapshot", "--attach-scp", file, "--attach-to", "r-a1b2"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains(file) && bad.stdout.isEmpty, "\(bad.stderr)")
        let missing = try CLI.run(["whatif", "SampleLogs", "--snapshot", "SampleSnapshot", "--attach-scp", folder + "/none.json", "--attach-to", "r-a1b2"])
        #expect(missing.status == 64 && missing.stderr.contains("none.json"))
        let target = try CLI.run(["whatif", "SampleLogs", "--snapshot", "SampleSnapshot", "--detach", "p-7tr41lpr", "--detach-from", "ou-nope"])
        #expect(target.status == 64 && target.stderr.contains("`ou-nope` is not a root, OU or account"))
        let unpaired = try CLI.run(["whatif", "SampleLogs", "--snapshot", "SampleSnapshot", "--attach-scp", file])
        #expect(unpaired.status == 64 && unpaired.stderr.contains("--attach-to"))
    }
}
