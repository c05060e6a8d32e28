/// The `Principal` or `NotPrincipal` element of a statement in a resource-based policy.
public struct PrincipalElement: Sendable, Equatable {
    /// The principals named, in document order.
    public var entries: [PrincipalEntry]
    /// True for `NotPrincipal`: the statement applies to everyone the entries do not name.
    public var negated: Bool

    public init(entries: [PrincipalEntry], negated: Bool) {
        self.entries = entries
        self.negated = negated
    }
}
