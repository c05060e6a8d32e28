/// The kind of value a condition operator compares.
public enum ConditionValueFamily: String, Sendable, Equatable {
    case string, numeric, date, bool, binary, ipAddress, arn, null
}
