import Reports

/// What makes two denies "the same" for a nightly report: who, what, and which layer and statement said no.
/// A signature seen in the period but not in the baseline is a new deny.
public struct DenySignature: Sendable, Hashable, Comparable {
    public var principal: String
    public var action: String
    public var layer: String
    /// `policy#statement` for an explicit deny; `(no Allow)` for an implicit one; `(not reproduced)` otherwise.
    public var statement: String

    public init(principal: String, action: String, layer: String, statement: String) {
        self.principal = principal
        self.action = action
        self.layer = layer
        self.statement = statement
    }

    /// The signature of an attribution, from its first denying statement or the layers that gave no Allow.
    public init(_ result: Attribution) {
        principal = result.principal ?? "(unknown)"
        action = result.action ?? "(unknown)"
        if let deny = result.denies.first, result.decision == .explicitDeny {
            layer = deny.layer
            statement = "\(deny.policy)#\(deny.statement)"
        } else if result.decision == .implicitDeny {
            layer = Array(Set(result.missingAllows.map(\.layer))).sorted().joined(separator: ",")
            statement = "(no Allow)"
        } else {
            layer = result.reportedLayer ?? "(unknown)"
            statement = "(not reproduced)"
        }
    }

    public static func < (a: DenySignature, b: DenySignature) -> Bool {
        (a.principal, a.action, a.layer, a.statement) < (b.principal, b.action, b.layer, b.statement)
    }
}
