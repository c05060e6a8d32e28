/// `Resource` or `NotResource`: ARN patterns, case-sensitive, possibly with policy variables.
public struct ResourceElement: Sendable, Equatable {
    /// The resource patterns with their policy variables.
    public var patterns: [PolicyString]
    /// True for `NotResource`: the statement covers every resource the patterns do not match.
    public var negated: Bool

    public init(patterns: [PolicyString], negated: Bool) {
        self.patterns = patterns
        self.negated = negated
    }
}
