import CivilTime
import Testing
import TrailJSON
@testable import Replay

/// Policy-changing records become typed changes; failed records and values longer than AWS allows do not.
/// Parameter names as CloudTrail logs them, from the IAM API reference
/// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutUserPermissionsBoundary.html: `UserName`,
/// `PermissionsBoundary`; https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteGroupPolicy.html:
/// `GroupName`, `PolicyName`).
@Suite struct PolicyChangeTests {
    static func record(_ name: String, _ parameters: String, error: String? = nil, source: String = "iam.amazonaws.com")
        throws -> JSONValue
    {
        let failure = error.map { #","errorCode":"\#($0)""# } ?? ""
        return try JSONParser.parse(#"{"eventSource":"\#(source)","eventName":"\#(name)","eventTime":"2026-11-28T10:00:00Z","eventID":"7c1d0e2f-3a4b-4c5d-8e9f-000000000001","recipientAccountId":"222233334444","requestParameters":\#(parameters)\#(failure)}"#)
    }

    @Test func aBoundaryAndAnInlineGroupPolicyNameTheirSubjects() throws {
        let boundary = try #require(PolicyChange(record: try Self.record("PutUserPermissionsBoundary",
            #"{"userName":"carol","permissionsBoundary":"arn:aws:iam::222233334444:policy/InternBoundary"}"#)))
        #expect(boundary.subject == .user("carol"))
        #expect(boundary.policy == "arn:aws:iam::222233334444:policy/InternBoundary")
        #expect(boundary.eventTime == UTCTime("2026-11-28T10:00:00Z"))
        let group = try #require(PolicyChange(record: try Self.record("DeleteGroupPolicy",
            #"{"groupName":"interns","policyName":"NoProd"}"#)))
        #expect(group.subject == .group("interns"))
        #expect(group.policy == "NoProd")
    }

    @Test func failedRecordsAndOtherEventsAreNotChanges() throws {
        #expect(PolicyChange(record: try Self.record("AttachRolePolicy", #"{"roleName":"deploy"}"#, error: "AccessDenied")) == nil)
        #expect(PolicyChange(record: try Self.record("GetRolePolicy", #"{"roleName":"deploy"}"#)) == nil)
        #expect(PolicyChange(record: try Self.record("PutBucketPolicy", #"{"bucketName":"b"}"#, source: "iam.amazonaws.com")) == nil,
            "PutBucketPolicy is an S3 event")
    }

    @Test func valuesLongerThanAWSAllowsAreLeftOut() throws {
        let long = String(repeating: "r", count: 65)
        let change = try #require(PolicyChange(record: try Self.record("PutRolePolicy", #"{"roleName":"\#(long)","policyName":"p"}"#)))
        #expect(change.subject == .managedPolicy, "a role name over 64 characters is not kept")
        #expect(change.policy == "p")
    }

    /// The new state is kept as the record carries it: IAM's `policyDocument` string, S3's `bucketPolicy` object,
    /// Organizations' `content`, CreatePolicyVersion's `setAsDefault` and version id
    /// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicyVersion.html).
    @Test func theNewDocumentIsKeptAsTheRecordCarriesIt() throws {
        let put = try #require(PolicyChange(record: try Self.record("PutUserPolicy",
            #"{"userName":"carol","policyName":"p","policyDocument":"%7B%7D"}"#)))
        #expect(put.document == "%7B%7D")
        let bucket = try #require(PolicyChange(record: try Self.record("PutBucketPolicy",
            #"{"bucketName":"b","bucketPolicy":{"Version":"2012-10-17","Statement":[]}}"#, source: "s3.amazonaws.com")))
        #expect(bucket.document == ["Version": "2012-10-17", "Statement": []])
        let scp = try #require(PolicyChange(record: try Self.record("UpdatePolicy", #"{"policyId":"p-1","content":"{}"}"#,
            source: "organizations.amazonaws.com")))
        #expect(scp.document == "{}")
        let version = try #require(PolicyChange(record: try Self.record("CreatePolicyVersion",
            #"{"policyArn":"arn:aws:iam::222233334444:policy/P","policyDocument":"{}","setAsDefault":true}"#)))
        #expect(version.setAsDefault == true)
        let rename = try #require(PolicyChange(record: try Self.record("UpdatePolicy", #"{"policyId":"p-1","name":"n"}"#,
            source: "organizations.amazonaws.com")))
        #expect(rename.document == nil)
    }

    @Test func aDocumentLongerThanAnyPolicyIsLeftOutWithTheReason() throws {
        let long = String(repeating: "a", count: PolicyChange.documentLimit + 1)
        let change = try #require(PolicyChange(record: try Self.record("PutRolePolicy",
            #"{"roleName":"deploy","policyName":"p","policyDocument":"\#(long)"}"#)))
        #expect(change.document == nil)
        #expect(change.documentProblem?.contains("more than any policy AWS accepts") == true)
    }

    /// GetSessionToken issues temporary credentials without session policies
    /// (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html): a plain session.
    @Test func getSessionTokenIssuesAPlainSession() throws {
        var sessions = SessionIndex()
        let record = try JSONParser.parse(#"{"eventSource":"sts.amazonaws.com","eventName":"GetSessionToken","eventID":"e1","responseElements":{"credentials":{"accessKeyId":"ASIAUSERSESSION1"}}}"#)
        #expect(sessions.index(record) == .indexed(ignored: []))
        let caller = try JSONParser.parse(#"{"userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::111122223333:user/bob","accountId":"111122223333","accessKeyId":"ASIAUSERSESSION1","userName":"bob"},"eventSource":"ec2.amazonaws.com","eventName":"RunInstances","awsRegion":"us-east-1"}"#)
        let request = RequestBuilder().build(caller, sessions: sessions)
        #expect(request.session?.eventName == "GetSessionToken")
        #expect(request.session?.policy == nil)
        #expect(!request.sessionUnknown)
    }
}
