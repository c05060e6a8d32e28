import TrailJSON

/// The layer a policy document belongs to, which decides how an evaluator combines it.
public enum PolicyKind: String, Sendable, Equatable, CaseIterable {
    case managed
    case inline
    case groupInline = "group-inline"
    case groupManaged = "group-managed"
    case boundary
    case scp
    case rcp
    case bucket
    case resource
    case vpcEndpoint = "vpc-endpoint"
}

/// One policy document from the snapshot, still as JSON, with a stable id and where it was read.
/// Another module parses `document`; this one only finds and decodes it.
public struct PolicySource: Sendable, Equatable {
    /// The policy ARN (managed and organization policies), `<principal-arn>#inline:<name>` (inline
    /// policies), the resource ARN (bucket and resource policies) or the endpoint id (VPC endpoint policies).
    public var id: String
    public var kind: PolicyKind
    /// The decoded policy document, always a JSON object.
    public var document: JSONValue
    /// The file it came from and the JSON path inside it, for messages.
    public var origin: String
    /// The name people know it by, where it has one beside its id: an SCP's or RCP's `PolicySummary.Name`, a
    /// managed policy's name, `inline NAME of user U` for inline policies.
    public var name: String?

    public init(id: String, kind: PolicyKind, document: JSONValue, origin: String, name: String? = nil) {
        self.id = id
        self.kind = kind
        self.document = document
        self.origin = origin
        self.name = name
    }

    /// The name of a managed policy: the last part of its ARN (`arn:aws:iam::aws:policy/job-function/ViewOnlyAccess`).
    public static func managedName(_ arn: String) -> String? {
        arn.split(separator: "/").last.map(String.init)
    }
}
