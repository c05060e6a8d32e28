import Foundation
import Testing
import TrailJSON

/// The main job end to end: SampleLogs replayed against SampleSnapshot, one expectation per scenario.
@Suite struct AnalyzeCommandTests {
    struct Expected: Sendable, CustomStringConvertible {
        var event: Int
        var action: String
        var decision: String
        var layer: String?
        var statement: String?
        var description: String { "event \(event) \(action)" }
    }

    static func eventID(_ n: Int) -> String { "5a3c0d2e-1b4f-4c6a-9e8d-" + String(format: "%012x", n) }

    /// The scenarios of Scripts/make-sample-logs.py, in output order (…06 is delivered twice and replayed once).
    static let expected: [Expected] = [
        Expected(event: 3, action: "iam:DeleteRole", decision: "explicit-deny", layer: "identity", statement: "NoRoleDeletion"),
        Expected(event: 4, action: "ec2:StopInstances", decision: "explicit-deny", layer: "identity", statement: "BlockMostAccessUnlessSignedInWithMFA"),
        Expected(event: 5, action: "ec2:RunInstances", decision: "explicit-deny", layer: "identity", statement: "DenySmallUntaggedInstances"),
        Expected(event: 6, action: "ec2:RunInstances", decision: "explicit-deny", layer: "permissions-boundary", statement: "NoCompute"),
        Expected(event: 8, action: "ec2:RunInstances", decision: "explicit-deny", layer: "session", statement: "NoNewInstances"),
        Expected(event: 9, action: "cloudtrail:StopLogging", decision: "explicit-deny", layer: "scp", statement: "ProtectTrails"),
        Expected(event: 10, action: "secretsmanager:GetSecretValue", decision: "implicit-deny", layer: "identity", statement: nil),
        Expected(event: 13, action: "kinesis:PutRecord", decision: "unknown", layer: nil, statement: nil),
        Expected(event: 21, action: "s3:GetObject", decision: "explicit-deny", layer: "resource", statement: "DenyInternReads"),
        Expected(event: 22, action: "s3:PutObject", decision: "explicit-deny", layer: "resource", statement: "OnlyPipelineAndAliceWrite"),
        Expected(event: 23, action: "s3:GetObject", decision: "explicit-deny", layer: "resource", statement: "ConfidentialOnlyThroughEndpoint"),
        Expected(event: 24, action: "s3:PutObject", decision: "implicit-deny", layer: "vpc-endpoint", statement: nil),
        Expected(event: 25, action: "s3:DeleteObject", decision: "explicit-deny", layer: "rcp", statement: "NoDeletes"),
    ]

    @Test func everySampleScenarioIsAttributedToItsLayerAndStatement() throws {
        let result = try CLI.run(["analyze", "SampleLogs", "--snapshot", "SampleSnapshot"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try result.lines.map { try JSONParser.parse($0) }
        #expect(lines.count == Self.expected.count)
        for (line, expected) in zip(lines, Self.expected) {
            #expect(line["eventID"]?.stringValue == Self.eventID(expected.event), "\(expected)")
            #expect(line["action"]?.stringValue == expected.action, "\(expected)")
            #expect(line["decision"]?.stringValue == expected.decision, "\(expected)")
            let denies = line["denies"]?.arrayValue ?? []
            let missing = line["missingAllows"]?.arrayValue ?? []
            switch expected.decision {
            case "explicit-deny":
                #expect(denies.compactMap { $0["layer"]?.stringValue } == [expected.layer].compactMap { $0 }, "\(expected)")
                #expect(denies.first?["statement"]?.stringValue == expected.statement, "\(expected)")
                #expect(missing.isEmpty)
            case "implicit-deny":
                #expect(denies.isEmpty)
                let layers = missing.compactMap { $0["layer"]?.stringValue }
                #expect(layers.contains(expected.layer ?? ""), "\(expected): \(missing)")
            default:
                #expect(line["reason"]?.stringValue?.contains("clickstream") == true, "\(expected)")
                // What was missing, in the words the summary counts once.
                #expect(line["missing"] == .array([
                    "the records that issued sessions of `arn:aws:iam::222233334444:role/deploy` (not in the input)",
                    "the `kinesis` listing of account `555566667777` in `us-east-1` (not in the snapshot)",
                ]), "\(expected)")
            }
            // Every reproduced deny agrees with the layer AWS named in its message.
            if expected.decision != "unknown" {
                #expect(line["agreement"] == .bool(true), "\(expected)")
                #expect(line["reportedLayer"]?.stringValue == expected.layer, "\(expected)")
            }
        }
        #expect(result.stderr.contains("authorization failures: 13; reproduced 12, not reproduced 1; 1 duplicate delivery not replayed again"), "\(result.stderr)")
        #expect(result.stderr.contains("duplicates: 1; sessions from the input: 1"), "\(result.stderr)")
    }

    @Test func policiesCarryTheirNamesFromTheSnapshot() throws {
        let result = try CLI.run(["analyze", "SampleLogs", "--snapshot", "SampleSnapshot"])
        let lines = try result.lines.map { try JSONParser.parse($0) }
        func name(_ event: Int) -> JSONValue? {
            lines.first { $0["eventID"]?.stringValue == Self.eventID(event) }?["denies"]?.arrayValue?.first?["policyName"]
        }
        #expect(name(9) == .string("ProtectCloudTrail"))  // the SCP's PolicySummary.Name
        #expect(name(25) == .string("KeepExampleData"))  // the RCP's
        #expect(name(4) == .string("RequireMFA"))
        #expect(name(3) == .string("inline DenyRoleDeletion of user alice"))
        #expect(name(21) == .null)  // a bucket policy is named by its bucket's ARN
    }

    @Test func conditionValuesThatMadeADenyMatchAreReported() throws {
        let result = try CLI.run(["analyze", "SampleLogs", "--snapshot", "SampleSnapshot"])
        let carol = try #require(try result.lines.map { try JSONParser.parse($0) }
            .first { $0["eventID"]?.stringValue == Self.eventID(5) })
        let conditions = try #require(carol["denies"]?.arrayValue?.first?["conditions"]?.arrayValue)
        let keys = conditions.compactMap { $0["key"]?.stringValue }
        #expect(keys.contains("aws:TagKeys"))
        #expect(keys.contains("ec2:InstanceType"))
        let tagKeys = try #require(conditions.first { $0["key"]?.stringValue == "aws:TagKeys" })
        #expect(tagKeys["requestValues"] == .array(["Name", "owner"]))
    }

    @Test func tableAndJsonFormatsCarryTheSameResults() throws {
        let table = try CLI.run(["analyze", "SampleLogs", "--snapshot", "SampleSnapshot", "--format", "table"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("permissions-boundary"))
        #expect(table.stdout.contains("authorization failures: 13; reproduced 12, not reproduced 1; 1 duplicate delivery"))
        let json = try CLI.run(["analyze", "SampleLogs", "--snapshot", "SampleSnapshot", "--format", "json"])
        let document = try JSONParser.parse(json.stdout)
        #expect(document["results"]?.arrayValue?.count == 13)
        #expect(document["summary"]?["total"] == .number("13"))
        #expect(document["summary"]?["duplicateDeliveries"] == .number("1"))
        #expect(document["summary"]?["byLayer"]?["identity"] == .number("4"))
    }

    @Test func standardInputIsReadForSessionsAndFailuresAlike() throws {
        // The workload account's second file holds the AssumeRole record and the call its session policy denies.
        let file = CLI.root + "/SampleLogs/AWSLogs/222233334444/CloudTrail/us-east-1/2026/11/28/222233334444_CloudTrail_us-east-1_20261128T0915Z_Wk8h9I0j1K2l3M4n.json.gz"
        let result = try CLI.run(["analyze", "-", "--snapshot", "SampleSnapshot"], stdin: try Data(contentsOf: URL(fileURLWithPath: file)))
        #expect(result.status == 0, "\(result.stderr)")
        let session = try result.lines.map { try JSONParser.parse($0) }.first { $0["eventID"]?.stringValue == Self.eventID(8) }
        #expect(session?["denies"]?.arrayValue?.first?["layer"] == "session")
        #expect(result.stderr.contains("sessions from the input: 1"))
    }

    @Test func aMissingSnapshotIsAUsageErrorAndABrokenOneIsNamed() throws {
        let missing = try CLI.run(["analyze", "SampleLogs", "--snapshot", "/nonexistent/snapshot"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("/nonexistent/snapshot"))

        let dir = NSTemporaryDirectory() + "broken-snapshot-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: CLI.root + "/SampleSnapshot", toPath: dir)
        let details = dir + "/accounts/222233334444/authorization-details.json"
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: details))
        let broken = try CLI.run(["analyze", "SampleLogs", "--snapshot", dir])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("authorization-details.json"), "\(broken.stderr)")
        let lines = try broken.lines.map { try JSONParser.parse($0) }
        #expect(lines.count == 13)
        // The workload account's principals are now unknown; the data account's RCP deny still stands.
        #expect(lines.first?["decision"]?.stringValue == "unknown")
        #expect(lines.last?["decision"]?.stringValue == "explicit-deny")
    }

    @Test func explainWalksThroughOneDeny() throws {
        let result = try CLI.run(["explain", Self.eventID(8), "--snapshot", "SampleSnapshot", "SampleLogs"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("request as rebuilt"))
        #expect(result.stdout.contains("ec2:RunInstances"))
        #expect(result.stdout.contains("issued by AssumeRole"))
        #expect(result.stdout.contains("session               DENY"))
        #expect(result.stdout.contains("verdict: explicit-deny — agrees with AWS's message"))
        #expect(result.stdout.contains("what would have to change"))
        // Through a VPC endpoint: the endpoint's VPC comes from the snapshot, the address is aws:VpcSourceIp.
        let endpoint = try CLI.run(["explain", Self.eventID(24), "--snapshot", "SampleSnapshot", "SampleLogs"])
        #expect(endpoint.stdout.contains("aws:SourceVpc = vpc-0d4e5f60718a1b2c3   [from snapshot]"), "\(endpoint.stdout)")
        #expect(endpoint.stdout.contains("aws:VpcSourceIp = 10.0.12.34   [from record]"))
        #expect(!endpoint.stdout.contains("aws:SourceIp ="))
        let absent = try CLI.run(["explain", "no-such-event", "--snapshot", "SampleSnapshot", "SampleLogs"])
        #expect(absent.status == 2)
        #expect(absent.stderr.contains("no-such-event"))
    }

    @Test func realDataReplaysWithoutACrashAndEveryFailureGetsAResult() throws {
        let result = try CLI.run(["analyze", CLI.realData, "--snapshot", "SampleSnapshot"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try result.lines.map { try JSONParser.parse($0) }
        // 89 failures, 18 of which repeat an eventID of another (copies of the same samples): each eventID once.
        #expect(lines.count == 71)
        #expect(result.stderr.contains("89 authorization failures"), "\(result.stderr)")
        #expect(result.stderr.contains("18 duplicate deliveries not replayed again"), "\(result.stderr)")
        // None of these accounts is in the sample snapshot: nothing can be claimed beyond `unknown`.
        #expect(lines.allSatisfy { $0["decision"]?.stringValue == "unknown" && $0["reason"]?.stringValue != nil })
    }

    /// Stratus Red Team's real denials replayed against a snapshot that gives their roles no permissions: every
    /// role-session failure is an implicit deny in the identity layer, as AWS's own messages say; the
    /// AssumeRole attempts (whose messages name no layer) fail on the roles' trust policies.
    @Test func stratusRedTeamDenialsAgreeWithAWS() throws {
        let dir = NSTemporaryDirectory() + "stratus-snapshot-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let roles: [(account: String, role: String)] = [
            ("307578594326", "stratus-red-team-leave-org-role"),
            ("321848314756", "stratus-red-team-get-usr-data-role"),
            ("457448411975", "stratus-red-team-ec2-get-password-data-role"),
            ("900138736586", "stratus-red-team-ec2lui-role-idtzskbvtd"),
        ]
        for (account, role) in roles {
            let details = """
                {"UserDetailList": [{"Path": "/", "UserName": "christophe", "UserId": "AIDACHRISTOPHE\(account)",
                  "Arn": "arn:aws:iam::\(account):user/christophe", "GroupList": [], "AttachedManagedPolicies": [],
                  "UserPolicyList": [{"PolicyName": "admin", "PolicyDocument": {"Version": "2012-10-17",
                    "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}]}],
                 "GroupDetailList": [],
                 "RoleDetailList": [{"Path": "/", "RoleName": "\(role)", "RoleId": "AROASTRATUS\(account)",
                   "Arn": "arn:aws:iam::\(account):role/\(role)", "RolePolicyList": [], "AttachedManagedPolicies": [],
                   "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                     "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}],
                 "Policies": []}
                """
            let folder = dir + "/accounts/" + account
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(details.utf8).write(to: URL(fileURLWithPath: folder + "/authorization-details.json"))
        }
        let result = try CLI.run(["analyze", CLI.realData + "/stratus-red-team", "--snapshot", dir])
        let lines = try result.lines.map { try JSONParser.parse($0) }
        #expect(lines.count == 51)
        let sessions = lines.filter { $0["principal"]?.stringValue?.contains(":assumed-role/") == true }
        let assumeRole = lines.filter { $0["action"]?.stringValue == "sts:AssumeRole" }
        #expect(sessions.count == 47)
        #expect(assumeRole.count == 4)
        for line in sessions {
            #expect(line["decision"]?.stringValue == "implicit-deny", "\(JSONWriter.string(line))")
            // Three anonymised records name another account in their message than in userIdentity; taken at
            // their word, those are cross-account calls that the resource side does not allow either.
            let layers = line["missingAllows"]?.arrayValue?.compactMap { $0["layer"]?.stringValue } ?? []
            func account(_ arn: String?) -> String? {
                let parts = arn?.split(separator: ":", omittingEmptySubsequences: false) ?? []
                return parts.count == 6 && !parts[4].isEmpty ? String(parts[4]) : nil
            }
            let messageAccount = account(line["resources"]?.arrayValue?.first?.stringValue) ?? account(line["principal"]?.stringValue)
            let callerAccount = account(line["principal"]?.stringValue)
            #expect(layers == (messageAccount == callerAccount ? ["identity"] : ["identity", "resource"]), "\(layers)")
            #expect(line["reportedLayer"]?.stringValue == "identity")
            #expect(line["agreement"] == .bool(true))
        }
        for line in assumeRole {
            #expect(line["decision"]?.stringValue == "implicit-deny", "\(JSONWriter.string(line))")
            #expect(line["missingAllows"]?.arrayValue?.compactMap { $0["layer"]?.stringValue } == ["resource"])
            #expect(line["agreement"] == .null)
        }
    }
}
