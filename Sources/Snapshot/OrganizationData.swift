import TrailJSON

/// An SCP or RCP from `describe-policy`, with its document when it could be decoded.
struct OrganizationPolicy: Sendable, Equatable {
    var id: String
    var type: String
    var name: String
    var arn: String
    var document: JSONValue?
    var origin: String
}

/// The organization's tree and control policies, as read from `SNAPSHOT/organization`.
/// Each `unreadable…` map holds, by id, why a file that exists could not be used.
struct OrganizationData: Sendable, Equatable {
    var organizationID: String?
    var managementAccount: String?
    /// Why the organization's id and management account are unknown, when they are.
    var describeProblem: String?
    var policies: [String: OrganizationPolicy] = [:]
    var unreadablePolicies: [String: String] = [:]
    var targets: [String: Set<String>] = [:]
    var unreadableTargets: [String: String] = [:]
    var parents: [String: String] = [:]
    var unreadableParents: [String: String] = [:]
    /// Policy types enabled at the root, from `roots.json` (`aws organizations list-roots`) when collected.
    var enabledPolicyTypes: Set<String>?
    /// OU names by id, from `organizational-units/PARENT.json` (`aws organizations list-organizational-units-for-parent`).
    var unitNames: [String: String] = [:]
}
