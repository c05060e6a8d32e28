/// The compiled policies of every layer that applies to a request; nil means the layer does
/// not apply (no VPC endpoint, no organization, …), an empty list means it applies and allows nothing.
public struct LayeredPolicies: Sendable {
    /// User, group and role policies, managed and inline.
    public var identity: [CompiledPolicy]?
    /// Policies attached to the resource.
    public var resource: [CompiledPolicy]?
    /// The permissions boundary (AWS allows one; several are intersected here as one layer).
    public var permissionsBoundary: [CompiledPolicy]?
    /// Session policies passed when the session was created.
    public var session: [CompiledPolicy]?
    /// Service control policies per organization level, from the root down.
    public var scp: [[CompiledPolicy]]?
    /// Resource control policies per organization level, from the root down.
    public var rcp: [[CompiledPolicy]]?
    /// The VPC endpoint policy.
    public var vpcEndpoint: [CompiledPolicy]?
    /// The caller belongs to the organization's management account, which SCPs do not restrict.
    public var principalInManagementAccount: Bool
    /// The resource belongs to the management account, which RCPs do not restrict.
    public var resourceInManagementAccount: Bool
    /// The caller is a service-linked role, which neither SCPs nor RCPs restrict; nil derives it
    /// from an `aws-service-role/` path in `aws:PrincipalArn`.
    public var isServiceLinkedRole: Bool?

    public init(
        identity: [CompiledPolicy]? = nil, resource: [CompiledPolicy]? = nil,
        permissionsBoundary: [CompiledPolicy]? = nil, session: [CompiledPolicy]? = nil,
        scp: [[CompiledPolicy]]? = nil, rcp: [[CompiledPolicy]]? = nil, vpcEndpoint: [CompiledPolicy]? = nil,
        principalInManagementAccount: Bool = false, resourceInManagementAccount: Bool = false,
        isServiceLinkedRole: Bool? = nil
    ) {
        self.identity = identity
        self.resource = resource
        self.permissionsBoundary = permissionsBoundary
        self.session = session
        self.scp = scp
        self.rcp = rcp
        self.vpcEndpoint = vpcEndpoint
        self.principalInManagementAccount = principalInManagementAccount
        self.resourceInManagementAccount = resourceInManagementAccount
        self.isServiceLinkedRole = isServiceLinkedRole
    }
}
