/// The verdict on a request and why: every denying statement, every layer that gave no Allow, and the
/// rules of AWS's own that decided it, plus the request keys the verdict depended on but did not find.
public struct Decision: Sendable, Equatable {
    /// The three outcomes AWS distinguishes; raw values are the report tokens.
    public enum Outcome: String, Sendable, Equatable {
        case allow
        case explicitDeny = "explicit-deny"
        case implicitDeny = "implicit-deny"
    }

    /// The outcome: allow, explicit deny or implicit deny.
    public var decision: Outcome
    /// For an explicit deny, every statement that denied, in layer order.
    public var denies: [DenyReason]
    /// The layers (and organization levels) that gave no Allow, for an explicit deny too, so that what would
    /// have to change for the request to be allowed is complete.
    public var missingAllows: [MissingAllow]
    /// The rules of AWS's own that decided the request whatever the policies say (an action always allowed,
    /// a protected resource).
    public var rules: [BuiltInRule]
    /// The statements that allowed, per layer, for explanations.
    public var allows: [AllowReason]
    /// Condition keys and policy variables some matching statement needed but the request lacked.
    public var missingContext: [String]
    /// Things the evaluator could not read (an unparseable request value) or had to assume.
    public var diagnostics: [String]

    public init(
        decision: Outcome, denies: [DenyReason] = [], missingAllows: [MissingAllow] = [], rules: [BuiltInRule] = [],
        allows: [AllowReason] = [], missingContext: [String] = [], diagnostics: [String] = []
    ) {
        self.decision = decision
        self.denies = denies
        self.missingAllows = missingAllows
        self.rules = rules
        self.allows = allows
        self.missingContext = missingContext
        self.diagnostics = diagnostics
    }

    /// Folds in the decision on another resource of the same request: any explicit deny wins,
    /// then any implicit deny; reasons are united without repeats.
    mutating func merge(_ other: Decision) {
        denies += other.denies
        for allow in other.allows where !allows.contains(allow) { allows.append(allow) }
        for missing in other.missingAllows where !missingAllows.contains(missing) { missingAllows.append(missing) }
        for rule in other.rules where !rules.contains(rule) { rules.append(rule) }
        if other.decision == .explicitDeny || decision == .explicitDeny {
            decision = .explicitDeny
        } else if other.decision == .implicitDeny {
            decision = .implicitDeny
        }
    }
}
