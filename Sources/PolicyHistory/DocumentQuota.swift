import Snapshot
import TrailJSON

/// The largest policy document AWS accepts for one kind of policy object: a document from a change record
/// that is larger cannot come from AWS as written, so it is not used (its object becomes unknown).
struct DocumentQuota: Sendable, Equatable {
    var maximum: Int
    /// Whether whitespace counts (IAM does not count it; Organizations does).
    var countsWhitespace: Bool
    var source: String

    static let iam = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html"
    static let organizations = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html"

    /// IAM quotas: inline policies of a user 2,048, of a role 10,240, of a group 5,120 characters; a managed
    /// policy 6,144; a role trust policy 2,048, raised on request to at most 8,192; whitespace not counted.
    /// S3: a bucket policy is at most 20 KB. Organizations: an SCP or RCP is at most 5,120 characters. KMS: a key
    /// policy is at most 32 KB.
    static func of(_ object: PolicyObject) -> DocumentQuota? {
        switch object {
        case .inlinePolicy(_, .user, _, _): return DocumentQuota(maximum: 2_048, countsWhitespace: false, source: iam)
        case .inlinePolicy(_, .role, _, _): return DocumentQuota(maximum: 10_240, countsWhitespace: false, source: iam)
        case .inlinePolicy(_, .group, _, _): return DocumentQuota(maximum: 5_120, countsWhitespace: false, source: iam)
        case .managedPolicy: return DocumentQuota(maximum: 6_144, countsWhitespace: false, source: iam)
        case .trustPolicy: return DocumentQuota(maximum: 8_192, countsWhitespace: false, source: iam)
        case .bucketPolicy:
            return DocumentQuota(maximum: 20_480, countsWhitespace: true,
                source: "https://docs.aws.amazon.com/AmazonS3/latest/dev/AccessPolicyLanguage_SpecialInfo.html")
        case .organizationPolicy: return DocumentQuota(maximum: 5_120, countsWhitespace: true, source: organizations)
        case .keyPolicy:
            return DocumentQuota(maximum: 32_768, countsWhitespace: true,
                source: "https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html")
        // Other resource policies are checked only against the longest text any policy may have.
        case .attachments, .boundary, .organizationTargets, .resourcePolicy: return nil
        }
    }

    /// The size AWS would count for `document`, measured on its compact form (never more than the original).
    func size(of document: JSONValue) -> Int {
        let text = JSONWriter.string(document)
        return countsWhitespace ? text.count : text.unicodeScalars.count { $0 != " " && $0 != "\n" && $0 != "\t" && $0 != "\r" }
    }
}
