import Foundation
import Testing
import TrailJSON
@testable import Replay

/// Values longer than AWS allows are refused where a record becomes a request: one refusal naming the field, the
/// request unknown (or, for AWS's message and the event id, the field left out), nothing of the value kept.
@Suite struct FieldLimitTests {
    static let builder = RequestBuilder()
    static let account = "111122223333"
    static let user = #"{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::111122223333:user/alice","accountId":"111122223333","accessKeyId":"AKIAEXAMPLE","userName":"alice"}"#

    /// An S3 GetObject failure whose parts can be replaced.
    static func record(identity: String = user, eventID: String = "5a3c0d2e-1b4f-4c6a-9e8d-000000000001",
        eventName: String = "GetObject", message: String = "Access Denied",
        parameters: String = #"{"bucketName":"b","key":"k.txt"}"#, recipient: String = account, extra: String = "") -> String
    {
        #"{"userIdentity":\#(identity),"eventID":"\#(eventID)","eventTime":"2026-11-28T09:30:00Z","eventSource":"s3.amazonaws.com","eventName":"\#(eventName)","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.7","errorCode":"AccessDenied","errorMessage":"\#(message)","requestParameters":\#(parameters),"recipientAccountId":"\#(recipient)"\#(extra)}"#
    }

    static func build(_ text: String, sessions: SessionIndex = SessionIndex()) throws -> RebuiltRequest {
        builder.build(try JSONParser.parse(text), sessions: sessions)
    }

    static func filler(_ count: Int, _ character: String = "x") -> String { String(repeating: character, count: count) }

    /// A field one past its limit, the limit, and the AWS page that documents it.
    struct Case: Sendable, CustomStringConvertible {
        var field: String
        var limit: FieldLimit
        var record: String
        var description: String { field }
    }

    static let cases: [Case] = {
        let arnPrefix = "arn:aws:iam::111122223333:user/"
        let longArn = arnPrefix + filler(2049 - arnPrefix.count)
        return [
            // IAM User `Arn` and STS AssumedRoleUser `Arn`: "Maximum length of 2048"
            // (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumedRoleUser.html).
            Case(field: "userIdentity.arn", limit: .arn, record: record(identity:
                #"{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"\#(longArn)","accountId":"111122223333","userName":"alice"}"#)),
            // AssumedRoleUser `AssumedRoleId`: "Maximum length of 193" (same page).
            Case(field: "userIdentity.principalId", limit: .principalID, record: record(identity:
                #"{"type":"AssumedRole","principalId":"AROAEXAMPLE:\#(filler(182))","arn":"arn:aws:sts::111122223333:assumed-role/Dev/dev","accountId":"111122223333","accessKeyId":"ASIAEXAMPLE"}"#)),
            // Credentials `AccessKeyId`: "Maximum length of 128"
            // (https://docs.aws.amazon.com/STS/latest/APIReference/API_Credentials.html).
            Case(field: "userIdentity.accessKeyId", limit: .accessKeyID, record: record(identity:
                #"{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::111122223333:user/alice","accountId":"111122223333","accessKeyId":"AKIA\#(filler(125))","userName":"alice"}"#)),
            // IAM and STS character quotas: "Role session name 64 characters"
            // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
            Case(field: "the session name in userIdentity.arn", limit: .sessionName, record: record(identity:
                #"{"type":"AssumedRole","principalId":"AROAEXAMPLE:s","arn":"arn:aws:sts::111122223333:assumed-role/Dev/\#(filler(65))","accountId":"111122223333","accessKeyId":"ASIAEXAMPLE"}"#)),
            // Same page: "User name 64 characters".
            Case(field: "userIdentity.userName", limit: .userName, record: record(identity:
                #"{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::111122223333:user/alice","accountId":"111122223333","userName":"\#(filler(65))"}"#)),
            // An account id is 12 digits (https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html).
            Case(field: "recipientAccountId", limit: .accountID, record: record(recipient: "1111222233334")),
            // IAM's simulator takes action names of at most 128 characters
            // (https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html, `ActionNames`).
            Case(field: "eventName", limit: .action, record: record(eventName: "Get" + filler(126))),
            // Same page, `ResourceArns`: "Maximum length of 2048".
            Case(field: "resources[0].ARN", limit: .arn, record: record(extra:
                #","resources":[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::b/\#(filler(2049 - 15))"}]"#)),
            // "The object key name is a sequence of Unicode characters with UTF-8 encoding of up to 1,024 bytes long"
            // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html): 513 two-byte characters.
            Case(field: "requestParameters.key", limit: .objectKey, record: record(parameters:
                #"{"bucketName":"b","key":"\#(filler(513, "é"))"}"#)),
            // "Bucket names must be between 3 (min) and 63 (max) characters long"
            // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
            Case(field: "requestParameters.bucketName", limit: .bucketName, record: record(parameters:
                #"{"bucketName":"\#(filler(64))","key":"k"}"#)),
            // Tag values: 256 Unicode characters (https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html).
            Case(field: "the value of a tag in requestParameters", limit: .tagValue, record: record(parameters:
                #"{"bucketName":"b","key":"k","tags":[{"key":"team","value":"\#(filler(257))"}]}"#)),
            // A VPC endpoint id is `vpce-` and 17 characters
            // (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html).
            Case(field: "vpcEndpointId", limit: .vpcEndpointID, record: record(extra: #","vpcEndpointId":"vpce-\#(filler(18))""#)),
        ]
    }()

    @Test(arguments: cases) func aValueOverItsLimitMakesTheRequestUnknown(_ test: Case) throws {
        let request = try Self.build(test.record)
        #expect(request.refusals.count == 1, "\(request.refusals)")
        let refusal = try #require(request.refusals.first)
        #expect(refusal.field == test.field)
        #expect(refusal.limit == test.limit)
        #expect(refusal.effect == .requestUnknown)
        #expect(request.refusalReason == "`\(test.field)` is longer than AWS allows for \(test.limit.name) "
            + "(\(FieldRefusal.grouped(test.limit.maximum)) \(test.limit.unit.rawValue))")
        #expect(request.gaps.first == request.refusalReason)
        #expect(request.resources.isEmpty)
        // The diagnostic names the field, its size, the limit and the page that documents it.
        #expect(refusal.description.contains("`\(test.field)` is \(FieldRefusal.grouped(refusal.bytes)) bytes"))
        #expect(refusal.description.contains(test.limit.source) && test.limit.source.hasPrefix("https://docs.aws.amazon.com/"))
        #expect(refusal.description.hasSuffix("the request is unknown"))
    }

    /// At the limit itself, the same fields are accepted (the limits count characters, S3 keys bytes).
    @Test func valuesAtTheirLimitAreAccepted() throws {
        let arn = "arn:aws:iam::111122223333:user/" + Self.filler(2048 - 31)
        let request = try Self.build(Self.record(
            identity: #"{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"\#(arn)","accountId":"111122223333","userName":"alice"}"#,
            parameters: #"{"bucketName":"b","key":"\#(Self.filler(512, "é"))"}"#))
        #expect(request.refusals.isEmpty, "\(request.refusals)")
        #expect(request.caller.arn == arn)
        #expect(request.resources == ["arn:aws:s3:::b/" + Self.filler(512, "é")])
        // 2,048 two-byte characters are 4,096 bytes and still one ARN's worth of characters.
        #expect(FieldLimit.arn.admits(Self.filler(2048, "é")))
        #expect(!FieldLimit.arn.admits(Self.filler(2049, "é")))
        #expect(FieldLimit.objectKey.admits(Self.filler(512, "é")) && !FieldLimit.objectKey.admits(Self.filler(1025)))
    }

    /// The caller of a refused record is not echoed: its ARN is gone, and so is everything derived from it.
    @Test func aRefusedCallerKeepsNothingOfTheValue() throws {
        let huge = Self.filler(3 << 20)
        let request = try Self.build(Self.record(identity:
            #"{"type":"AssumedRole","principalId":"AROAEXAMPLE:dev","arn":"arn:aws:sts::111122223333:assumed-role/Dev/\#(huge)","accountId":"111122223333","accessKeyId":"ASIAEXAMPLE","sessionContext":{"sessionIssuer":{"arn":"arn:aws:iam::111122223333:role/\#(huge)","userName":"Dev"}}}"#))
        #expect(request.refusals.map(\.field) == ["userIdentity.arn", "userIdentity.sessionContext.sessionIssuer.arn"])
        #expect(request.caller.arn == nil && request.caller.entityArn == nil && request.caller.sessionName == nil)
        #expect(request.context["aws:PrincipalArn"] == nil)
        #expect(request.refusals.allSatisfy { $0.bytes > 3 << 20 && !$0.description.contains("xxxxxxxx") })
    }

    /// AWS's message longer than any AWS writes is left out; the call is rebuilt from the other fields.
    @Test func anOverlongMessageIsIgnoredAndTheRestReplayed() throws {
        let resource = "arn:aws:s3:::b/" + Self.filler(20_000)
        let message = "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:GetObject on resource: "
            + resource + " with an explicit deny in a service control policy"
        let request = try Self.build(Self.record(message: message))
        #expect(request.refusals.map(\.field) == ["errorMessage"])
        #expect(request.refusals.first?.effect == .fieldIgnored)
        #expect(request.refusalReason == nil)
        #expect(request.message?.layer == nil && request.message?.resource == nil)
        #expect(request.resources == ["arn:aws:s3:::b/k.txt"])
        #expect(request.resourceSource == .requestParameters)
        #expect(request.gaps.last?.hasPrefix("`errorMessage` is longer than AWS allows") == true)
    }

    /// A message within the bound that names an ARN longer than AWS allows is left out the same way.
    @Test func aMessageNamingAnOverlongArnIsIgnored() throws {
        let message = "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/"
            + Self.filler(3000) + " because no identity-based policy allows the s3:GetObject action"
        let request = try Self.build(Self.record(message: message))
        #expect(request.refusals.map(\.field) == ["the resource in errorMessage"])
        #expect(request.message?.layer == nil)
        #expect(request.resources == ["arn:aws:s3:::b/k.txt"])
    }

    /// An event id that is not a GUID's length is left out; the request is replayed.
    @Test func anOverlongEventIDIsLeftOut() throws {
        let request = try Self.build(Self.record(eventID: Self.filler(37)))
        #expect(request.eventID == nil)
        #expect(request.refusals.map(\.field) == ["eventID"])
        #expect(request.refusalReason == nil)
        #expect(request.resources == ["arn:aws:s3:::b/k.txt"])
    }

    /// Templates match ARNs in one pass over their bytes: a 4 MB object ARN is matched without a copy per
    /// character, partition, service, region and account never take in a colon, and literal text matches itself.
    @Test func templatesMatchLongArnsAndKeepTheirComponents() {
        let object = ARNTemplate("arn:${Partition}:s3:::${BucketName}/${ObjectName}")
        #expect(object.matches("arn:aws:s3:::b/" + Self.filler(4 << 20)))
        #expect(object.matches("arn:aws:s3:::b/a:b/c"))
        #expect(!object.matches("arn:aws:sqs:::b/k"))
        #expect(!object.matches("arn:aws:x:s3:::b/k"))
        let role = ARNTemplate("arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}")
        #expect(role.matches("arn:aws:iam::111122223333:role/team/Dev"))
        #expect(!role.matches("arn:aws:iam::111122223333:user/Dev"))
        let literalStar = ARNTemplate("arn:${Partition}:amplifybackend:${Region}:${Account}:/backend/*")
        #expect(literalStar.matches("arn:aws:amplifybackend:us-east-1:111122223333:/backend/*"))
        #expect(!literalStar.matches("arn:aws:amplifybackend:us-east-1:111122223333:/backend/app"))
    }
}
