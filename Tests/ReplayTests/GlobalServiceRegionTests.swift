import Testing
import TrailJSON
@testable import Replay

/// `aws:RequestedRegion` of a global service is its single endpoint's Region (IAM User Guide, "Denies access to
/// AWS based on the requested Region":
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_deny-requested-region.html).
@Suite struct GlobalServiceRegionTests {
    static func requestedRegion(source: String, event: String, region: String) throws -> [String]? {
        let record = #"{"userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::111122223333:user/alice","accountId":"111122223333"},"eventTime":"2026-11-28T09:30:00Z","eventSource":"\#(source)","eventName":"\#(event)","awsRegion":"\#(region)","sourceIPAddress":"203.0.113.7","requestParameters":{},"recipientAccountId":"111122223333"}"#
        return RequestBuilder().build(try JSONParser.parse(record), sessions: SessionIndex()).context["aws:RequestedRegion"]
    }

    @Test(arguments: [
        ("iam.amazonaws.com", "ListRoles", "eu-west-1", "us-east-1"),
        ("organizations.amazonaws.com", "ListAccounts", "eu-central-1", "us-east-1"),
        ("route53.amazonaws.com", "ListHostedZones", "ap-southeast-2", "us-east-1"),
        ("devicefarm.amazonaws.com", "ListProjects", "eu-west-1", "us-west-2"),
        // Regional services keep the record's Region.
        ("ec2.amazonaws.com", "DescribeInstances", "eu-west-1", "eu-west-1"),
        ("s3.amazonaws.com", "ListBuckets", "eu-west-1", "eu-west-1"),
        // Other partitions have their own endpoints: the record's Region stands.
        ("iam.amazonaws.com", "ListRoles", "cn-north-1", "cn-north-1"),
        ("iam.amazonaws.com", "ListRoles", "us-gov-west-1", "us-gov-west-1"),
    ])
    func requestedRegion(source: String, event: String, region: String, expected: String) throws {
        #expect(try Self.requestedRegion(source: source, event: event, region: region) == [expected])
    }
}
