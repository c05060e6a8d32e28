/// One condition test: an operator applied to one request key against the policy's values
/// (the values are alternatives, any one may match).
public struct Condition: Sendable, Equatable {
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

/// A condition's values, already parsed, so that a bad value fails when the policy is read.
public enum ConditionValues: Sendable, Equatable {
    /// String, ARN, Bool and Binary values, which may hold policy variables.
    case strings([PolicyString])
    case numbers([Double])
    /// Seconds since 1970 UTC.
    case dates([Double])
    case addresses([IPAddressRange])
    /// The `Null` operator's expectation: true means "the key is absent".
    case null(Bool)
}
