/// A rule of AWS's own that decides a request whatever the customer's policies say: an action that is always
/// allowed, or a resource that AWS protects from every customer policy.
public struct BuiltInRule: Sendable, Equatable {
    /// The rules AWS documents; raw values are the report tokens.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// `sts:GetCallerIdentity` needs no permission and no Deny applies to it.
        case alwaysAllowed = "always-allowed"
        /// AWS managed policies (`arn:aws:iam::aws:policy/…`) cannot be changed.
        case awsManagedPolicy = "aws-managed-policy"
        /// Roles under `/aws-reserved/` belong to IAM Identity Center.
        case identityCenterRole = "identity-center-role"
        /// Service-linked roles (`/aws-service-role/`) only their service may change.
        case serviceLinkedRole = "service-linked-role"
        /// Aliases under `alias/aws/` are reserved for AWS managed KMS keys.
        case awsManagedKeyAlias = "aws-managed-key-alias"
    }

    public var kind: Kind
    /// What the rule did to this request, in words.
    public var detail: String
    /// The AWS page that documents the rule.
    public var source: String

    public init(kind: Kind, detail: String, source: String) {
        self.kind = kind
        self.detail = detail
        self.source = source
    }

    /// Whether the rule denies (a protection) rather than allows.
    public var denies: Bool { kind != .alwaysAllowed }
}
