/// A malformed policy variable; the parser adds the policy and element.
public struct PolicyStringError: Error, Sendable, Equatable {
    /// A lowercase explanation, the value in backticks.
    public var message: String
}
