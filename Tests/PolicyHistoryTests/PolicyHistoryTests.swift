import CivilTime
import Foundation
import PolicyHistory
import Replay
import Snapshot
import Testing
import TrailJSON

/// Each kind of change applied, undone and left unknown. Request parameters as CloudTrail logs them, from the API
/// references: https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutUserPolicy.html (`PolicyDocument`, a
/// URL-encoded JSON string in the raw API), https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachUserPolicy.html,
/// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html (the policy, logged as the object
/// `bucketPolicy`), https://docs.aws.amazon.com/organizations/latest/APIReference/API_UpdatePolicy.html (`Content`)
/// and https://docs.aws.amazon.com/organizations/latest/APIReference/API_AttachPolicy.html (`TargetId`).
@Suite struct PolicyHistoryTests {
    static let snapshotTime = UTCTime("2026-11-28T23:00:00Z")!

    static func time(_ clock: String) -> UTCTime { UTCTime("2026-11-28T\(clock):00Z")! }

    static func change(_ name: String, _ parameters: String, at clock: String, id: Int,
        source: String = "iam.amazonaws.com", response: String = "null") throws -> PolicyChange
    {
        let text = #"{"eventSource":"\#(source)","eventName":"\#(name)","eventTime":"2026-11-28T\#(clock):00Z","eventID":"00000000-0000-4000-8000-\#(String(format: "%012d", id))","recipientAccountId":"222233334444","awsRegion":"us-east-1","userIdentity":{"arn":"arn:aws:iam::222233334444:user/admin"},"requestParameters":\#(parameters),"responseElements":\#(response)}"#
        return try #require(PolicyChange(record: try JSONParser.parse(text)))
    }

    static func document(_ sid: String, _ effect: String = "Deny") -> JSONValue {
        ["Version": "2012-10-17", "Statement": [["Sid": .string(sid), "Effect": .string(effect), "Action": "iam:ListUsers", "Resource": "*"]]]
    }

    static func put(_ sid: String, at clock: String, id: Int, user: String = "alice", policy: String = "Extra") throws -> PolicyChange {
        let text = JSONWriter.string(document(sid))
        return try change("PutUserPolicy", JSONWriter.string(["userName": .string(user), "policyName": .string(policy),
            "policyDocument": .string(text)]), at: clock, id: id)
    }

    static let alicesExtra = PolicyObject.inlinePolicy(account: "222233334444", entity: .user, name: "alice", policy: "Extra")
    static let alicesAttachments = PolicyObject.attachments(account: "222233334444", entity: .user, name: "alice")

    func state(_ history: PolicyHistory, _ object: PolicyObject, at clock: String, snapshot: PolicyObjectState?) -> PolicyObjectState {
        history.state(of: object, at: Self.time(clock), snapshot: snapshot, snapshotTime: Self.snapshotTime)
    }

    @Test func anInlinePolicyIsAsTheLatestPutBeforeTheCallCarriedIt() throws {
        let history = PolicyHistory(changes: [try Self.put("Old", at: "08:00", id: 1), try Self.put("Fixed", at: "09:30", id: 2)])
        let snapshot = PolicyObjectState.document(Self.document("Fixed"))
        #expect(state(history, Self.alicesExtra, at: "09:00", snapshot: snapshot) == .document(Self.document("Old")))
        #expect(state(history, Self.alicesExtra, at: "10:00", snapshot: snapshot) == .document(Self.document("Fixed")))
        #expect(history.diagnostics.isEmpty)
    }

    @Test func anInlinePolicyChangedAfterTheCallWithNoEarlierDocumentIsUnknownNamingTheChange() throws {
        let history = PolicyHistory(changes: [try Self.put("Fixed", at: "09:30", id: 2)])
        guard case .unknown(let reason) = state(history, Self.alicesExtra, at: "09:00", snapshot: .document(Self.document("Fixed")))
        else { Issue.record("expected unknown"); return }
        #expect(reason.contains("PutUserPolicy at 2026-11-28T09:30:00Z (eventID 00000000-0000-4000-8000-000000000002)"))
        #expect(reason.contains("inline policy `Extra` of user `alice`"))
    }

    @Test func aDeletedInlinePolicyIsUndoneWhenItsEarlierDocumentIsKnown() throws {
        let delete = try Self.change("DeleteUserPolicy", #"{"userName":"alice","policyName":"Extra"}"#, at: "09:30", id: 3)
        let known = PolicyHistory(changes: [try Self.put("Old", at: "08:00", id: 1), delete])
        #expect(state(known, Self.alicesExtra, at: "09:00", snapshot: .document(nil)) == .document(Self.document("Old")))
        #expect(state(known, Self.alicesExtra, at: "09:45", snapshot: .document(nil)) == .document(nil))
        let unknown = PolicyHistory(changes: [delete])
        guard case .unknown(let reason) = state(unknown, Self.alicesExtra, at: "09:00", snapshot: .document(nil)) else {
            Issue.record("expected unknown"); return
        }
        #expect(reason.contains("DeleteUserPolicy at 2026-11-28T09:30:00Z"))
    }

    @Test func attachAndDetachAreUndoneFromTheSnapshot() throws {
        let history = PolicyHistory(changes: [
            try Self.change("AttachUserPolicy", #"{"userName":"alice","policyArn":"arn:aws:iam::222233334444:policy/Fix"}"#, at: "09:30", id: 4),
            try Self.change("DetachUserPolicy", #"{"userName":"alice","policyArn":"arn:aws:iam::222233334444:policy/Old"}"#, at: "10:00", id: 5),
        ])
        let snapshot = PolicyObjectState.members(["arn:aws:iam::222233334444:policy/Fix"])
        #expect(state(history, Self.alicesAttachments, at: "09:00", snapshot: snapshot)
            == .members(["arn:aws:iam::222233334444:policy/Old"]))
        #expect(state(history, Self.alicesAttachments, at: "09:45", snapshot: snapshot)
            == .members(["arn:aws:iam::222233334444:policy/Fix", "arn:aws:iam::222233334444:policy/Old"]))
        guard case .unknown(let reason) = state(history, Self.alicesAttachments, at: "09:00", snapshot: nil) else {
            Issue.record("an attachment set the snapshot lacks cannot be undone"); return
        }
        #expect(reason.contains("the snapshot does not hold it"))
    }

    @Test func changesAfterTheSnapshotRollItForward() throws {
        let history = PolicyHistory(changes: [
            try Self.change("DetachUserPolicy", #"{"userName":"alice","policyArn":"arn:aws:iam::222233334444:policy/Old"}"#, at: "23:30", id: 6),
            try Self.put("Later", at: "23:40", id: 7),
        ])
        let snapshot = PolicyObjectState.members(["arn:aws:iam::222233334444:policy/Old"])
        #expect(state(history, Self.alicesAttachments, at: "23:15", snapshot: snapshot) == snapshot)
        #expect(state(history, Self.alicesAttachments, at: "23:45", snapshot: snapshot) == .members([]))
        #expect(state(history, Self.alicesExtra, at: "23:45", snapshot: .document(nil)) == .document(Self.document("Later")))
        #expect(history.entries(between: Self.time("23:45"), and: Self.snapshotTime).map(\.change.eventName)
            == ["DetachUserPolicy", "PutUserPolicy"])
        #expect(history.entries(between: Self.time("23:15"), and: Self.snapshotTime).isEmpty)
    }

    @Test func aBucketPolicyIsPutAsAnObjectAndDeleted() throws {
        let put = try Self.change("PutBucketPolicy", #"{"bucketName":"example-data","bucketPolicy":{"Version":"2012-10-17","Statement":[{"Sid":"Old","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}}"#,
            at: "08:00", id: 8, source: "s3.amazonaws.com")
        let delete = try Self.change("DeleteBucketPolicy", #"{"bucketName":"example-data"}"#, at: "09:30", id: 9, source: "s3.amazonaws.com")
        let history = PolicyHistory(changes: [put, delete])
        let object = PolicyObject.bucketPolicy(bucket: "example-data")
        guard case .document(let document?) = state(history, object, at: "09:00", snapshot: .document(nil)) else {
            Issue.record("expected the put document"); return
        }
        #expect(document["Statement"]?.arrayValue?.first?["Sid"] == "Old")
        #expect(state(history, object, at: "10:00", snapshot: .document(nil)) == .document(nil))
    }

    @Test func anSCPsContentAndTargetsFollowUpdatePolicyAttachAndDetach() throws {
        let content = JSONWriter.string(Self.document("NoListing"))
        let source = "organizations.amazonaws.com"
        let history = PolicyHistory(changes: [
            try Self.change("UpdatePolicy", JSONWriter.string(["policyId": "p-7tr41lpr", "content": .string(content)]), at: "08:00", id: 10, source: source),
            try Self.change("DetachPolicy", #"{"policyId":"p-7tr41lpr","targetId":"ou-a1b2-prod7k3q"}"#, at: "09:30", id: 11, source: source),
            try Self.change("UpdatePolicy", #"{"policyId":"p-7tr41lpr","name":"renamed only"}"#, at: "09:40", id: 12, source: source),
        ])
        let targets = PolicyObject.organizationTargets(id: "p-7tr41lpr")
        #expect(state(history, targets, at: "09:00", snapshot: .members(["r-a1b2"])) == .members(["r-a1b2", "ou-a1b2-prod7k3q"]))
        #expect(state(history, .organizationPolicy(id: "p-7tr41lpr"), at: "09:00", snapshot: .document(nil))
            == .document(Self.document("NoListing")))
        #expect(history.entries.count == 2, "an UpdatePolicy without content changes no document")
    }

    @Test func aURLEncodedDocumentDecodesAsTheSnapshotsDo() throws {
        let encoded = JSONWriter.string(Self.document("Old")).utf8.map { String(format: "%%%02X", $0) }.joined()
        let put = try Self.change("PutUserPolicy", #"{"userName":"alice","policyName":"Extra","policyDocument":"\#(encoded)"}"#, at: "08:00", id: 13)
        let history = PolicyHistory(changes: [put, try Self.put("Fixed", at: "09:30", id: 14)])
        #expect(state(history, Self.alicesExtra, at: "09:00", snapshot: nil) == .document(Self.document("Old")))
    }

    @Test func aBadDocumentIsADiagnosticAndMakesOnlyItsObjectUnknown() throws {
        var bad = try Self.change("PutUserPolicy", #"{"userName":"alice","policyName":"Extra","policyDocument":"not a policy"}"#, at: "08:00", id: 15)
        bad.file = "trail.json"
        let history = PolicyHistory(changes: [bad, try Self.put("Fixed", at: "09:30", id: 16),
            try Self.put("Bobs", at: "08:00", id: 17, user: "bob"), try Self.put("Bobs2", at: "09:30", id: 18, user: "bob")])
        #expect(history.diagnostics.count == 1)
        #expect(history.diagnostics.first?.hasPrefix("trail.json: PutUserPolicy record (eventID 00000000-0000-4000-8000-000000000015)") == true)
        guard case .unknown(let reason) = state(history, Self.alicesExtra, at: "09:00", snapshot: .document(Self.document("Fixed"))) else {
            Issue.record("expected unknown"); return
        }
        #expect(reason.contains("000000000015"))
        let bobs = PolicyObject.inlinePolicy(account: "222233334444", entity: .user, name: "bob", policy: "Extra")
        #expect(state(history, bobs, at: "09:00", snapshot: .document(Self.document("Bobs2"))) == .document(Self.document("Bobs")))
    }

    /// IAM quotas (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html): a user's inline
    /// policies total at most 2,048 characters, whitespace not counted; a role's 10,240.
    @Test func aDocumentOverItsQuotaIsNotUsed() throws {
        let long = ["Version": "2012-10-17", "Statement": [["Effect": "Allow", "Action": .array((0..<200).map { .string("iam:Action\($0)") }), "Resource": "*"]]] as JSONValue
        let text = JSONWriter.string(long)
        #expect(text.count > 2_048 && text.count < 10_240)
        let user = try Self.change("PutUserPolicy", JSONWriter.string(["userName": "alice", "policyName": "Extra", "policyDocument": .string(text)]), at: "08:00", id: 19)
        let role = try Self.change("PutRolePolicy", JSONWriter.string(["roleName": "deploy", "policyName": "Extra", "policyDocument": .string(text)]), at: "08:00", id: 20)
        let history = PolicyHistory(changes: [user, role])
        #expect(history.diagnostics.count == 1)
        #expect(history.diagnostics.first?.contains("more than the 2048 AWS accepts") == true)
        #expect(state(history, .inlinePolicy(account: "222233334444", entity: .role, name: "deploy", policy: "Extra"), at: "09:00", snapshot: nil)
            == .document(long))
    }

    @Test func theEpochCountsTheStepsAtOrBeforeATime() throws {
        let history = PolicyHistory(changes: [try Self.put("A", at: "09:30", id: 21), try Self.put("B", at: "08:00", id: 22)])
        #expect(history.entries.map { $0.change.eventID.map { String($0.suffix(2)) } } == ["22", "21"], "steps are in time order")
        #expect(history.epoch(of: Self.time("07:00")) == 0)
        #expect(history.epoch(of: Self.time("08:00")) == 1)
        #expect(history.epoch(of: Self.time("09:00")) == 1)
        #expect(history.epoch(of: Self.time("10:00")) == 2)
    }

    /// CreatePolicyVersion's response names the version
    /// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicyVersion.html: `PolicyVersion.VersionId`);
    /// SetDefaultPolicyVersion names only the version
    /// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_SetDefaultPolicyVersion.html).
    /// get-account-authorization-details lists every version of a customer managed policy (`PolicyVersionList`,
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html): a new default
    /// the archive did not create is the snapshot's version document.
    @Test func aNewDefaultVersionTheSnapshotHoldsIsKnown() throws {
        let arn = "arn:aws:iam::222233334444:policy/Ops"
        let object = PolicyObject.managedPolicy(arn: arn)
        let setDefault = try Self.change("SetDefaultPolicyVersion", #"{"policyArn":"\#(arn)","versionId":"v1"}"#, at: "09:30", id: 43)
        let history = PolicyHistory(changes: [setDefault], snapshotVersions: [arn: ["v1": Self.document("V1"), "v2": Self.document("V2")]])
        #expect(history.diagnostics.isEmpty)
        // The snapshot (23:00) has v1 as its default; a call after the change, with the snapshot taken before it
        // (rolled forward), gets v1 too.
        #expect(history.state(of: object, at: Self.time("10:00"), snapshot: .document(Self.document("V2")),
            snapshotTime: Self.time("07:00")) == .document(Self.document("V1")))
        let withoutVersions = PolicyHistory(changes: [setDefault])
        guard case .unknown = withoutVersions.state(of: object, at: Self.time("10:00"), snapshot: .document(Self.document("V2")),
            snapshotTime: Self.time("07:00"))
        else { Issue.record("without the snapshot's versions, v1 is not known"); return }
    }

    @Test func aNewDefaultVersionIsKnownWhenTheArchiveCreatedIt() throws {
        let arn = "arn:aws:iam::222233334444:policy/Ops"
        let object = PolicyObject.managedPolicy(arn: arn)
        let create = try Self.change("CreatePolicyVersion", JSONWriter.string(["policyArn": .string(arn),
            "policyDocument": .string(JSONWriter.string(Self.document("V2"))), "setAsDefault": false]), at: "08:00", id: 40,
            response: #"{"policyVersion":{"versionId":"v2","isDefaultVersion":false}}"#)
        let setDefault = try Self.change("SetDefaultPolicyVersion", #"{"policyArn":"\#(arn)","versionId":"v2"}"#, at: "08:30", id: 41)
        let unknownVersion = try Self.change("SetDefaultPolicyVersion", #"{"policyArn":"\#(arn)","versionId":"v1"}"#, at: "09:30", id: 42)
        let history = PolicyHistory(changes: [unknownVersion, setDefault, create])
        #expect(history.entries.map(\.change.eventName) == ["SetDefaultPolicyVersion", "SetDefaultPolicyVersion"],
            "a version created without becoming the default changes no default")
        #expect(state(history, object, at: "09:00", snapshot: .document(Self.document("V1"))) == .document(Self.document("V2")))
        guard case .unknown(let reason) = state(history, object, at: "08:15", snapshot: .document(Self.document("V1"))) else {
            Issue.record("before the default changed, the earlier default is not in the archive"); return
        }
        #expect(reason.contains("SetDefaultPolicyVersion at 2026-11-28T08:30:00Z"))
        guard case .unknown(let later) = state(history, object, at: "10:00", snapshot: nil) else {
            Issue.record("v1's document is not in the archive"); return
        }
        #expect(later.contains("names version `v1`, whose document is not in the archive"))
    }

    /// PutKeyPolicy's `KeyId` is a key id or ARN (https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html).
    @Test func aKeyPolicyIsPlacedByTheKeysARN() throws {
        let put = try Self.change("PutKeyPolicy", JSONWriter.string(["keyId": "1234abcd-12ab-34cd-56ef-1234567890ab", "policyName": "default",
            "policy": .string(JSONWriter.string(Self.document("Key")))]), at: "09:30", id: 43, source: "kms.amazonaws.com")
        let history = PolicyHistory(changes: [put])
        #expect(history.entries.first?.object == .keyPolicy(arn: "arn:aws:kms:us-east-1:222233334444:key/1234abcd-12ab-34cd-56ef-1234567890ab"))
        #expect(history.entries.first?.effect == .set(.document(Self.document("Key"))))
    }
}
