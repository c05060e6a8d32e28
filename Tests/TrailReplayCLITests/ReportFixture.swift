import PolicyLanguage
import DenyStore
import Foundation
import ReplayResults

/// A fixed store for the report's golden tests: a baseline day (2026-11-27) and a reported day (2026-11-28)
/// with explicit denies in several layers, an implicit deny, results that were not reproduced, and one
/// deny outside both days.
enum ReportFixture {
    static func deny(_ id: String, _ time: String, account: String = "111122223333", principal: String, action: String,
        layer: PolicyLayer, policy: String, statement: String, reported: PolicyLayer? = nil, agreement: Bool? = nil) -> Attribution
    {
        Attribution(eventID: id, eventTime: time, account: account, region: "us-east-1", principal: principal,
            action: action, resources: ["*"], errorCode: "AccessDenied", decision: .explicitDeny,
            denies: [.init(layer: layer, policy: policy, statement: statement)], reportedLayer: reported,
            agreement: agreement)
    }

    static let alice = "arn:aws:iam::111122223333:user/alice"
    static let deployer = "arn:aws:sts::111122223333:assumed-role/deployer/ci"
    static let analyst = "arn:aws:sts::444455556666:assumed-role/analyst/bob"
    static let scp = "p-denyregions"

    static var baseline: [Attribution] {
        [
            deny("b1", "2026-11-27T08:00:00Z", principal: alice, action: "iam:DeleteRole", layer: .identity,
                policy: "\(alice)#inline:guardrails", statement: "DenyDeleteRole", reported: .identity, agreement: true),
            deny("b2", "2026-11-27T23:59:59Z", principal: deployer, action: "ec2:RunInstances", layer: .scp,
                policy: scp, statement: "DenyOutsideRegions", reported: .scp, agreement: true),
        ]
    }

    static var reported: [Attribution] {
        var results = [
            deny("d1", "2026-11-28T00:00:00Z", principal: alice, action: "iam:DeleteRole", layer: .identity,
                policy: "\(alice)#inline:guardrails", statement: "DenyDeleteRole", reported: .identity, agreement: true),
            deny("d2", "2026-11-28T09:15:00Z", principal: deployer, action: "ec2:RunInstances", layer: .scp,
                policy: scp, statement: "DenyOutsideRegions", reported: .scp, agreement: true),
            deny("d3", "2026-11-28T09:45:00Z", principal: deployer, action: "ec2:RunInstances", layer: .scp,
                policy: scp, statement: "DenyOutsideRegions", reported: .scp, agreement: true),
            deny("d4", "2026-11-28T14:02:00Z", account: "444455556666", principal: analyst, action: "s3:GetObject",
                layer: .resource, policy: "arn:aws:s3:::finance-reports", statement: "DenyUnencryptedTransport",
                reported: .identity, agreement: false),
            deny("d5", "2026-11-28T14:03:00Z", account: "444455556666", principal: analyst, action: "s3:GetObject",
                layer: .resource, policy: "arn:aws:s3:::finance-reports", statement: "DenyUnencryptedTransport",
                reported: .resource, agreement: true),
        ]
        results.append(Attribution(eventID: "d6", eventTime: "2026-11-28T14:30:00Z", account: "444455556666",
            principal: analyst, action: "kms:Decrypt", resources: ["arn:aws:kms:us-east-1:444455556666:key/k1"],
            errorCode: "AccessDeniedException", decision: .implicitDeny,
            missingAllows: [.init(layer: .identity), .init(layer: .resource)]))
        results.append(Attribution(eventID: "d7", eventTime: "2026-11-28T23:10:00Z", account: "111122223333",
            principal: deployer, action: "lambda:InvokeFunction", resources: ["*"], errorCode: "AccessDenied",
            decision: .unknown, reportedLayer: .rcp,
            reason: "no resource control policies for account `111122223333` | organization data missing"))
        results.append(Attribution(eventID: "d8", eventTime: "2026-11-28T23:59:59Z", account: "111122223333",
            principal: alice, action: "s3:PutObject", resources: ["arn:aws:s3:::logs/x"], errorCode: "AccessDenied",
            decision: .allow, reason: "the snapshot allows this request"))
        return results
    }

    static var outside: [Attribution] {
        [deny("o1", "2026-11-29T00:00:00Z", principal: alice, action: "iam:CreateUser", layer: .identity,
            policy: "\(alice)#inline:guardrails", statement: "DenyUsers")]
    }

    /// Writes the store: three files, one per group of attributions.
    static func writeStore(at path: String) throws {
        let store = try DenyStore(path: path)
        let run = try store.beginRun(command: "analyze", snapshot: "snapshot", snapshotDigest: "fixed")
        for (index, group) in [baseline, reported, outside].enumerated() {
            try store.record(StoredFile(path: "/logs/\(index).json.gz", size: 100 + index, modifiedAt: 1_764_000_000,
                contentHash: "hash-\(index)", recordsRead: group.count, recordsSelected: group.count),
                attributions: group, runID: run)
        }
    }

    /// A night of calls with long names, as IAM Identity Center, organization policies and deep policy paths
    /// give them, on 2026-11-28 with nothing the day before: for the HTML report's layout (whole chart labels,
    /// names broken only between their tokens, a baseline of 0 calls).
    static var longNames: [Attribution] {
        let sso = "arn:aws:sts::444455556666:assumed-role/AWSReservedSSO_PlatformEngineeringAdministratorAccess_0123456789abcdef/jane.doe@example.com"
        let pipeline = "arn:aws:sts::111122223333:assumed-role/platform-terraform-deployment-pipeline-eu-west-1/codebuild-run-4711"
        let scp = "arn:aws:organizations::999988887777:policy/o-a1b2c3d4e5/service_control_policy/p-examplepolicyid111"
        let bucket = "arn:aws:s3:::platform-engineering-terraform-state-eu-west-1-444455556666"
        let boundary = "arn:aws:iam::111122223333:policy/platform/boundaries/PlatformEngineeringPermissionsBoundaryForCICDPipelines"
        var results: [Attribution] = []
        for index in 0..<6 {
            results.append(deny("L\(index)", "2026-11-28T0\(index):12:00Z", account: "444455556666", principal: sso,
                action: "organizations:LeaveOrganization", layer: .scp, policy: scp,
                statement: "DenyLeavingTheOrganizationAndDisablingSecurityGuardrailsEverywhere", reported: .scp, agreement: true))
        }
        for index in 0..<4 {
            results.append(deny("M\(index)", "2026-11-28T1\(index):40:00Z", account: "444455556666", principal: sso,
                action: "s3:PutObject", layer: .resource, policy: bucket,
                statement: "DenyInsecureTransportAndUnencryptedObjectUploadsToTheStateBucket", reported: .resource,
                agreement: true))
        }
        for index in 0..<3 {
            results.append(deny("N\(index)", "2026-11-28T2\(index):05:00Z", principal: pipeline,
                action: "iam:CreatePolicyVersion", layer: .permissionsBoundary, policy: boundary,
                statement: "DenyIamChangesOutsideTheApprovedPlatformPaths", reported: .permissionsBoundary, agreement: true))
        }
        results.append(Attribution(eventID: "U1", eventTime: "2026-11-28T22:30:00Z", account: "444455556666",
            principal: sso, action: "kms:Decrypt",
            resources: ["arn:aws:kms:eu-west-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
            errorCode: "AccessDeniedException", decision: .unknown, reportedLayer: .resource,
            reason: "no key policy for `arn:aws:kms:eu-west-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab` in the snapshot"))
        return results
    }

    /// Writes a store holding only `longNames`.
    static func writeLongNameStore(at path: String) throws {
        let store = try DenyStore(path: path)
        let run = try store.beginRun(command: "analyze", snapshot: "snapshot", snapshotDigest: "fixed")
        try store.record(StoredFile(path: "/logs/long.json.gz", size: 100, modifiedAt: 1_764_000_000,
            contentHash: "hash-long", recordsRead: longNames.count, recordsSelected: longNames.count),
            attributions: longNames, runID: run)
    }
}
