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
        /// Another resource with a resource-based policy (SQS queue, SNS topic, ECR repository, secret, Lambda
        /// function), by its ARN.
        case resource(String)
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
        "sqs.amazonaws.com": ["SetQueueAttributes", "AddPermission", "RemovePermission"],
        "sns.amazonaws.com": ["SetTopicAttributes", "AddPermission", "RemovePermission"],
        "ecr.amazonaws.com": ["SetRepositoryPolicy", "DeleteRepositoryPolicy"],
        "secretsmanager.amazonaws.com": ["PutResourcePolicy", "DeleteResourcePolicy"],
        "lambda.amazonaws.com": ["AddPermission20150331v2", "RemovePermission20150331v2", "AddPermission20150331",
            "RemovePermission20150331"],
    ]

    /// Events that add or remove one statement of a resource policy: the whole policy after them is not in the
    /// record, so the policy before them cannot be rebuilt from it.
    public static let statementEvents: Set<String> = [
        "AddPermission", "RemovePermission", "AddPermission20150331v2", "RemovePermission20150331v2",
        "AddPermission20150331", "RemovePermission20150331",
    ]

    /// A secret's ARN without the random suffix Secrets Manager adds (`…:secret:NAME-AbCdEf` → `…:secret:NAME`);
    /// any other ARN as it is.
    public static func secretWithoutSuffix(_ arn: String) -> String {
        guard arn.contains(":secretsmanager:"), arn.contains(":secret:"), let dash = arn.lastIndex(of: "-"),
            arn.distance(from: dash, to: arn.endIndex) == 7
        else { return arn }
        return String(arn[..<dash])
    }

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
            "organizations.amazonaws.com": "content", "kms.amazonaws.com": "policy", "sqs.amazonaws.com": "attributes.Policy",
            "sns.amazonaws.com": "attributeValue", "ecr.amazonaws.com": "policyText",
            "secretsmanager.amazonaws.com": "resourcePolicy"][source] ?? "policyDocument"
        let documentValue = source == "sqs.amazonaws.com" ? parameters["attributes"]?["Policy"] : parameters[documentKey]
        switch (source, name) {
        // Only the Policy attribute is a policy change (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html,
        // https://docs.aws.amazon.com/sns/latest/api/API_SetTopicAttributes.html).
        case ("sqs.amazonaws.com", "SetQueueAttributes") where documentValue == nil: return nil
        case ("sns.amazonaws.com", "SetTopicAttributes") where parameters["attributeName"]?.stringValue != "Policy": return nil
        default: break
        }
        if let value = documentValue, value != .null {
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
        case "sqs.amazonaws.com", "sns.amazonaws.com", "ecr.amazonaws.com", "secretsmanager.amazonaws.com", "lambda.amazonaws.com":
            subject = PolicyChange.resourceARN(source: source, parameters: parameters, region: region, account: account)
                .map(Subject.resource)
            policy = nil
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

    /// The ARN of the resource a resource-policy change names, from the record's parameters, region and account.
    static func resourceARN(source: String, parameters: JSONValue, region: String?, account: String?) -> String? {
        func value(_ key: String, _ limit: FieldLimit = .arn) -> String? { admitted(parameters[key], limit) }
        let partition = ResourceLocator.partition(region)
        guard let region, let account else { return nil }
        switch source {
        case "sqs.amazonaws.com":
            // https://sqs.REGION.amazonaws.com/ACCOUNT/NAME
            guard let url = value("queueUrl") else { return nil }
            let parts = url.split(separator: "/")
            guard parts.count >= 2 else { return nil }
            return "arn:\(partition):sqs:\(region):\(parts[parts.count - 2]):\(parts[parts.count - 1])"
        case "sns.amazonaws.com":
            return value("topicArn")
        case "ecr.amazonaws.com":
            guard let name = value("repositoryName") else { return nil }
            return "arn:\(partition):ecr:\(region):\(value("registryId", .accountID) ?? account):repository/\(name)"
        case "secretsmanager.amazonaws.com":
            guard let id = value("secretId") else { return nil }
            return id.hasPrefix("arn:") ? id : "arn:\(partition):secretsmanager:\(region):\(account):secret:\(id)"
        case "lambda.amazonaws.com":
            guard let name = value("functionName") else { return nil }
            return name.hasPrefix("arn:") ? name : "arn:\(partition):lambda:\(region):\(account):function:\(name)"
        default:
            return nil
        }
    }

    private static func admitted(_ value: JSONValue?, _ limit: FieldLimit) -> String? {
        value?.stringValue.flatMap { limit.admits($0) ? $0 : nil }
    }
}
