/// `Action` or `NotAction`: action patterns, case-insensitive, with `*` and `?`.
public struct ActionElement: Sendable, Equatable {
    /// The action patterns as written, e.g. `s3:Get*`.
    public var patterns: [String]
    /// True for `NotAction`: the statement covers every action the patterns do not match.
    public var negated: Bool

    public init(patterns: [String], negated: Bool) {
        self.patterns = patterns
        self.negated = negated
    }
}
