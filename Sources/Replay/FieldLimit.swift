/// The longest value AWS accepts for one kind of record field, with the page that says so. A record whose field
/// is longer cannot come from AWS as written, so the replay refuses the value instead of carrying megabytes of it
/// through every copy, cache and summary line.
public struct FieldLimit: Sendable, Equatable {
    public enum Unit: String, Sendable {
        /// Unicode characters, as AWS's API references count them.
        case characters
        /// UTF-8 bytes (S3 object keys).
        case bytes
    }

    /// What the field holds, as it reads in a sentence: "an ARN", "a role session name".
    public var name: String
    public var maximum: Int
    public var unit: Unit
    /// The AWS page that documents the limit.
    public var source: String

    /// Whether `value` fits. A value of at most `maximum` bytes always fits, so only a longer one is counted.
    public func admits(_ value: String) -> Bool {
        let bytes = value.utf8.count
        if bytes <= maximum { return true }
        guard unit == .characters, bytes <= 4 * maximum else { return false }
        return value.unicodeScalars.count <= maximum
    }
}

extension FieldLimit {
    static let iamQuotas = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html"
    static let assumedRoleUser = "https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumedRoleUser.html"
    static let assumeRole = "https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html"
    static let simulatePrincipalPolicy = "https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html"

    /// User, role and session ARNs (AssumedRoleUser `Arn`, IAM `Role`/`User` `Arn`: 20–2,048) and the resource
    /// ARNs IAM's own simulator takes (`ResourceArns`: 1–2,048). The longest S3 object ARN, 13 + 63 + 1 + 1,024
    /// bytes, fits.
    public static let arn = FieldLimit(name: "an ARN", maximum: 2048, unit: .characters, source: assumedRoleUser)
    /// `principalId`: a unique id (128, IAM quotas) or `AROA…:session` (AssumedRoleUser `AssumedRoleId`: 2–193).
    public static let principalID = FieldLimit(name: "a principal id", maximum: 193, unit: .characters,
        source: assumedRoleUser)
    /// Credentials `AccessKeyId`: 16–128.
    public static let accessKeyID = FieldLimit(name: "an access key id", maximum: 128, unit: .characters,
        source: "https://docs.aws.amazon.com/STS/latest/APIReference/API_Credentials.html")
    /// An AWS account id is 12 digits.
    public static let accountID = FieldLimit(name: "an account id", maximum: 12, unit: .characters,
        source: "https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html")
    /// IAM and STS character quotas: user name 64, role name 64, role session name 64.
    public static let userName = FieldLimit(name: "a user name", maximum: 64, unit: .characters, source: iamQuotas)
    public static let roleName = FieldLimit(name: "a role name", maximum: 64, unit: .characters, source: iamQuotas)
    public static let sessionName = FieldLimit(name: "a role session name", maximum: 64, unit: .characters,
        source: iamQuotas)
    /// AssumeRole `SourceIdentity`: 2–64.
    public static let sourceIdentity = FieldLimit(name: "a source identity", maximum: 64, unit: .characters,
        source: assumeRole)
    /// `ActionNames` of IAM's policy simulator: 3–128 (the longest action in the service reference has 71).
    public static let action = FieldLimit(name: "an action name", maximum: 128, unit: .characters,
        source: simulatePrincipalPolicy)
    /// "The object key name is a sequence of Unicode characters with UTF-8 encoding of up to 1,024 bytes long."
    public static let objectKey = FieldLimit(name: "an S3 object key", maximum: 1024, unit: .bytes,
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html")
    /// "Bucket names must be between 3 (min) and 63 (max) characters long."
    public static let bucketName = FieldLimit(name: "an S3 bucket name", maximum: 63, unit: .characters,
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html")
    /// Tag keys 128 and values 256 Unicode characters, on every service's resources and on sessions.
    public static let tagKey = FieldLimit(name: "a tag key", maximum: 128, unit: .characters,
        source: "https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html")
    public static let tagValue = FieldLimit(name: "a tag value", maximum: 256, unit: .characters,
        source: "https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html")
    /// "The plaintext that you use for both inline and managed session policies can't exceed 2,048 characters."
    public static let sessionPolicy = FieldLimit(name: "a session policy", maximum: 2048, unit: .characters,
        source: assumeRole)
    /// A VPC endpoint id is `vpce-` and 17 characters (EC2 resource ids, longer format).
    public static let vpcEndpointID = FieldLimit(name: "a VPC endpoint id", maximum: 22, unit: .characters,
        source: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html")
    /// CloudTrail's `eventID` is a GUID, 36 characters in its text form.
    public static let eventID = FieldLimit(name: "an event id (a GUID)", maximum: 36, unit: .characters,
        source: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html")
    /// The longest `errorMessage` AWS's documented wordings can make: three ARNs (the caller, the resource, the
    /// denying policy), an action, EC2's encoded authorization message (DecodeAuthorizationMessage
    /// `EncodedMessage`: 1–10,240) and 1,024 characters of wording.
    public static let errorMessage = FieldLimit(name: "an authorization error message",
        maximum: 3 * arn.maximum + action.maximum + 10_240 + 1024, unit: .characters,
        source: "https://docs.aws.amazon.com/STS/latest/APIReference/API_DecodeAuthorizationMessage.html")
}
