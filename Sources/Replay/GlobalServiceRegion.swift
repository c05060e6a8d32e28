/// The Region a global service's requests go to, whatever Region a caller or a log names: what
/// `aws:RequestedRegion` holds for them. From IAM's "Denies access to AWS based on the requested Region"
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_deny-requested-region.html):
/// CloudFront, IAM, Route 53, Support, Budgets, Global Accelerator, Import/Export, Organizations and WAF have a
/// single endpoint in us-east-1; Amazon Q Developer in chat applications and Device Farm in us-west-2.
public enum GlobalServiceRegion {
    static let homes: [String: String] = [
        "cloudfront": "us-east-1", "iam": "us-east-1", "route53": "us-east-1", "support": "us-east-1",
        "budgets": "us-east-1", "globalaccelerator": "us-east-1", "importexport": "us-east-1",
        "organizations": "us-east-1", "waf": "us-east-1", "chatbot": "us-west-2", "devicefarm": "us-west-2",
    ]

    /// The Region a request of `service` (an action prefix) is made to, given the Region the record names;
    /// the record's own for regional services and outside the commercial partition (China, GovCloud, ISO).
    public static func requested(service: String, recordRegion: String) -> String {
        guard let home = homes[service], ResourceLocator.partition(recordRegion) == "aws" else { return recordRegion }
        return home
    }
}
