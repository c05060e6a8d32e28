/// A kind of policy AWS consults for a request; the raw values are the tokens reports print.
public enum PolicyLayer: String, Sendable, Equatable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    /// Policies of the user (and its groups) or role: managed and inline.
    case identity
    /// The policy attached to the resource (bucket policy, key policy, trust policy, …).
    case resource
    /// The managed policy set as the principal's permissions boundary.
    case permissionsBoundary = "permissions-boundary"
    /// Policies passed when the session was created (AssumeRole, GetFederationToken).
    case session
    /// Service control policies, per level of the organization.
    case scp
    /// Resource control policies, per level of the organization.
    case rcp
    /// The policy of the VPC endpoint the request went through.
    case vpcEndpoint = "vpc-endpoint"

    /// Orders layers as reports list them: identity first, vpc-endpoint last.
    public static func < (a: PolicyLayer, b: PolicyLayer) -> Bool {
        allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
    }

    /// The token reports print (`permissions-boundary`), so that interpolation never shows the case name.
    public var description: String { rawValue }

    /// Whether the layer's statements carry a Principal that must match the caller.
    public var matchesPrincipal: Bool {
        switch self {
        case .resource, .rcp, .vpcEndpoint: return true
        case .identity, .permissionsBoundary, .session, .scp: return false
        }
    }
}
