/// Turns a record's `eventSource` and `eventName` into the IAM action AWS authorized.
public struct ActionResolver: Sendable {
    public var reference: ServiceReference

    public init(reference: ServiceReference) {
        self.reference = reference
    }

    /// Event sources whose host name differs from the service's IAM prefix.
    static let prefixOverrides: [String: String] = [
        "monitoring": "cloudwatch",
        "email": "ses",
        "appstream2": "appstream",
        "models.lex": "lex",
        "runtime.lex": "lex",
        "models-v2-lex": "lex",
        "runtime-v2-lex": "lex",
        "streams.dynamodb": "dynamodb",
        "tagging": "tag",
        "rdsdata": "rds-data",
        "runtime.sagemaker": "sagemaker",
        "api.sagemaker": "sagemaker",
        "data.iot": "iot",
        "iotdata": "iot",
        "execute-api": "execute-api",
        "sso-directory": "sso-directory",
        "es": "es",
        "elasticfilesystem": "elasticfilesystem",
        "bedrock-runtime": "bedrock",
        "bedrock-agent-runtime": "bedrock",
        "logs": "logs",
        "ec2messages": "ec2messages",
    ]

    /// Event names that are not the action AWS checks, per service prefix.
    static let nameOverrides: [String: [String: String]] = [
        "s3": [
            "ListBuckets": "ListAllMyBuckets",
            "HeadObject": "GetObject",
            "GetObjectAttributes": "GetObject",
            "HeadBucket": "ListBucket",
            "ListObjects": "ListBucket",
            "ListObjectsV2": "ListBucket",
            "ListObjectVersions": "ListBucketVersions",
            "CopyObject": "PutObject",
            "UploadPart": "PutObject",
            "UploadPartCopy": "PutObject",
            "CreateMultipartUpload": "PutObject",
            "CompleteMultipartUpload": "PutObject",
            "ListMultipartUploads": "ListBucketMultipartUploads",
            "ListParts": "ListMultipartUploadParts",
            "DeleteObjects": "DeleteObject",
            "GetBucketEncryption": "GetEncryptionConfiguration",
            "PutBucketEncryption": "PutEncryptionConfiguration",
            "DeleteBucketEncryption": "PutEncryptionConfiguration",
            "GetBucketLifecycle": "GetLifecycleConfiguration",
            "GetBucketLifecycleConfiguration": "GetLifecycleConfiguration",
            "PutBucketLifecycle": "PutLifecycleConfiguration",
            "PutBucketLifecycleConfiguration": "PutLifecycleConfiguration",
            "DeleteBucketLifecycle": "PutLifecycleConfiguration",
            "GetBucketReplication": "GetReplicationConfiguration",
            "PutBucketReplication": "PutReplicationConfiguration",
            "DeleteBucketReplication": "PutReplicationConfiguration",
            "GetBucketCors": "GetBucketCORS",
            "PutBucketCors": "PutBucketCORS",
            "DeleteBucketCors": "PutBucketCORS",
            "GetBucketNotificationConfiguration": "GetBucketNotification",
            "PutBucketNotificationConfiguration": "PutBucketNotification",
            "GetObjectLockConfiguration": "GetBucketObjectLockConfiguration",
            "PutObjectLockConfiguration": "PutBucketObjectLockConfiguration",
            "GetBucketAnalyticsConfiguration": "GetAnalyticsConfiguration",
            "PutBucketAnalyticsConfiguration": "PutAnalyticsConfiguration",
            "GetBucketMetricsConfiguration": "GetMetricsConfiguration",
            "PutBucketMetricsConfiguration": "PutMetricsConfiguration",
            "GetBucketInventoryConfiguration": "GetInventoryConfiguration",
            "PutBucketInventoryConfiguration": "PutInventoryConfiguration",
            "GetBucketIntelligentTieringConfiguration": "GetIntelligentTieringConfiguration",
            "PutBucketIntelligentTieringConfiguration": "PutIntelligentTieringConfiguration",
            "DeleteBucketPublicAccessBlock": "PutBucketPublicAccessBlock",
            "DeleteBucketOwnershipControls": "PutBucketOwnershipControls",
            "DeleteBucketWebsite": "DeleteBucketWebsite",
            "SelectObjectContent": "GetObject",
            "RestoreObject": "RestoreObject",
        ],
        "lambda": [
            "Invoke": "InvokeFunction",
            "InvokeAsync": "InvokeFunction",
            "InvokeWithResponseStream": "InvokeFunction",
        ],
        "sts": [
            "AssumeRoleWithWebIdentity": "AssumeRoleWithWebIdentity",
        ],
    ]

    /// The IAM service prefix for an event source such as `monitoring.amazonaws.com`.
    public func servicePrefix(eventSource: String) -> String {
        var host = eventSource.lowercased()
        for suffix in [".amazonaws.com.cn", ".amazonaws.com", ".api.aws"] where host.hasSuffix(suffix) {
            host = String(host.dropLast(suffix.count))
            break
        }
        if let override = ActionResolver.prefixOverrides[host] { return override }
        return host
    }

    /// `GetFunction20150331v2` → `GetFunction`; `ListDistributions2020_05_31` → `ListDistributions`.
    public static func stripVersionSuffix(_ name: String) -> String {
        var chars = Array(name)
        // …v2, …v3
        if let v = chars.lastIndex(of: "v"), v > 0, v < chars.count - 1, chars[(v + 1)...].allSatisfy(\.isNumber),
            chars[v - 1].isNumber
        {
            chars.removeSubrange(v...)
        }
        var digits = 0
        var index = chars.count
        while index > 0, chars[index - 1].isNumber || chars[index - 1] == "_" {
            index -= 1
            if chars[index].isNumber { digits += 1 }
        }
        if digits == 8 && index > 0 && chars[index - 1].isLetter {
            chars.removeSubrange(index...)
        }
        return String(chars)
    }

    /// The action for an event, with AWS's spelling when the reference knows it.
    public func action(eventSource: String, eventName: String) -> String {
        let prefix = servicePrefix(eventSource: eventSource)
        var name = ActionResolver.stripVersionSuffix(eventName)
        if let override = ActionResolver.nameOverrides[prefix]?[name] { name = override }
        return reference.canonicalAction(prefix: prefix, name: name) ?? "\(prefix):\(name)"
    }
}
