/// The one place that decides which CloudTrail `errorCode` values are authorization failures.
///
/// An authorization failure means AWS knew who called and a policy (or the absence of one) refused the
/// call; those are the records TrailReplay replays. Authentication failures — the caller's credentials were
/// bad, expired or unsigned — never reached policy evaluation and are deliberately not candidates.
public enum AuthorizationFailureCodes {
    /// Error codes that mean "a policy said no", as services write them in CloudTrail.
    public static let authorizationFailures: Set<String> = [
        "AccessDenied",                         // S3 and many REST services
        "AccessDeniedException",                // JSON-protocol services (KMS, Lambda, DynamoDB, …)
        "Client.UnauthorizedOperation",         // EC2 (Query API, with an encoded failure message)
        "UnauthorizedOperation",                // EC2, older records
        "Client.AccessDenied",
        "VpceAccessDenied",                     // denied by a VPC endpoint policy
        "AuthorizationError",                   // SNS (Query API)
        "AuthorizationErrorException",          // SNS (JSON API)
        "NotAuthorized",
        "Forbidden",
        "ForbiddenException",                   // API Gateway, some REST services
        "AccessDeniedForDependencyException",   // Organizations: caller lacks access to a dependency
        "UnauthorizedAccess",
        "UnauthorizedException",
        "InsufficientPermissionsException",     // CloudFormation
    ]

    /// Error codes of failed authentication, listed so that a reader can say why they were not candidates.
    public static let authenticationFailures: Set<String> = [
        "InvalidClientTokenId", "SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException",
        "AuthFailure", "Client.AuthFailure", "InvalidAccessKeyId", "IncompleteSignature",
        "MissingAuthenticationToken", "UnrecognizedClientException", "InvalidToken", "TokenRefreshRequired",
        "InvalidIdentityToken", "Client.InvalidClientTokenId", "RequestExpired",
    ]

    /// Whether `code` names an authorization failure (exact AWS spelling).
    public static func isAuthorizationFailure(_ code: String) -> Bool {
        authorizationFailures.contains(code)
    }

    /// The same test on the raw bytes of an unescaped JSON string, without allocating.
    static func isAuthorizationFailure(bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= 6, bytes.count <= 40 else { return false }
        return authorizationFailures.contains(String(decoding: bytes, as: UTF8.self))
    }
}
