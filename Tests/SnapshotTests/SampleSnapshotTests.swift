import Snapshot
import Testing
import TrailJSON

/// The committed SampleSnapshot (Scripts/make-sample-snapshot.py) holds the policies behind each
/// scenario of SampleLogs/AWSLogs.
@Suite struct SampleSnapshotTests {
    static let load = Snapshot.load(directory: repositoryRoot + "/SampleSnapshot")
    var snapshot: Snapshot { Self.load.snapshot }

    func statements(_ source: PolicySource?) -> [JSONValue] { source?.document["Statement"]?.arrayValue ?? [] }

    @Test func loadsWithoutDiagnostics() {
        #expect(Self.load.diagnostics == [])
        #expect(snapshot.accountIDs == ["111111111111", "222233334444", "555566667777"])
        #expect(snapshot.organizationID == "o-a1b2c3d4e5")
        #expect(snapshot.isManagementAccount("111111111111") == true)
    }

    @Test func identityScenarios() throws {
        let alice = try #require(snapshot.principal(arn: "arn:aws:iam::222233334444:user/alice").value)
        #expect(alice.id == "AIDAWORKLOADALICE0001" && alice.isComplete)
        #expect(statements(alice.identity.first).first?["Action"] == "iam:DeleteRole")
        let bob = try #require(snapshot.principal(arn: "arn:aws:iam::222233334444:user/bob").value)
        let mfa = try #require(bob.identity.first { $0.kind == .groupManaged })
        #expect(statements(mfa).last?["Condition"]?["BoolIfExists"]?["aws:MultiFactorAuthPresent"] == "false")
        let carol = try #require(snapshot.principal(arn: "arn:aws:iam::222233334444:user/carol").value)
        #expect(carol.identity.map(\.kind) == [.inline, .managed, .groupManaged])
        #expect(statements(carol.identity.first).last?["Condition"]?["ForAllValues:StringNotLike"]?["aws:TagKeys"]
            == ["cost-center", "project"])
        let intern = try #require(snapshot.principal(arn: "arn:aws:sts::222233334444:assumed-role/intern/erin").value)
        #expect(intern.id == "AROAWORKLOADINTERN001")
        #expect(statements(intern.boundary).last?["Action"] == "ec2:*")
        #expect(snapshot.principal(arn: "arn:aws:sts::222233334444:assumed-role/builder/nightly").value?.isComplete == true)
        let analyst = try #require(snapshot.principal(arn: "arn:aws:sts::222233334444:assumed-role/analyst/dana").value)
        #expect(!analyst.identity.flatMap(statements).contains { $0["Action"]?.stringValue?.hasPrefix("secretsmanager") == true })
        #expect(snapshot.principal(arn: "arn:aws:sts::555566667777:assumed-role/cleanup/sweeper").value?.id == "AROADATACLEANUP000001")
    }

    @Test func organizationTargetsAreNamedFromTheCollectedOUs() {
        #expect(snapshot.organizationTargetLabel("ou-a1b2-prod7k3q") == "OU Production (ou-a1b2-prod7k3q)")
        #expect(snapshot.organizationTargetLabel("ou-a1b2-data9m4x") == "OU Data (ou-a1b2-data9m4x)")
        #expect(snapshot.organizationTargetLabel("ou-a1b2-unknown1") == "OU ou-a1b2-unknown1")
        #expect(snapshot.organizationTargetLabel("r-a1b2") == "root r-a1b2")
        #expect(snapshot.organizationTargetLabel("222233334444") == "account 222233334444")
    }

    @Test func organizationScenarios() throws {
        #expect(snapshot.organizationPath(account: "222233334444") == .known(["r-a1b2", "ou-a1b2-prod7k3q", "222233334444"]))
        let scps = try #require(snapshot.serviceControlPolicies(account: "222233334444").value)
        #expect(scps.map(\.count) == [1, 2, 1])
        #expect(statements(scps[1].first { $0.id.hasSuffix("p-7tr41lpr") }).first?["Condition"]?["ArnNotLike"]?["aws:PrincipalARN"]
            == "arn:aws:iam::*:role/security-admin")
        let rcps = try #require(snapshot.resourceControlPolicies(account: "555566667777").value)
        #expect(rcps.map(\.count) == [1, 1, 2])
        #expect(rcps[2].contains { statements($0).first?["Action"] == "s3:DeleteObject" })
    }

    @Test func resourceScenarios() throws {
        let bucket = try #require(snapshot.resourcePolicy(arn: "arn:aws:s3:::example-data/confidential/plan.pdf").value ?? nil)
        #expect(statements(bucket).compactMap { $0["Sid"]?.stringValue } == ["AllowWorkloadAccount", "DenyInternReads",
            "OnlyPipelineAndAliceWrite", "ConfidentialOnlyThroughEndpoint"])
        let endpoint = try #require(snapshot.vpcEndpoint(id: "vpce-0a1b2c3d4e5f60718").value)
        #expect(statements(endpoint.policy).first?["Action"] == "s3:GetObject")
        #expect(snapshot.resourcePolicy(arn: "arn:aws:secretsmanager:us-east-1:222233334444:secret:prod/db/password") == .known(nil))
        #expect(snapshot.resourcePolicy(arn: "arn:aws:kinesis:us-east-1:555566667777:stream/clickstream").unknownReason != nil)
    }
}
