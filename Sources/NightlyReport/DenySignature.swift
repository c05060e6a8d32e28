import PolicyLanguage
import ReplayResults

/// What makes two denies "the same" for a nightly report: who (the role behind a session, so that each night's
/// new session names are not new denies), what, and which layer and statement said no.
/// A signature seen in the period but not in the baseline is a new deny.
public struct DenySignature: Sendable, Hashable, Comparable {
    public var principal: String
    public var action: String
    /// The denying layer of an explicit deny; the layers that gave no Allow of an implicit one; the layer AWS
    /// named for one not reproduced (none when it named none). Sorted by their tokens.
    public var layers: [PolicyLayer]
    /// `policy#statement` for an explicit deny; `(no Allow)` for an implicit one; `(not reproduced)` otherwise.
    public var statement: String
    /// `statement` as reports show it, the policy named (`ProtectCloudTrail (p-7tr41lpr)#ProtectTrails`). Not part
    /// of the signature: a store's older rows without names still match newer ones.
    public var statementLabel: String

    public init(principal: String, action: String, layers: [PolicyLayer], statement: String, statementLabel: String? = nil) {
        self.principal = principal
        self.action = action
        self.layers = layers.sorted { $0.rawValue < $1.rawValue }
        self.statement = statement
        self.statementLabel = statementLabel ?? statement
    }

    public static func == (a: DenySignature, b: DenySignature) -> Bool {
        (a.principal, a.action, a.layers, a.statement) == (b.principal, b.action, b.layers, b.statement)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(principal)
        hasher.combine(action)
        hasher.combine(layers)
        hasher.combine(statement)
    }

    /// The layers as reports print them: `identity,scp`, or `(unknown)` when there are none.
    public var layerText: String { layers.isEmpty ? "(unknown)" : layers.map(\.rawValue).joined(separator: ",") }

    /// The signature of an attribution, from its first denying statement or the layers that gave no Allow.
    public init(_ result: Attribution) {
        principal = result.principalEntity ?? "(unknown)"
        action = result.action ?? "(unknown)"
        if let deny = result.denies.first, result.decision == .explicitDeny {
            layers = [deny.layer]
            statement = "\(deny.policy)#\(deny.statement)"
            statementLabel = "\(deny.policyLabel)#\(deny.statement)"
        } else if result.decision == .implicitDeny {
            layers = Set(result.missingAllows.map(\.layer)).sorted { $0.rawValue < $1.rawValue }
            statement = "(no Allow)"
            statementLabel = statement
        } else {
            layers = result.reportedLayer.map { [$0] } ?? []
            statement = "(not reproduced)"
            statementLabel = statement
        }
    }

    public static func < (a: DenySignature, b: DenySignature) -> Bool {
        (a.principal, a.action, a.layerText, a.statement) < (b.principal, b.action, b.layerText, b.statement)
    }
}
