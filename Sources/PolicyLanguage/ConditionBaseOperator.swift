/// The comparison a condition performs, one case per operator AWS documents.
public enum ConditionBaseOperator: String, Sendable, Equatable, Hashable, CaseIterable {
    case stringEquals = "StringEquals"
    case stringNotEquals = "StringNotEquals"
    case stringEqualsIgnoreCase = "StringEqualsIgnoreCase"
    case stringNotEqualsIgnoreCase = "StringNotEqualsIgnoreCase"
    case stringLike = "StringLike"
    case stringNotLike = "StringNotLike"
    case numericEquals = "NumericEquals"
    case numericNotEquals = "NumericNotEquals"
    case numericLessThan = "NumericLessThan"
    case numericLessThanEquals = "NumericLessThanEquals"
    case numericGreaterThan = "NumericGreaterThan"
    case numericGreaterThanEquals = "NumericGreaterThanEquals"
    case dateEquals = "DateEquals"
    case dateNotEquals = "DateNotEquals"
    case dateLessThan = "DateLessThan"
    case dateLessThanEquals = "DateLessThanEquals"
    case dateGreaterThan = "DateGreaterThan"
    case dateGreaterThanEquals = "DateGreaterThanEquals"
    case bool = "Bool"
    case binaryEquals = "BinaryEquals"
    case ipAddress = "IpAddress"
    case notIpAddress = "NotIpAddress"
    case arnEquals = "ArnEquals"
    case arnLike = "ArnLike"
    case arnNotEquals = "ArnNotEquals"
    case arnNotLike = "ArnNotLike"
    case null = "Null"

    /// The family of values the operator compares, which decides how values are parsed.
    public var family: ConditionValueFamily {
        switch self {
        case .stringEquals, .stringNotEquals, .stringEqualsIgnoreCase, .stringNotEqualsIgnoreCase,
            .stringLike, .stringNotLike:
            return .string
        case .numericEquals, .numericNotEquals, .numericLessThan, .numericLessThanEquals,
            .numericGreaterThan, .numericGreaterThanEquals:
            return .numeric
        case .dateEquals, .dateNotEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan,
            .dateGreaterThanEquals:
            return .date
        case .bool: return .bool
        case .binaryEquals: return .binary
        case .ipAddress, .notIpAddress: return .ipAddress
        case .arnEquals, .arnLike, .arnNotEquals, .arnNotLike: return .arn
        case .null: return .null
        }
    }

    /// Whether the operator is the negation of a positive one (true when nothing matches).
    ///
    /// AWS evaluates a negated operator on a missing key as true, and with a set qualifier
    /// it negates per request value.
    public var isNegated: Bool {
        switch self {
        case .stringNotEquals, .stringNotEqualsIgnoreCase, .stringNotLike, .numericNotEquals,
            .dateNotEquals, .notIpAddress, .arnNotEquals, .arnNotLike:
            return true
        default:
            return false
        }
    }

    /// The positive operator this one negates, or itself when it is not negated.
    public var positive: ConditionBaseOperator {
        switch self {
        case .stringNotEquals: return .stringEquals
        case .stringNotEqualsIgnoreCase: return .stringEqualsIgnoreCase
        case .stringNotLike: return .stringLike
        case .numericNotEquals: return .numericEquals
        case .dateNotEquals: return .dateEquals
        case .notIpAddress: return .ipAddress
        case .arnNotEquals: return .arnEquals
        case .arnNotLike: return .arnLike
        default: return self
        }
    }

    /// Whether policy variables in the values are expanded (AWS documents them for String, Arn and Bool).
    public var supportsVariables: Bool {
        switch family {
        case .string, .arn, .bool: return true
        default: return false
        }
    }
}
