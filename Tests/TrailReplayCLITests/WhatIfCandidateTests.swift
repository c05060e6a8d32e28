import Foundation
import Testing
import TrailJSON

/// `trailreplay whatif --candidate DIR` on SampleLogs: a copy of SampleSnapshot with files changed (an
/// identity policy, a bucket policy, an SCP), judged on the layers each call's change touches; bad candidates
/// are usage errors (64) naming the file.
@Suite struct WhatIfCandidateTests {
    /// A copy of SampleSnapshot with each (file, old text, new text) edit made; each old text must be there.
    static func candidate(_ edits: [(file: String, old: String, new: String)]) throws -> String {
        let folder = DenyFixture.temporaryDirectory() + "/candidate"
        try FileManager.default.copyItem(atPath: CLI.root + "/SampleSnapshot", toPath: folder)
        for edit in edits {
            let path = folder + "/" + edit.file
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try #require(text.contains(edit.old), "`\(edit.old)` is not in \(edit.file)")
            try text.replacingOccurrences(of: edit.old, with: edit.new).write(toFile: path, atomically: true, encoding: .utf8)
        }
        return folder
    }

    static let deployPolicies = "accounts/222233334444/authorization-details.json"
    static let bucketPolicy = "accounts/555566667777/s3/example-data.json"

    static func run(_ candidate: String, _ extra: [String] = []) throws -> (result: CLIResult, lines: [JSONValue]) {
        let result = try CLI.run(["whatif", "SampleLogs", "--snapshot", "SampleSnapshot", "--candidate", candidate] + extra)
        return (result, try result.lines.map { try JSONParser.parse($0) })
    }

    @Test func anIdentityPolicyThatNoLongerAllowsACallThatSucceededNewlyDeniesIt() throws {
        // The deploy role's `Release` statement allowed ec2:Describe*; the candidate narrows it.
        let folder = try Self.candidate([(Self.deployPolicies, #""ec2:Describe*","#, #""ec2:DescribeVolumes","#)])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (result, lines) = try Self.run(folder)
        #expect(result.status == 3, "\(result.stderr)")
        #expect(lines.map { $0["eventID"]?.stringValue } == ["5a3c0d2e-1b4f-4c6a-9e8d-000000000002"])
        #expect(lines.first?["change"] == "newly-denied")
        #expect(lines.first?["layer"] == "identity")
        #expect(lines.first?["action"] == "ec2:DescribeInstances")
        #expect(result.stderr.contains("changes 1 file: \(Self.deployPolicies)"), "\(result.stderr)")
        #expect(result.stderr.contains("whatif: 20 calls judged; 1 newly denied, 0 newly allowed"), "\(result.stderr)")
    }

    @Test func anExplicitDenyAddedToAnIdentityPolicyNamesItsStatement() throws {
        let folder = try Self.candidate([(Self.deployPolicies, #""Sid": "Release","#, #""Sid": "Release", "Condition": {"Bool": {"aws:ViaAWSService": "true"}},"#)])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The Allow now needs a condition the direct call does not meet: an implicit deny of the identity layer.
        let (result, lines) = try Self.run(folder, ["--format", "jsonl"])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(lines.compactMap { $0["eventID"]?.stringValue } == ["5a3c0d2e-1b4f-4c6a-9e8d-000000000002"])
        #expect(lines.first?["layer"] == "identity" && lines.first?["detail"]?.stringValue != nil)
    }

    @Test func aBucketPolicyThatDropsTheCrossAccountGrantNewlyDeniesTheRead() throws {
        // AllowWorkloadAccount granted 222233334444 s3:GetObject; a cross-account read needs the bucket's
        // grant as well as the caller's ("Cross-account policy evaluation logic", IAM User Guide:
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html).
        let folder = try Self.candidate([(Self.bucketPolicy, #"\"s3:GetObject\",\"s3:PutObject\",\"s3:ListBucket\""#,
            #"\"s3:PutObject\",\"s3:ListBucket\""#)])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (result, lines) = try Self.run(folder)
        #expect(result.status == 3, "\(result.stderr)")
        #expect(lines.map { $0["eventID"]?.stringValue } == ["5a3c0d2e-1b4f-4c6a-9e8d-000000000014"])
        #expect(lines.first?["layer"] == "resource")
        #expect(lines.first?["principal"] == "arn:aws:sts::222233334444:assumed-role/analyst/dana")
    }

    @Test func aBucketPolicyWithoutTheDenyingStatementNewlyAllowsTheCallItDenied() throws {
        // OnlyPipelineAndAliceWrite denied carol's s3:PutObject; in the candidate it denies only s3:PutObjectAcl.
        // (erin's read, denied by DenyInternReads, stays unjudged: her session's issuing record is not in the logs.)
        let folder = try Self.candidate([(Self.bucketPolicy, #"\"Principal\":\"*\",\"Action\":\"s3:PutObject\""#,
            #"\"Principal\":\"*\",\"Action\":\"s3:PutObjectAcl\""#)])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (result, lines) = try Self.run(folder)
        #expect(result.status == 0, "\(result.stderr)")
        let allowed = lines.filter { $0["change"] == "newly-allowed" }
        #expect(allowed.map { $0["principal"]?.stringValue } == ["arn:aws:iam::222233334444:user/carol"])
        #expect(allowed.first?["layer"] == "resource" && allowed.first?["statement"] == "OnlyPipelineAndAliceWrite")
        #expect(lines.allSatisfy { $0["change"] == "newly-allowed" })
    }

    @Test func anSCPEditedInTheCandidateIsJudgedOnTheOrganizationLayers() throws {
        // ProtectCloudTrail (p-7tr41lpr, on the Production OU) also denies ec2:DescribeInstances in the candidate.
        let policy = "organization/policies/p-7tr41lpr.json"
        let folder = try Self.candidate([(policy, #"\"cloudtrail:StopLogging\","#, #"\"cloudtrail:StopLogging\", \"ec2:DescribeInstances\","#)])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (result, lines) = try Self.run(folder)
        #expect(result.status == 3, "\(result.stderr)")
        let denied = lines.filter { $0["change"] == "newly-denied" }
        #expect(denied.map { $0["eventID"]?.stringValue } == ["5a3c0d2e-1b4f-4c6a-9e8d-000000000002"])
        #expect(denied.first?["layer"] == "scp" && denied.first?["policyName"] == "ProtectCloudTrail")
    }

    @Test func badCandidatesAreUsageErrorsNamingTheFile() throws {
        let folder = try Self.candidate([(Self.bucketPolicy, #"\"Effect\":\"Allow\""#, #"\"Effect\":\"Perhaps\""#)])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bad = try CLI.run(["whatif", "SampleLogs", "--snapshot", "SampleSnapshot", "--candidate", folder])
        #expect(bad.status == 64, "\(bad.stderr)")
        #expect(bad.stderr.contains(folder + "/" + Self.bucketPolicy) && bad.stderr.contains("Perhaps"), "\(bad.stderr)")
        #expect(bad.stdout.isEmpty)
        let broken = try Self.candidate([(Self.deployPolicies, #""RoleDetailList""#, #""RoleDetailList" ]]"#)])
        defer { try? FileManager.default.removeItem(atPath: broken) }
        let unreadable = try CLI.run(["whatif", "SampleLogs", "--snapshot", "SampleSnapshot", "--candidate", broken])
        #expect(unreadable.status == 64 && unreadable.stderr.contains(Self.deployPolicies), "\(unreadable.stderr)")
        let missing = try CLI.run(["whatif", "SampleLogs", "--snapshot", "SampleSnapshot", "--candidate", folder + "/none"])
        #expect(missing.status == 64 && missing.stderr.contains(folder + "/none"), "\(missing.stderr)")
    }

    @Test func aCandidateIdenticalToTheSnapshotChangesNothing() throws {
        let folder = try Self.candidate([])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (result, lines) = try Self.run(folder)
        #expect(result.status == 0 && lines.isEmpty, "\(result.stderr)")
        #expect(result.stderr.contains("changes no file of the snapshot"))
    }
}
