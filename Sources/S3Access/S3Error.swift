import AWSAuth
import AWSCore

/// Why an S3 request failed for good, naming the object or prefix as `s3://bucket/key`.
public enum S3Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// HTTP 403: the identity lacks `s3:GetObject`/`s3:ListBucket` (or `kms:Decrypt`), or a policy denies.
    case accessDenied(S3Location, code: String, message: String)
    /// HTTP 404: `NoSuchKey` or `NoSuchBucket`.
    case notFound(S3Location, code: String)
    /// Any other error answer, after the retries when it was transient.
    case service(S3Location, status: Int, code: String, message: String)
    /// No HTTP answer, after the retries.
    case transport(S3Location, HTTPTransportError)
    /// No credentials to sign with.
    case credentials(S3Location, CredentialError)
    /// An answer that cannot be read (bad XML, a missing Content-Range).
    case invalidResponse(S3Location, String)
    /// The object was replaced between two ranges of one read (its ETag changed).
    case changedDuringRead(S3Location)
    /// The consumer of the bytes gave up.
    case consumerFailed(S3Location, String)

    public var location: S3Location {
        switch self {
        case .accessDenied(let l, _, _), .notFound(let l, _), .service(let l, _, _, _), .transport(let l, _),
            .credentials(let l, _), .invalidResponse(let l, _), .changedDuringRead(let l), .consumerFailed(let l, _):
            return l
        }
    }

    public var description: String { "\(location): \(reason)" }

    /// What went wrong, without the location (for a diagnostic that names it already).
    public var reason: String {
        switch self {
        case .accessDenied(_, let code, let message):
            return "access denied (\(code)\(message.isEmpty ? "" : ": \(message)"))"
        case .notFound(_, let code): return "not found (\(code))"
        case .service(_, let status, let code, let message):
            return "HTTP \(status) \(code)\(message.isEmpty ? "" : ": \(message)")"
        case .transport(_, let error): return "\(error)"
        case .credentials(_, let error): return "\(error)"
        case .invalidResponse(_, let reason): return "unreadable answer: \(reason)"
        case .changedDuringRead: return "the object changed while it was being read"
        case .consumerFailed(_, let reason): return reason
        }
    }
}
