import CivilTime
import TrailJSON

/// A successful record that changed a policy (IAM, S3 bucket, Organizations, KMS key): what the history of a
/// snapshot needs to know a policy may have been different when a call was denied. Values longer than AWS
/// allows are left out, never copied.
public struct PolicyChange: Sendable, Equatable {
    /// What the change applies to.
    public enum Subject: Sendable, Equatable {
        case user(String)
        case role(String)
        case group(String)
        /// A customer managed policy itself (a new version, a new default, deleted).
        case managedPolicy
        case bucket(String)
        case key(String)
        /// An organization root, OU or account an SCP or RCP is attached to or detached from.
        case organizationTarget(String)
        /// An organization policy itself (created, updated, deleted).
        case organizationPolicy
    }

    public var eventSource: String
    public var eventName: String
    public var eventID: String?
    public var eventTime: UTCTime?
    /// The account whose trail recorded the change (`recipientAccountId`).
    public var account: String?
    public var subject: Subject?
    /// The policy named by the call: an ARN, a name (inline and key policies) or an Organizations policy id.
    public var policy: String?
    /// The new document as the record carries it, not yet decoded: a JSON string, often URL-encoded (IAM
    /// `policyDocument`, Organizations `content`, KMS `policy`), or an object (S3 `bucketPolicy`).
    public var document: JSONValue?
    /// Why the document was left out: longer than any policy AWS accepts.
    public var documentProblem: String?
    /// CreatePolicyVersion's `setAsDefault`: whether the new version became the default.
    public var setAsDefault: Bool?
    /// Organizations CreatePolicy's `type` (`SERVICE_CONTROL_POLICY`, `RESOURCE_CONTROL_POLICY`).
    public var policyType: String?
    /// The caller's ARN (`userIdentity.arn`).
    public var by: String?
    /// The record's `awsRegion` (where a KMS key lives).
    public var region: String?
    /// The managed policy version created (CreatePolicyVersion's `responseElements.policyVersion.versionId`) or made
    /// the default (SetDefaultPolicyVersion's `versionId`).
    public var versionID: String?
    /// The log file the record was read from, as shown in messages (set by the reader of the file).
    public var file: String?

    /// The events that change policies, by event source.
    public static let events: [String: Set<String>] = [
        "iam.amazonaws.com": [
            "PutUserPolicy", "PutRolePolicy", "PutGroupPolicy", "DeleteUserPolicy", "DeleteRolePolicy",
            "DeleteGroupPolicy", "CreatePolicy", "CreatePolicyVersion", "SetDefaultPolicyVersion", "DeletePolicy",
            "DeletePolicyVersion", "AttachUserPolicy", "AttachRolePolicy", "AttachGroupPolicy", "DetachUserPolicy",
            "DetachRolePolicy", "DetachGroupPolicy", "UpdateAssumeRolePolicy", "PutUserPermissionsBoundary",
            "PutRolePermissionsBoundary", "DeleteUserPermissionsBoundary", "DeleteRolePermissionsBoundary",
        ],
        "s3.amazonaws.com": ["PutBucketPolicy", "DeleteBucketPolicy"],
        "organizations.amazonaws.com": ["CreatePolicy", "UpdatePolicy", "AttachPolicy", "DetachPolicy", "DeletePolicy"],
        "kms.amazonaws.com": ["PutKeyPolicy"],
    ]

    /// The change a successful record of one of `events` made; nil for any other record.
    public init?(record: JSONValue) {
        guard let source = record["eventSource"]?.stringValue, let name = record["eventName"]?.stringValue,
            PolicyChange.events[source]?.contains(name) == true,
            record["errorCode"] == nil || record["errorCode"] == .null
        else { return nil }
        eventSource = source
        eventName = name
        eventID = PolicyChange.admitted(record["eventID"], .eventID)
        eventTime = record["eventTime"]?.stringValue.flatMap { $0.utf8.count <= 64 ? UTCTime($0) : nil }
        account = PolicyChange.admitted(record["recipientAccountId"], .accountID)
        let parameters = record["requestParameters"] ?? .null
        func parameter(_ key: String, _ limit: FieldLimit = .arn) -> String? {
            PolicyChange.admitted(parameters[key], limit)
        }
        by = PolicyChange.admitted(record["userIdentity"]?["arn"], .arn)
        // Region names (`us-east-1`) and version ids (`v12`) are short: a long one is not AWS's.
        region = record["awsRegion"]?.stringValue.flatMap { $0.utf8.count <= 64 ? $0 : nil }
        versionID = (parameters["versionId"] ?? record["responseElements"]?["policyVersion"]?["versionId"])?.stringValue
            .flatMap { $0.utf8.count <= 64 ? $0 : nil }
        setAsDefault = parameters["setAsDefault"]?.boolValue
        let documentKey = ["iam.amazonaws.com": "policyDocument", "s3.amazonaws.com": "bucketPolicy",
            "organizations.amazonaws.com": "content", "kms.amazonaws.com": "policy"][source] ?? "policyDocument"
        if let value = parameters[documentKey], value != .null {
            if case .string(let text) = value, text.utf8.count > PolicyChange.documentLimit {
                documentProblem = "its `\(documentKey)` has \(text.utf8.count) bytes, more than any policy AWS accepts"
            } else {
                document = value
            }
        }
        switch source {
        case "iam.amazonaws.com":
            if let user = parameter("userName", .userName) {
                subject = .user(user)
            } else if let role = parameter("roleName", .roleName) {
                subject = .role(role)
            } else if let group = parameter("groupName", .userName) {
                subject = .group(group)
            } else {
                subject = .managedPolicy
            }
            policy = parameter("policyArn") ?? parameter("permissionsBoundary") ?? parameter("policyName")
                ?? PolicyChange.admitted(record["responseElements"]?["policy"]?["arn"], .arn)
        case "s3.amazonaws.com":
            subject = parameter("bucketName", .bucketName).map(Subject.bucket)
            policy = nil
        case "kms.amazonaws.com":
            subject = parameter("keyId").map(Subject.key)
            policy = parameter("policyName")
        default:
            policyType = parameter("type", .action)
            subject = parameter("targetId").map(Subject.organizationTarget) ?? .organizationPolicy
            policy = parameter("policyId")
                ?? PolicyChange.admitted(record["responseElements"]?["policy"]?["policySummary"]?["id"], .arn)
        }
    }

    /// The longest document text kept: a KMS key policy's 32,768 bytes, URL-encoded (three bytes each); each kind's
    /// own quota is checked once the document is decoded (PolicyHistory).
    public static let documentLimit = 3 * 32_768

    private static func admitted(_ value: JSONValue?, _ limit: FieldLimit) -> String? {
        value?.stringValue.flatMap { limit.admits($0) ? $0 : nil }
    }
}
