import PolicyLanguage
import Foundation
import Testing
import TrailJSON
@testable import Analysis
@testable import Replay
import PolicyEvaluator
import ReplayResults
import Snapshot

/// Attribution against small snapshots written in the AWS CLI's own formats.
@Suite struct SnapshotAttributorTests {
    let dir = NSTemporaryDirectory() + "attributor-" + UUID().uuidString

    func write(_ relative: String, _ text: String) throws {
        let path = dir + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static let details = #"""
    {"UserDetailList": [{"Path": "/", "UserName": "alice", "UserId": "AIDAALICE", "Arn": "arn:aws:iam::111122223333:user/alice",
      "GroupList": [], "AttachedManagedPolicies": [], "Tags": [{"Key": "team", "Value": "blue"}],
      "UserPolicyList": [{"PolicyName": "inline", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
        {"Sid": "AllowAll", "Effect": "Allow", "Action": "*", "Resource": "*"},
        {"Sid": "NoDeleteRole", "Effect": "Deny", "Action": "iam:DeleteRole", "Resource": "*",
         "Condition": {"StringEquals": {"aws:PrincipalTag/team": "blue"}}}]}}]}],
     "GroupDetailList": [], "RoleDetailList": [{"Path": "/", "RoleName": "prod", "RoleId": "AROAPROD",
       "Arn": "arn:aws:iam::111122223333:role/prod", "RolePolicyList": [], "AttachedManagedPolicies": [],
       "Tags": [{"Key": "team", "Value": "blue"}, {"Key": "tier", "Value": "gold"}],
       "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::111122223333:user/deployer"}, "Action": "sts:AssumeRole"}]}}],
     "Policies": [
      {"PolicyName": "NoEC2", "Arn": "arn:aws:iam::111122223333:policy/NoEC2", "DefaultVersionId": "v1",
       "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true, "Document": {"Version": "2012-10-17",
         "Statement": [{"Sid": "NoEC2", "Effect": "Deny", "Action": "ec2:*", "Resource": "*"}]}}]}]}
    """#

    func attributor() throws -> SnapshotAttributor {
        try write("accounts/111122223333/authorization-details.json", Self.details)
        return SnapshotAttributor(snapshot: Snapshot.load(directory: dir).snapshot)
    }

    func record(user: String = "alice", eventName: String = "DeleteRole", message: String? = nil) throws -> RebuiltRequest {
        let text = #"{"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"AIDAALICE","arn":"arn:aws:iam::111122223333:user/\#(user)","accountId":"111122223333","accessKeyId":"AKIAALICE","userName":"\#(user)"},"eventTime":"2026-11-28T09:00:00Z","eventSource":"iam.amazonaws.com","eventName":"\#(eventName)","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.9","errorCode":"AccessDenied","errorMessage":"\#(message ?? "Access Denied")","requestParameters":{"roleName":"prod"},"eventID":"e-1","recipientAccountId":"111122223333"}"#
        return RequestBuilder().build(try JSONParser.parse(text))
    }

    @Test func anIdentityDenyIsAttributedWithItsConditionAndAgreesWithAWS() throws {
        let attributor = try attributor()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let message = "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: iam:DeleteRole on resource: role prod with an explicit deny in an identity-based policy"
        let result = attributor.attribute(try record(message: message))
        #expect(result.decision == .explicitDeny)
        #expect(result.denies.map(\.layer) == [.identity])
        #expect(result.denies.first?.statement == "NoDeleteRole")
        let condition = try #require(result.denies.first?.conditions.arrayValue?.first)
        #expect(condition["key"] == "aws:PrincipalTag/team")
        #expect(condition["requestValues"] == .array(["blue"]))
        #expect(result.reportedLayer == .identity)
        #expect(result.agreement == true)
        #expect(result.reason == nil)
    }

    @Test func aPrincipalMissingFromTheSnapshotIsUnknownNotAllowed() throws {
        let attributor = try attributor()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = attributor.attribute(try record(user: "mallory"))
        #expect(result.decision == .unknown)
        #expect(result.reason?.contains("mallory") == true, "\(result.reason ?? "")")
    }

    @Test func aCallTheSnapshotAllowsSaysSo() throws {
        let attributor = try attributor()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // No organization folder: the SCP layer is unknown, so an allow cannot be claimed either.
        let result = attributor.attribute(try record(eventName: "ListRoles"))
        #expect(result.decision == .unknown)
        #expect(result.reason?.contains("service control policies") == true, "\(result.reason ?? "")")
    }

    @Test func disagreementWithAWSIsReported() throws {
        let attributor = try attributor()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let message = "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: iam:DeleteRole on resource: role prod with an explicit deny in a service control policy"
        let result = attributor.attribute(try record(message: message))
        #expect(result.decision == .explicitDeny)
        #expect(result.reportedLayer == .scp)
        #expect(result.agreement == false)
    }

    @Test func anInvalidPolicyIsNamedOnceAndItsLayerIsUnknown() throws {
        try write("accounts/111122223333/authorization-details.json", Self.details.replacingOccurrences(of: #""Effect": "Deny""#, with: #""Effect": "Maybe""#))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let attributor = SnapshotAttributor(snapshot: Snapshot.load(directory: dir).snapshot)
        let first = attributor.attribute(try record())
        _ = attributor.attribute(try record())
        #expect(first.decision == .unknown)
        #expect(first.reason?.contains("cannot be read") == true, "\(first.reason ?? "")")
        #expect(attributor.policyErrors.count == 1)
        #expect(attributor.policyErrors.first?.element.contains("Effect") == true)
    }

    @Test func aManagedSessionPolicyComesFromTheSnapshot() throws {
        let attributor = try attributor()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var sessions = SessionIndex()
        sessions.add(try JSONParser.parse(#"{"eventSource":"sts.amazonaws.com","eventName":"GetFederationToken","eventID":"fed-1","requestParameters":{"name":"bob","policyArns":[{"arn":"arn:aws:iam::111122223333:policy/NoEC2"}]},"responseElements":{"credentials":{"accessKeyId":"ASIAFED1"},"federatedUser":{"federatedUserId":"111122223333:bob","arn":"arn:aws:sts::111122223333:federated-user/bob"}}}"#))
        let record = #"{"userIdentity":{"type":"FederatedUser","principalId":"111122223333:bob","arn":"arn:aws:sts::111122223333:federated-user/bob","accountId":"111122223333","accessKeyId":"ASIAFED1","sessionContext":{"sessionIssuer":{"type":"IAMUser","principalId":"AIDAALICE","arn":"arn:aws:iam::111122223333:user/alice","accountId":"111122223333","userName":"alice"}}},"eventTime":"2026-11-28T09:00:00Z","eventSource":"ec2.amazonaws.com","eventName":"StopInstances","awsRegion":"us-east-1","errorCode":"Client.UnauthorizedOperation","requestParameters":{"instancesSet":{"items":[{"instanceId":"i-1"}]}},"eventID":"e-2","recipientAccountId":"111122223333"}"#
        let request = RequestBuilder().build(try JSONParser.parse(record), sessions: sessions)
        #expect(request.session?.policyArns == ["arn:aws:iam::111122223333:policy/NoEC2"])
        let result = attributor.attribute(request)
        #expect(result.decision == .explicitDeny)
        #expect(result.denies.map(\.layer) == [.session])
        #expect(result.denies.first?.policy == "arn:aws:iam::111122223333:policy/NoEC2")
    }

    @Test func aCallerFromAnotherAccountIsFoundByItsUniqueID() throws {
        let attributor = try attributor()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let record = #"{"userIdentity":{"type":"AWSAccount","principalId":"AIDAALICE","accountId":"111122223333"},"eventTime":"2026-11-28T09:00:00Z","eventSource":"iam.amazonaws.com","eventName":"DeleteRole","awsRegion":"us-east-1","errorCode":"AccessDenied","requestParameters":{"roleName":"prod"},"eventID":"e-3","recipientAccountId":"111122223333"}"#
        let result = attributor.attribute(RequestBuilder().build(try JSONParser.parse(record)))
        #expect(result.decision == .explicitDeny)
        #expect(result.denies.first?.statement == "NoDeleteRole")
        let unknown = #"{"userIdentity":{"type":"AWSAccount","principalId":"AIDANOBODY","accountId":"444455556666"},"eventSource":"iam.amazonaws.com","eventName":"DeleteRole","awsRegion":"us-east-1","errorCode":"AccessDenied","requestParameters":{"roleName":"prod"},"recipientAccountId":"111122223333"}"#
        let other = attributor.attribute(RequestBuilder().build(try JSONParser.parse(unknown)))
        #expect(other.decision == .unknown)
        #expect(other.reason?.contains("AIDANOBODY") == true, "\(other.reason ?? "")")
    }

    /// CloudTrail's shape for a session of a role in another account: only the account and `AROA…:session`.
    /// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
    @Test func aRoleSessionFromAnotherAccountIsFoundByTheRolesUniqueID() throws {
        let attributor = try attributor()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let record = #"{"userIdentity":{"type":"AWSAccount","principalId":"AROAPROD:deploy-42","accountId":"111122223333","accessKeyId":"ASIAOTHER"},"eventTime":"2026-11-28T09:00:00Z","eventSource":"iam.amazonaws.com","eventName":"ListRoles","awsRegion":"us-east-1","errorCode":"AccessDenied","eventID":"e-6","recipientAccountId":"444455556666"}"#
        let request = RequestBuilder().build(try JSONParser.parse(record))
        #expect(request.sessionUnknown)
        let outcome = attributor.replay(request)
        // The role has no policy: its identity layer is known and gives no Allow.
        #expect(outcome.attribution.missingAllows.map(\.layer).contains(.identity), "\(outcome.attribution)")
        #expect(outcome.context["aws:PrincipalArn"] == ["arn:aws:iam::111122223333:role/prod"])
        #expect(outcome.context["aws:PrincipalTag/tier"] == ["gold"])
        #expect(outcome.context["aws:PrincipalType"] == ["AssumedRole"])
        #expect(!outcome.unknown.contains { $0.layer == .identity })
    }

    @Test func aUniqueIDIsLookedUpInTheCallersAccountOnly() throws {
        let attributor = try attributor()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // AIDAALICE exists, but in 111122223333; the record says the caller is in 444455556666.
        let record = #"{"userIdentity":{"type":"AWSAccount","principalId":"AIDAALICE","accountId":"444455556666"},"eventSource":"iam.amazonaws.com","eventName":"DeleteRole","awsRegion":"us-east-1","errorCode":"AccessDenied","requestParameters":{"roleName":"prod"},"recipientAccountId":"111122223333"}"#
        let result = attributor.attribute(RequestBuilder().build(try JSONParser.parse(record)))
        #expect(result.decision == .unknown)
        #expect(result.reason?.contains("account `444455556666` is not in the snapshot") == true, "\(result.reason ?? "")")
    }

    /// The real shape of an anonymous S3 request in CloudTrail (type AWSAccount, accountId `anonymous`, empty
    /// principalId), replayed as a request without a principal: only a bucket policy naming everyone can allow it.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous
    @Test func anAnonymousRequestIsDecidedByTheBucketPolicyAlone() throws {
        let attributor = try attributor()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write("accounts/111122223333/s3/_buckets.json", #"{"Buckets": [{"Name": "site"}, {"Name": "closed"}]}"#)
        try write("accounts/111122223333/s3/site.json", #"{"Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Public\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::site/public/*\"}]}"}"#)
        try write("accounts/111122223333/s3/closed.json", #"{"Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoPrincipal\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"}"#)
        let reload = SnapshotAttributor(snapshot: Snapshot.load(directory: dir).snapshot)
        func anonymous(_ bucket: String, _ key: String) throws -> Attribution {
            let record = #"{"eventVersion":"1.10","userIdentity":{"type":"AWSAccount","principalId":"","accountId":"anonymous"},"eventTime":"2026-11-28T09:00:00Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.7","errorCode":"AccessDenied","errorMessage":"Access Denied","requestParameters":{"bucketName":"\#(bucket)","key":"\#(key)"},"resources":[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::\#(bucket)/\#(key)"}],"eventID":"anon-1","recipientAccountId":"111122223333"}"#
            let request = RequestBuilder().build(try JSONParser.parse(record))
            #expect(request.caller.isAnonymous)
            #expect(request.context["aws:PrincipalAccount"] == nil && request.context["aws:userid"] == nil)
            return reload.attribute(request)
        }
        _ = attributor
        let privateKey = try anonymous("site", "private/x")
        #expect(privateKey.decision == .implicitDeny, "\(privateKey)")
        #expect(privateKey.principal == "anonymous")
        #expect(privateKey.missingAllows.map(\.layer) == [.resource])
        // Allowed by the bucket policy; with no organization data the RCP layer stays unknown.
        let publicKey = try anonymous("site", "public/x")
        #expect(publicKey.decision == .unknown && publicKey.reason?.contains("resource control policies") == true, "\(publicKey)")
        // A statement without Principal never grants, and is named once as a policy problem.
        #expect(try anonymous("closed", "x").missingAllows.map(\.layer) == [.resource])
        #expect(reload.policyErrors.map(\.description).contains {
            $0.contains("Statement[0]: statement `NoPrincipal` of a resource-based policy has no `Principal`")
        }, "\(reload.policyErrors)")
    }

    /// A record names a role without its path; the snapshot's path shows it is service-linked, which only its
    /// service may change. https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-service-linked-role.html
    @Test func aServiceLinkedRoleIsRecognizedByItsPathInTheSnapshot() throws {
        try write("accounts/111122223333/authorization-details.json", Self.details
            .replacingOccurrences(of: #""Path": "/", "RoleName": "prod""#, with: #""Path": "/aws-service-role/ecs.amazonaws.com/", "RoleName": "prod""#)
            .replacingOccurrences(of: #""arn:aws:iam::111122223333:role/prod", "RolePolicyList""#,
                with: #""arn:aws:iam::111122223333:role/aws-service-role/ecs.amazonaws.com/prod", "RolePolicyList""#))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let attributor = SnapshotAttributor(snapshot: Snapshot.load(directory: dir).snapshot)
        let outcome = attributor.replay(try record(eventName: "PutRolePolicy"))
        #expect(outcome.decision?.rules.map(\.kind) == [.serviceLinkedRole], "\(outcome.attribution)")
        #expect(outcome.attribution.decision == .implicitDeny)
    }

    @Test func assumingARoleNeedsItsTrustPolicy() throws {
        let attributor = try attributor()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let record = #"{"userIdentity":{"type":"IAMUser","principalId":"AIDAALICE","arn":"arn:aws:iam::111122223333:user/alice","accountId":"111122223333","accessKeyId":"AKIAALICE","userName":"alice"},"eventTime":"2026-11-28T09:00:00Z","eventSource":"sts.amazonaws.com","eventName":"AssumeRole","awsRegion":"us-east-1","errorCode":"AccessDenied","errorMessage":"User: arn:aws:iam::111122223333:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111122223333:role/prod","requestParameters":{"roleArn":"arn:aws:iam::111122223333:role/prod","roleSessionName":"s"},"eventID":"e-4","recipientAccountId":"111122223333"}"#
        let result = attributor.attribute(RequestBuilder().build(try JSONParser.parse(record)))
        // Alice's identity policy allows everything; the trust policy names only `deployer`. (No organization
        // data: the SCP layer is unknown, but the missing Allow is in the trust policy, which is known.)
        #expect(result.decision == .implicitDeny, "\(result)")
        #expect(result.missingAllows.map(\.layer) == [.resource])
        #expect(result.missingAllows.first?.detail?.contains("trust policy") == true)
    }

    @Test func sessionTagsOverrideTheRolesTagsFromTheSnapshot() throws {
        let attributor = try attributor()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var sessions = SessionIndex()
        sessions.add(try JSONParser.parse(#"{"eventSource":"sts.amazonaws.com","eventName":"AssumeRole","eventID":"a-1","requestParameters":{"roleArn":"arn:aws:iam::111122223333:role/prod","roleSessionName":"s","tags":[{"key":"team","value":"red"}]},"responseElements":{"credentials":{"accessKeyId":"ASIAPROD1"},"assumedRoleUser":{"assumedRoleId":"AROAPROD:s","arn":"arn:aws:sts::111122223333:assumed-role/prod/s"}}}"#))
        let record = #"{"userIdentity":{"type":"AssumedRole","principalId":"AROAPROD:s","arn":"arn:aws:sts::111122223333:assumed-role/prod/s","accountId":"111122223333","accessKeyId":"ASIAPROD1","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAPROD","arn":"arn:aws:iam::111122223333:role/prod","accountId":"111122223333","userName":"prod"},"attributes":{"creationDate":"2026-11-28T08:00:00Z","mfaAuthenticated":"false"}}},"eventTime":"2026-11-28T09:00:00Z","eventSource":"iam.amazonaws.com","eventName":"ListRoles","awsRegion":"us-east-1","errorCode":"AccessDenied","eventID":"e-5","recipientAccountId":"111122223333"}"#
        let outcome = attributor.replay(RequestBuilder().build(try JSONParser.parse(record), sessions: sessions))
        #expect(outcome.context["aws:PrincipalTag/team"] == ["red"])
        #expect(outcome.context["aws:PrincipalTag/tier"] == ["gold"])
        #expect(outcome.context["aws:MultiFactorAuthPresent"] == ["false"])
    }
}
