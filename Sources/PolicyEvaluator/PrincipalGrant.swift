/// How a policy's Principal named the caller, which decides what its Allow is worth.
///
/// In one account, an Allow that names the user or the session itself suffices on its own;
/// one that names the role is still limited by the boundary and session policies; one that
/// names the account only delegates to the account's identity policies.
public enum PrincipalGrant: String, Sendable, Equatable, Hashable {
    /// `*` or `{"AWS": "*"}`.
    case anyone
    /// An account id or root ARN.
    case account
    /// The IAM user's ARN.
    case user
    /// The role's ARN, for one of its sessions.
    case role
    /// The assumed-role session's ARN.
    case roleSession = "role-session"
    /// The federated user's ARN.
    case federatedUser = "federated-user"
    /// A Service principal.
    case service
    /// A Federated identity provider.
    case federated
    /// An S3 canonical user id.
    case canonicalUser = "canonical-user"

    /// Whether an Allow with this grant holds in the same account without identity policies,
    /// boundary or session policy.
    var isDirect: Bool {
        switch self {
        case .anyone, .user, .roleSession, .federatedUser, .service, .federated, .canonicalUser: return true
        case .role, .account: return false
        }
    }
}
