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
