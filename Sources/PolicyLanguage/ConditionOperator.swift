/// A condition operator as written in a policy: a base comparison, an optional set
/// qualifier (`ForAllValues:`/`ForAnyValue:`) and an optional `IfExists` suffix.
public struct ConditionOperator: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The comparison performed.
    public var base: ConditionBaseOperator
    /// The set qualifier for multivalued keys, if any.
    public var qualifier: SetQualifier?
    /// Whether a missing key makes the condition true.
    public var ifExists: Bool

    public init(base: ConditionBaseOperator, qualifier: SetQualifier? = nil, ifExists: Bool = false) {
        self.base = base
        self.qualifier = qualifier
        self.ifExists = ifExists
    }

    /// The operator as AWS spells it, e.g. `ForAllValues:StringNotLikeIfExists`.
    public var description: String {
        (qualifier.map { $0.rawValue + ":" } ?? "") + base.rawValue + (ifExists ? "IfExists" : "")
    }

    /// Reads an operator name; nil when it names no documented operator.
    ///
    /// Operator names are case-sensitive in AWS; qualifiers are matched the same way.
    public init?(parsing text: String) {
        var rest = Substring(text)
        var qualifier: SetQualifier?
        for candidate in SetQualifier.allCases where rest.hasPrefix(candidate.rawValue + ":") {
            qualifier = candidate
            rest = rest.dropFirst(candidate.rawValue.count + 1)
        }
        var ifExists = false
        if let base = ConditionBaseOperator(rawValue: String(rest)) {
            self.init(base: base, qualifier: qualifier, ifExists: false)
            return
        }
        if rest.hasSuffix("IfExists") {
            rest = rest.dropLast("IfExists".count)
            ifExists = true
        }
        guard let base = ConditionBaseOperator(rawValue: String(rest)) else { return nil }
        if ifExists && base == .null { return nil }
        self.init(base: base, qualifier: qualifier, ifExists: ifExists)
    }
}
