/// The policy language version; policy variables exist only in `2012-10-17`.
public enum PolicyVersion: String, Sendable, Equatable {
    case v2012_10_17 = "2012-10-17"
    case v2008_10_17 = "2008-10-17"

    /// Whether `${…}` in Resource and Condition values is a variable rather than text.
    public var supportsVariables: Bool { self == .v2012_10_17 }
}
