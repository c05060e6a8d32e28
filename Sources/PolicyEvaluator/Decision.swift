/// The verdict on a request and why: every denying statement, or every layer that gave no
/// Allow, plus the request keys the verdict depended on but did not find.
public struct Decision: Sendable, Equatable {
    /// The three outcomes AWS distinguishes; raw values are the report tokens.
    public enum Outcome: String, Sendable, Equatable {
        case allow
        case explicitDeny = "explicit-deny"
        case implicitDeny = "implicit-deny"
    }

    public var decision: Outcome
    /// For an explicit deny, every statement that denied, in layer order.
    public var denies: [DenyReason]
    /// For an implicit deny, the layers (and organization levels) that gave no Allow.
    public var missingAllows: [MissingAllow]
    /// The statements that allowed, per layer, for explanations.
    public var allows: [AllowReason]
    /// Condition keys and policy variables some matching statement needed but the request lacked.
    public var missingContext: [String]
    /// Things the evaluator could not read (an unparseable request value) or had to assume.
    public var diagnostics: [String]

    public init(
        decision: Outcome, denies: [DenyReason] = [], missingAllows: [MissingAllow] = [], allows: [AllowReason] = [],
        missingContext: [String] = [], diagnostics: [String] = []
    ) {
        self.decision = decision
        self.denies = denies
        self.missingAllows = missingAllows
        self.allows = allows
        self.missingContext = missingContext
        self.diagnostics = diagnostics
    }
}

/// One statement that explicitly denied the request.
public struct DenyReason: Sendable, Equatable {
    public var layer: PolicyLayer
    /// The organization level (0 = root) for `scp` and `rcp`.
    public var level: Int?
    /// The caller's identifier of the policy.
    public var policy: String
    /// The statement's Sid, or `Statement[i]` when it has none.
    public var statement: String
    public var statementIndex: Int
    /// The resource the statement denied, for a request on several resources.
    public var resource: String?
    /// The conditions that made the statement match (all true).
    public var conditions: [ConditionEvaluation]

    public init(
        layer: PolicyLayer, level: Int?, policy: String, statement: String, statementIndex: Int, resource: String?,
        conditions: [ConditionEvaluation]
    ) {
        self.layer = layer
        self.level = level
        self.policy = policy
        self.statement = statement
        self.statementIndex = statementIndex
        self.resource = resource
        self.conditions = conditions
    }
}

/// One statement that allowed the request in some layer.
public struct AllowReason: Sendable, Equatable {
    public var layer: PolicyLayer
    public var level: Int?
    public var policy: String
    public var statement: String
    /// For a resource-based policy, how the Principal named the caller.
    public var grant: PrincipalGrant?

    public init(layer: PolicyLayer, level: Int?, policy: String, statement: String, grant: PrincipalGrant?) {
        self.layer = layer
        self.level = level
        self.policy = policy
        self.statement = statement
        self.grant = grant
    }
}

/// A layer whose Allow the request needed and did not get.
public struct MissingAllow: Sendable, Equatable {
    public var layer: PolicyLayer
    /// The organization level (0 = root) for `scp` and `rcp`.
    public var level: Int?
    /// Why the layer's Allow was needed or why what it allowed did not count.
    public var detail: String

    public init(layer: PolicyLayer, level: Int? = nil, detail: String) {
        self.layer = layer
        self.level = level
        self.detail = detail
    }
}
