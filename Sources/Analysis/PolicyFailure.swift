import PolicyLanguage

/// A policy that does not parse, and where it came from: the snapshot file and place, or nowhere for an inline
/// session policy taken from a log record.
public struct PolicyFailure: Sendable, Hashable, CustomStringConvertible {
    public var error: PolicyParseError
    /// `file: JSON path` in the snapshot; nil for a policy from the input.
    public var origin: String?

    public init(error: PolicyParseError, origin: String?) {
        self.error = error
        self.origin = origin
    }

    /// Whether the snapshot holds the policy (and so the snapshot has unreadable input).
    public var isInSnapshot: Bool { origin != nil }

    /// `file: place: policy `id`: element: message`.
    public var description: String { origin.map { "\($0): \(error)" } ?? error.description }
}
