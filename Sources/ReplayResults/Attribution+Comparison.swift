import PolicyLanguage

/// How a replay compares with the layer AWS's message named, in the one wording every output uses.
public enum Comparison: String, Sendable, CaseIterable {
    case agrees
    case differs
    /// AWS's message named no layer, or the replay reached no deny to compare with it.
    case notCompared = "not compared"
}

extension Attribution {
    public var comparison: Comparison {
        switch agreement {
        case true?: .agrees
        case false?: .differs
        case nil: .notCompared
        }
    }

    /// What AWS said and how the replay compares: `identity (agrees)`, `resource (not compared)`, `not compared`.
    public var awsSaid: String {
        reportedLayer.map { "\($0.rawValue) (\(comparison.rawValue))" } ?? Comparison.notCompared.rawValue
    }

    /// The role a session belongs to (`arn:aws:iam::A:role/R` for `arn:aws:sts::A:assumed-role/R/S`), else the principal.
    public var principalEntity: String? {
        principal.map { principal in ARN(principal)?.sessionRoleArn ?? principal }
    }

    /// The session name of an assumed-role principal.
    public var sessionName: String? {
        principal.flatMap { ARN($0)?.sessionParts?.session }
    }
}

extension Attribution.Deny {
    /// The policy as a person reads it: `ProtectCloudTrail (p-7tr41lpr)` for an SCP or RCP, whose ARN does not
    /// carry its name; the id itself when it already says the name (managed and inline policies, resources).
    public var policyLabel: String { Self.label(policy: policy, name: policyName) }

    /// The label of a policy id with its name, the rule `policyLabel` follows.
    public static func label(policy: String, name: String?) -> String {
        guard let name, !policy.contains(name) else { return policy }
        return "\(name) (\(policy.utf8.split(separator: UInt8(ascii: "/")).last.map { String(Substring($0)) } ?? policy))"
    }
}
