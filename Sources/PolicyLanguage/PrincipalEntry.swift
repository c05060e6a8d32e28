/// One principal named by a policy.
public enum PrincipalEntry: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// `"Principal": "*"`: everyone, including anonymous callers.
    case anyone
    /// An `AWS` entry: `*`, an account id, or a root, user, role, assumed-role or federated-user ARN.
    case aws(String)
    /// A `Service` entry such as `cloudtrail.amazonaws.com`.
    case service(String)
    /// A `Federated` entry: an identity provider ARN or name such as `cognito-identity.amazonaws.com`.
    case federated(String)
    /// A `CanonicalUser` entry (S3 canonical user id).
    case canonicalUser(String)

    /// The entry as `Type:value`, `*` for everyone.
    public var description: String {
        switch self {
        case .anyone: return "*"
        case .aws(let v): return "AWS:\(v)"
        case .service(let v): return "Service:\(v)"
        case .federated(let v): return "Federated:\(v)"
        case .canonicalUser(let v): return "CanonicalUser:\(v)"
        }
    }
}
