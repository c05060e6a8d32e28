import PolicyLanguage
/// One statement that allowed the request in some layer.
public struct AllowReason: Sendable, Equatable {
    /// The layer the allowing statement belongs to.
    public var layer: PolicyLayer
    /// The organization level (0 = root) for `scp` and `rcp`.
    public var level: Int?
    /// The caller's identifier of the policy.
    public var policy: String
    /// The Sid, or `Statement[i]` when the statement has none.
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
