import CivilTime
import Foundation
import PolicyHistory
import Replay
import Snapshot
import Testing
import TrailJSON

/// The sample snapshot (SampleSnapshot, taken "at 23:00") turned into the policies of 09:00 by the changes
/// between: each kind of object put back where the snapshot's lookups find it.
@Suite struct SnapshotAsOfTests {
    static let snapshot: Snapshot = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return Snapshot.load(directory: url.path + "/SampleSnapshot").snapshot
    }()

    static func asOf(_ clock: String, _ changes: [PolicyChange]) -> Snapshot {
        let history = PolicyHistory(changes: changes)
        return snapshot.applying(history.updates(at: PolicyHistoryTests.time(clock), snapshot: snapshot,
            snapshotTime: PolicyHistoryTests.snapshotTime))
    }

    @Test func anAttachAfterTheCallIsUndoneInTheIdentityLayer() throws {
        let attach = try PolicyHistoryTests.change("AttachUserPolicy",
            #"{"userName":"alice","policyArn":"arn:aws:iam::222233334444:policy/IAMAdministration"}"#, at: "09:30", id: 30)
        let alice = "arn:aws:iam::222233334444:user/alice"
        #expect(Self.snapshot.principal(arn: alice).value?.identity.map(\.id).contains("arn:aws:iam::222233334444:policy/IAMAdministration") == true)
        let then = Self.asOf("09:00", [attach])
        let identity = try #require(then.principal(arn: alice).value?.identityLayer.value)
        #expect(!identity.map(\.id).contains("arn:aws:iam::222233334444:policy/IAMAdministration"))
        #expect(identity.map(\.id).contains("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"), "the group's policies stay")
    }

    @Test func anInlinePutBeforeTheCallIsTheDocumentEvaluated() throws {
        let old = try PolicyHistoryTests.put("Old", at: "08:00", id: 31, policy: "DenyRoleDeletion")
        let fixed = try PolicyHistoryTests.put("Fixed", at: "09:30", id: 32, policy: "DenyRoleDeletion")
        let then = Self.asOf("09:00", [old, fixed])
        let identity = try #require(then.principal(arn: "arn:aws:iam::222233334444:user/alice").value?.identityLayer.value)
        let inline = try #require(identity.first { $0.id == "arn:aws:iam::222233334444:user/alice#inline:DenyRoleDeletion" })
        #expect(inline.document == PolicyHistoryTests.document("Old"))
        #expect(inline.origin.contains("PutUserPolicy at 2026-11-28T08:00:00Z"))
    }

    @Test func aBucketPolicyPutAfterTheCallWithNoEarlierDocumentIsUnknown() throws {
        let put = try PolicyHistoryTests.change("PutBucketPolicy",
            #"{"bucketName":"example-data","bucketPolicy":{"Version":"2012-10-17","Statement":[]}}"#, at: "09:30", id: 33,
            source: "s3.amazonaws.com")
        let reason = Self.asOf("09:00", [put]).resourcePolicy(arn: "arn:aws:s3:::example-data/key").unknownReason
        #expect(reason?.contains("the bucket policy of `example-data` changed after the call (PutBucketPolicy at 2026-11-28T09:30:00Z") == true)
        #expect(Self.asOf("10:00", [put]).resourcePolicy(arn: "arn:aws:s3:::example-data").value != nil,
            "after the change the snapshot's own document stands")
    }

    @Test func anSCPAttachedAfterTheCallIsNotAboveTheAccountThen() throws {
        let attach = try PolicyHistoryTests.change("AttachPolicy", #"{"policyId":"p-7tr41lpr","targetId":"ou-a1b2-prod7k3q"}"#,
            at: "09:30", id: 34, source: "organizations.amazonaws.com")
        func scps(_ snapshot: Snapshot) -> [String] {
            (snapshot.serviceControlPolicies(account: "222233334444").value ?? []).joined().compactMap(\.name)
        }
        #expect(scps(Self.snapshot).contains("ProtectCloudTrail"))
        #expect(!scps(Self.asOf("09:00", [attach])).contains("ProtectCloudTrail"))
        #expect(!scps(Self.asOf("09:00", [attach])).isEmpty, "FullAWSAccess stays")
    }

    @Test func anSCPsContentIsAsTheUpdateBeforeTheCallCarriedIt() throws {
        let source = "organizations.amazonaws.com"
        let content = { (sid: String) in JSONWriter.string(["policyId": "p-7tr41lpr", "content": .string(JSONWriter.string(PolicyHistoryTests.document(sid)))]) }
        let changes = [try PolicyHistoryTests.change("UpdatePolicy", content("Before"), at: "08:00", id: 35, source: source),
            try PolicyHistoryTests.change("UpdatePolicy", content("After"), at: "09:30", id: 36, source: source)]
        let levels = try #require(Self.asOf("09:00", changes).serviceControlPolicies(account: "222233334444").value)
        let protect = try #require(levels.joined().first { $0.name == "ProtectCloudTrail" })
        #expect(protect.document == PolicyHistoryTests.document("Before"))
        let unknown = Self.asOf("09:00", [changes[1]]).serviceControlPolicies(account: "222233334444").unknownReason
        #expect(unknown?.contains("UpdatePolicy at 2026-11-28T09:30:00Z") == true)
    }

    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePermissionsBoundary.html: `RoleName`,
    /// `PermissionsBoundary` (an ARN).
    @Test func aBoundaryIsSetFromThePutBeforeTheCallElseUnknown() throws {
        let intern = "arn:aws:iam::222233334444:role/intern"
        let boundary = "arn:aws:iam::222233334444:policy/InternBoundary"
        let put = try PolicyHistoryTests.change("PutRolePermissionsBoundary",
            #"{"roleName":"intern","permissionsBoundary":"\#(boundary)"}"#, at: "08:00", id: 37)
        let delete = try PolicyHistoryTests.change("DeleteRolePermissionsBoundary", #"{"roleName":"intern"}"#, at: "08:30", id: 38)
        let putAgain = try PolicyHistoryTests.change("PutRolePermissionsBoundary",
            #"{"roleName":"intern","permissionsBoundary":"\#(boundary)"}"#, at: "09:30", id: 39)
        let between = Self.asOf("08:45", [put, delete, putAgain]).principal(arn: intern).value?.boundaryLayer
        #expect(between == .known(nil), "deleted at 08:30, put back at 09:30")
        let before = Self.asOf("08:15", [put, delete, putAgain]).principal(arn: intern).value?.boundaryLayer
        #expect(before?.value??.id == boundary)
        let unknown = Self.asOf("09:00", [putAgain]).principal(arn: intern).value?.boundaryLayer.unknownReason
        #expect(unknown?.contains("the permissions boundary of role `intern`") == true)
        #expect(unknown?.contains("PutRolePermissionsBoundary at 2026-11-28T09:30:00Z") == true)
    }

    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html: `RoleName`, `PolicyDocument`.
    @Test func aTrustPolicyUpdatedAfterTheCallWithNoEarlierDocumentIsUnknown() throws {
        let update = try PolicyHistoryTests.change("UpdateAssumeRolePolicy", JSONWriter.string(["roleName": "builder",
            "policyDocument": .string(JSONWriter.string(PolicyHistoryTests.document("Trust", "Allow")))]), at: "09:30", id: 44)
        let builder = "arn:aws:iam::222233334444:role/builder"
        #expect(Self.snapshot.resourcePolicy(arn: builder).value != nil)
        let reason = Self.asOf("09:00", [update]).resourcePolicy(arn: builder).unknownReason
        #expect(reason?.contains("UpdateAssumeRolePolicy at 2026-11-28T09:30:00Z") == true)
        #expect(Self.asOf("10:00", [update]).resourcePolicy(arn: builder).value??.document
            == Self.snapshot.resourcePolicy(arn: builder).value??.document)
    }

    @Test func aKeyPolicyPutAfterTheCallIsUnknownThenEvenForAKeyTheSnapshotLacks() throws {
        let put = try PolicyHistoryTests.change("PutKeyPolicy", JSONWriter.string(["keyId": "1234abcd-12ab-34cd-56ef-1234567890ab",
            "policyName": "default", "policy": .string(JSONWriter.string(PolicyHistoryTests.document("Key", "Allow")))]),
            at: "09:30", id: 45, source: "kms.amazonaws.com")
        let key = "arn:aws:kms:us-east-1:222233334444:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        let reason = Self.asOf("09:00", [put]).resourcePolicy(arn: key).unknownReason
        #expect(reason?.contains("the key policy of `\(key)` changed after the call (PutKeyPolicy at 2026-11-28T09:30:00Z") == true)
    }
}
