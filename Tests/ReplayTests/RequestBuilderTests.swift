import Foundation
import Testing
import TrailJSON
import PolicyLanguage
@testable import Replay

@Suite struct RequestBuilderTests {
    static let builder = RequestBuilder()

    func build(_ text: String, sessions: SessionIndex = SessionIndex()) throws -> RebuiltRequest {
        Self.builder.build(try JSONParser.parse(text), sessions: sessions)
    }

    static let role = #"{"type":"AssumedRole","principalId":"AROAEXAMPLE:dev","arn":"arn:aws:sts::111122223333:assumed-role/Dev/dev","accountId":"111122223333","accessKeyId":"ASIAEXAMPLE1","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLE","arn":"arn:aws:iam::111122223333:role/team/Dev","accountId":"111122223333","userName":"Dev"},"attributes":{"creationDate":"2026-11-28T09:00:00Z","mfaAuthenticated":"true"}}}"#
    static let user = #"{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::111122223333:user/alice","accountId":"111122223333","accessKeyId":"AKIAEXAMPLE","userName":"alice"}"#

    @Test func principalAndContextFromAnAssumedRole() throws {
        let request = try build(#"{"userIdentity":\#(Self.role),"eventTime":"2026-11-28T09:30:00Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.7","requestParameters":{"bucketName":"b","key":"a/b.txt"},"tlsDetails":{"tlsVersion":"TLSv1.3"},"recipientAccountId":"111122223333"}"#)
        #expect(request.caller.kind == .assumedRole)
        #expect(request.caller.entityArn == "arn:aws:iam::111122223333:role/team/Dev")
        #expect(request.caller.sessionName == "dev")
        #expect(request.action == "s3:GetObject")
        #expect(request.resources == ["arn:aws:s3:::b/a/b.txt"])
        #expect(request.resourceSource == .requestParameters)
        #expect(request.context["aws:PrincipalArn"] == ["arn:aws:iam::111122223333:role/team/Dev"])
        #expect(request.context["aws:userid"] == ["AROAEXAMPLE:dev"])
        #expect(request.context["aws:username"] == nil)
        #expect(request.context["aws:PrincipalType"] == ["AssumedRole"])
        #expect(request.context["aws:MultiFactorAuthPresent"] == ["true"])
        #expect(request.context["aws:MultiFactorAuthAge"] == ["1800"])
        #expect(request.context["aws:SourceIp"] == ["203.0.113.7"])
        #expect(request.context["aws:SecureTransport"] == ["true"])
        #expect(request.context["aws:EpochTime"] == ["1795858200"])
        #expect(request.context["aws:TokenIssueTime"] == ["2026-11-28T09:00:00Z"])
        #expect(request.sessionUnknown)
    }

    @Test func longTermKeysHaveNoMFAContextAndUsersHaveAUsername() throws {
        let request = try build(#"{"userIdentity":\#(Self.user),"eventTime":"2026-11-28T09:30:00Z","eventSource":"iam.amazonaws.com","eventName":"DeleteRole","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.7","requestParameters":{"roleName":"prod-app"},"recipientAccountId":"111122223333"}"#)
        #expect(request.context["aws:MultiFactorAuthPresent"] == nil)
        #expect(request.context["aws:username"] == ["alice"])
        #expect(request.context["aws:PrincipalType"] == ["User"])
        #expect(request.resources == ["arn:aws:iam::111122223333:role/prod-app"])
        #expect(!request.sessionUnknown)
    }

    @Test func throughAVPCEndpointTheAddressIsVpcSourceIp() throws {
        let request = try build(#"{"userIdentity":\#(Self.user),"eventSource":"s3.amazonaws.com","eventName":"PutObject","awsRegion":"us-east-1","sourceIPAddress":"10.0.1.2","vpcEndpointId":"vpce-1","requestParameters":{"bucketName":"b","key":"k"}}"#)
        #expect(request.context["aws:SourceIp"] == nil)
        #expect(request.context["aws:VpcSourceIp"] == ["10.0.1.2"])
        #expect(request.context["aws:SourceVpce"] == ["vpce-1"])
    }

    @Test func serviceCallersAreViaAWSService() throws {
        let request = try build(#"{"userIdentity":\#(Self.role),"eventSource":"kms.amazonaws.com","eventName":"Decrypt","awsRegion":"us-east-1","sourceIPAddress":"s3.amazonaws.com","requestParameters":{"keyId":"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}}"#)
        #expect(request.context["aws:ViaAWSService"] == ["true"])
        #expect(request.context["aws:CalledVia"] == ["s3.amazonaws.com"])
        #expect(request.context["aws:SourceIp"] == nil)
        #expect(request.resources == ["arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"])
    }

    @Test func theMessageActionAndResourceWin() throws {
        let request = try build(#"{"userIdentity":\#(Self.role),"eventSource":"ec2.amazonaws.com","eventName":"RunInstances","awsRegion":"us-east-1","errorCode":"Client.UnauthorizedOperation","errorMessage":"You are not authorized to perform this operation. User: arn:aws:sts::111122223333:assumed-role/Dev/dev is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:111122223333:instance/* with an explicit deny in a permissions boundary. Encoded authorization failure message: x","requestParameters":{"instanceType":"t2.micro","tagSpecificationSet":{"items":[{"resourceType":"instance","tags":[{"key":"Name","value":"a"},{"key":"owner","value":"b"}]}]}}}"#)
        #expect(request.action == "ec2:RunInstances")
        #expect(request.actionSource == .errorMessage)
        #expect(request.resources == ["arn:aws:ec2:us-east-1:111122223333:instance/*"])
        #expect(request.resourceSource == .errorMessage)
        #expect(request.message?.layer == .permissionsBoundary)
        #expect(request.context["aws:TagKeys"] == ["Name", "owner"])
        #expect(request.context["aws:RequestTag/owner"] == ["b"])
        #expect(request.context["ec2:InstanceType"] == ["t2.micro"])
    }

    @Test(arguments: [
        (#"{"eventSource":"ec2.amazonaws.com","eventName":"StopInstances","awsRegion":"us-east-1","recipientAccountId":"111122223333","requestParameters":{"instancesSet":{"items":[{"instanceId":"i-1"},{"instanceId":"i-2"}]}}}"#,
         ["arn:aws:ec2:us-east-1:111122223333:instance/i-1", "arn:aws:ec2:us-east-1:111122223333:instance/i-2"]),
        (#"{"eventSource":"sqs.amazonaws.com","eventName":"SendMessage","awsRegion":"us-east-1","requestParameters":{"queueUrl":"https://sqs.us-east-1.amazonaws.com/444455556666/orders"}}"#,
         ["arn:aws:sqs:us-east-1:444455556666:orders"]),
        (#"{"eventSource":"sns.amazonaws.com","eventName":"Publish","awsRegion":"us-east-1","requestParameters":{"topicArn":"arn:aws:sns:us-east-1:111122223333:alerts"}}"#,
         ["arn:aws:sns:us-east-1:111122223333:alerts"]),
        (#"{"eventSource":"dynamodb.amazonaws.com","eventName":"GetItem","awsRegion":"eu-west-1","recipientAccountId":"111122223333","requestParameters":{"tableName":"users"}}"#,
         ["arn:aws:dynamodb:eu-west-1:111122223333:table/users"]),
        (#"{"eventSource":"lambda.amazonaws.com","eventName":"GetFunction20150331v2","awsRegion":"us-east-1","recipientAccountId":"111122223333","requestParameters":{"functionName":"ingest"}}"#,
         ["arn:aws:lambda:us-east-1:111122223333:function:ingest"]),
        (#"{"eventSource":"secretsmanager.amazonaws.com","eventName":"GetSecretValue","awsRegion":"us-east-1","recipientAccountId":"111122223333","requestParameters":{"secretId":"prod/db"}}"#,
         ["arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db"]),
        (#"{"eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"us-east-1","resources":[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::b/k"},{"accountId":"111122223333","type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::b"}]}"#,
         ["arn:aws:s3:::b/k"]),
        (#"{"eventSource":"s3.amazonaws.com","eventName":"ListBuckets","awsRegion":"us-east-1"}"#, ["*"]),
        (#"{"eventSource":"ec2.amazonaws.com","eventName":"DeleteVolume","awsRegion":"eu-central-1","recipientAccountId":"111122223333","requestParameters":{"volumeId":"vol-0abc"}}"#,
         ["arn:aws:ec2:eu-central-1:111122223333:volume/vol-0abc"]),
        (#"{"eventSource":"iam.amazonaws.com","eventName":"DeleteUser","awsRegion":"us-east-1","recipientAccountId":"111122223333","requestParameters":{"userName":"bob"}}"#,
         ["arn:aws:iam::111122223333:user/bob"]),
        (#"{"eventSource":"iam.amazonaws.com","eventName":"DeletePolicy","awsRegion":"us-east-1","recipientAccountId":"1","requestParameters":{"policyArn":"arn:aws:iam::111122223333:policy/p"}}"#,
         ["arn:aws:iam::111122223333:policy/p"]),
    ])
    func rebuildsResourcesPerService(record: String, expected: [String]) throws {
        let request = try build(record)
        #expect(request.resources == expected, "\(request.gaps)")
    }

    @Test func aRecordWhoseResourceCannotBeRebuiltSaysSo() throws {
        let request = try build(#"{"eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"us-east-1","requestParameters":{}}"#)
        #expect(request.resources.isEmpty)
        #expect(request.gaps.contains { $0.contains("cannot rebuild the resource") })
    }

    @Test func sessionPoliciesAndTagsComeFromTheIssuingRecord() throws {
        var sessions = SessionIndex()
        let issued = try JSONParser.parse(#"{"eventSource":"sts.amazonaws.com","eventName":"AssumeRole","eventID":"e-1","requestParameters":{"roleArn":"arn:aws:iam::111122223333:role/team/Dev","roleSessionName":"dev","policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"ec2:*\",\"Resource\":\"*\"}]}","policyArns":[{"arn":"arn:aws:iam::111122223333:policy/Narrow"}],"tags":[{"key":"team","value":"blue"}]},"responseElements":{"credentials":{"accessKeyId":"ASIAEXAMPLE1"},"assumedRoleUser":{"assumedRoleId":"AROAEXAMPLE:dev","arn":"arn:aws:sts::111122223333:assumed-role/Dev/dev"}}}"#)
        let added = sessions.add(issued)
        #expect(added)
        let failed = sessions.add(try JSONParser.parse(#"{"eventSource":"sts.amazonaws.com","eventName":"AssumeRole","errorCode":"AccessDenied"}"#))
        #expect(!failed)
        let request = try build(#"{"userIdentity":\#(Self.role),"eventSource":"ec2.amazonaws.com","eventName":"RunInstances","awsRegion":"us-east-1"}"#, sessions: sessions)
        #expect(request.session?.eventID == "e-1")
        #expect(request.session?.policyArns == ["arn:aws:iam::111122223333:policy/Narrow"])
        #expect(request.session?.policy?.contains("ec2:*") == true)
        #expect(request.context["aws:PrincipalTag/team"] == ["blue"])
        #expect(!request.sessionUnknown)
    }

    /// Every record in Tests/Fixtures/RealData rebuilds without a crash, and where AWS's message names the action,
    /// the action rebuilt from eventSource and eventName agrees with it.
    @Test func realDataReconstructsAndActionsAgree() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/RealData").standardized.path
        let files = try #require(FileManager.default.enumerator(atPath: root)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".json") }
        var records: [JSONValue] = []
        for file in files {
            let value = try JSONParser.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/" + file))))
            records += value["Records"]?.arrayValue ?? value.arrayValue ?? []
        }
        #expect(records.count == 310 + 2 + 464)
        let resolver = ActionResolver(reference: .bundled)
        var named = 0
        var disagreements: [String] = []
        var withoutAction = 0
        var placeholders = 0
        for record in records {
            let request = Self.builder.build(record)
            if request.action == nil {
                withoutAction += 1
                #expect(!request.gaps.isEmpty)
            }
            guard let said = request.message?.action, let source = record["eventSource"]?.stringValue,
                let name = record["eventName"]?.stringValue
            else { continue }
            if request.actionSource != .errorMessage {
                placeholders += 1
                continue
            }
            named += 1
            let rebuilt = resolver.action(eventSource: source, eventName: name)
            if rebuilt.lowercased() != said.lowercased() { disagreements.append("\(source) \(name): \(rebuilt) vs \(said)") }
        }
        #expect(named >= 50)
        #expect(disagreements.isEmpty, "\(disagreements)")
        // Five panther fixtures have no eventSource; three name the placeholder action `iam:Action`.
        #expect(withoutAction == 5)
        #expect(placeholders == 3)
    }

    /// CloudTrail's anonymous callers: `accountId` `anonymous`, empty `principalId`, type `AWSAccount` (real S3
    /// records) or `Unknown`. https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
    @Test(arguments: ["AWSAccount", "Unknown"])
    func anonymousRecordsHaveNoPrincipal(type: String) throws {
        let record = try JSONParser.parse(#"{"userIdentity":{"type":"\#(type)","principalId":"","accountId":"anonymous"},"eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"us-east-1","errorCode":"AccessDenied","requestParameters":{"bucketName":"b","key":"k"},"recipientAccountId":"111122223333"}"#)
        let request = RequestBuilder().build(record)
        #expect(request.caller.isAnonymous)
        #expect(request.caller.account == nil)
        #expect(request.context["aws:PrincipalAccount"] == nil && request.context["aws:PrincipalIsAWSService"] == nil)
        #expect(!CallerIdentity(userIdentity: try JSONParser.parse(#"{"type":"AWSAccount","principalId":"AIDAX","accountId":"111122223333"}"#)).isAnonymous)
    }
}

/// The byte-level IPv4 check agrees with `IPAddress` (the one parser of addresses) wherever it answers.
@Suite struct DottedQuadTests {
    @Test(arguments: ["203.0.113.7", "0.0.0.0", "255.255.255.255", "256.1.1.1", "1.2.3", "1.2.3.4.5", "01.02.003.4",
        "1..2.3", ".1.2.3", "1.2.3.", "1234.1.1.1", "", "1.2.3.4a", "::1", "2001:db8::1", "AWS Internal",
        "ec2.amazonaws.com", "999.999.999.999", "10.0.0.00"])
    func agreesWithIPAddress(_ text: String) {
        let parsed = IPAddress(text) != nil
        if let quick = RequestBuilder.dottedQuad(text) { #expect(quick == parsed, "\(text)") }
        #expect(RequestBuilder.isIPAddress(text) == parsed, "\(text)")
    }
}
