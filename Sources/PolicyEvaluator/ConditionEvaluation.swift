/// How one condition of a statement came out: the operator, the key, what the request
/// carried, what the policy expected, and the result.
public struct ConditionEvaluation: Sendable, Equatable {
    /// The operator as written, e.g. `ForAllValues:StringNotLike`.
    public var `operator`: String
    /// The condition key as the policy spells it.
    public var key: String
    /// The request's values, nil when the request does not carry the key.
    public var requestValues: [String]?
    /// The policy's values after variable substitution.
    public var policyValues: [String]
    /// Whether the condition held.
    public var result: Bool

    public init(operator: String, key: String, requestValues: [String]?, policyValues: [String], result: Bool) {
        self.operator = `operator`
        self.key = key
        self.requestValues = requestValues
        self.policyValues = policyValues
        self.result = result
    }
}
