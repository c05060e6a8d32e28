import PolicyLanguage
/// One statement that explicitly denied the request.
public struct DenyReason: Sendable, Equatable {
    /// The layer the denying statement belongs to.
    public var layer: PolicyLayer
    /// The organization level (0 = root) for `scp` and `rcp`.
    public var level: Int?
    /// The caller's identifier of the policy.
    public var policy: String
    /// The statement's Sid, or `Statement[i]` when it has none.
    public var statement: String
    /// The statement's position in its policy, from 0.
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
