/// Everything the snapshot holds about one IAM user or role: its identity policies and boundary.
public struct PrincipalPolicies: Sendable, Equatable {
    /// Whether the principal is an IAM user or an IAM role (sessions resolve to their role).
    public enum Kind: String, Sendable, Equatable {
        case user
        case role
    }

    /// The IAM ARN with its path (`arn:aws:iam::111122223333:role/ci/deploy`), also for session ARNs.
    public var arn: String
    public var kind: Kind
    public var name: String
    /// The unique id (`AIDA…` for users, `AROA…` for roles), which `aws:userid` is built from.
    public var id: String
    public var account: String
    public var path: String
    /// The principal's IAM tags (`aws:PrincipalTag/…`).
    public var tags: [String: String]
    /// Inline then attached policies; for a user, then each group's inline and attached policies.
    public var identity: [PolicySource]
    /// The permissions boundary's ARN, when one is set.
    public var boundaryArn: String?
    /// The boundary's document, when set and found.
    public var boundary: PolicySource?
    /// Identity policies (and groups) that are named but whose documents are absent or unreadable.
    public var missingIdentity: [String]
    /// The groups of a user, by name.
    public var groups: [String] = []
    /// Why parts of the identity layer are unknown at the time replayed (changes the history cannot undo).
    public var unknownIdentity: [String] = []
    /// Why the boundary is unknown at the time replayed.
    public var boundaryProblem: String?

    public init(arn: String, kind: Kind, name: String, id: String, account: String, path: String,
        tags: [String: String], identity: [PolicySource], boundaryArn: String?, boundary: PolicySource?,
        missingIdentity: [String])
    {
        self.arn = arn
        self.kind = kind
        self.name = name
        self.id = id
        self.account = account
        self.path = path
        self.tags = tags
        self.identity = identity
        self.boundaryArn = boundaryArn
        self.boundary = boundary
        self.missingIdentity = missingIdentity
    }

    /// Every policy that is named but absent, boundary included.
    public var missing: [String] {
        missingIdentity + (boundaryArn != nil && boundary == nil ? [boundaryArn ?? ""] : [])
    }

    /// True when every named policy was found.
    public var isComplete: Bool { missing.isEmpty }

    /// The identity layer: unknown as soon as one of its policies is missing.
    public var identityLayer: LayerLookup<[PolicySource]> {
        if !unknownIdentity.isEmpty { return .unknown(reason: .init(unknownIdentity.joined(separator: "; "))) }
        guard missingIdentity.isEmpty else {
            let names = missingIdentity.map { "`\($0)`" }.joined(separator: ", ")
            return .unknown(reason: "identity policies of `\(arn)` missing from the snapshot: \(names)")
        }
        return .known(identity)
    }

    /// The boundary layer: `.known(nil)` when none is set, unknown when set but not found.
    public var boundaryLayer: LayerLookup<PolicySource?> {
        if let boundaryProblem { return .unknown(reason: .init(boundaryProblem)) }
        guard let boundaryArn else { return .known(nil) }
        guard let boundary else {
            return .unknown(reason: "permissions boundary `\(boundaryArn)` of `\(arn)` is missing from the snapshot")
        }
        return .known(boundary)
    }
}
