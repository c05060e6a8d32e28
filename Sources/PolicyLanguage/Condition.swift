/// One condition test: an operator applied to one request key against the policy's values
/// (the values are alternatives, any one may match).
public struct Condition: Sendable, Equatable {
    /// The operator with its qualifier and IfExists suffix.
    public var `operator`: ConditionOperator
    /// The key as the policy spells it; request keys are matched case-insensitively.
    public var key: String
    /// The values as written, for reports.
    public var rawValues: [String]
    /// The values parsed for the operator's family.
    public var values: ConditionValues

    public init(operator: ConditionOperator, key: String, rawValues: [String], values: ConditionValues) {
        self.operator = `operator`
        self.key = key
        self.rawValues = rawValues
        self.values = values
    }
}
