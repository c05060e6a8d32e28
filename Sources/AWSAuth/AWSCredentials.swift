import Foundation

/// An access key pair, with the session token and expiry of temporary credentials.
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible {
    public var accessKeyId: String
    public var secretAccessKey: String
    public var sessionToken: String?
    /// When temporary credentials stop working; nil for long-term keys.
    public var expiration: Date?

    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }

    /// Whether the credentials should be replaced at `now`: within `margin` seconds of expiring.
    public func needsRefresh(at now: Date, margin: TimeInterval) -> Bool {
        guard let expiration else { return false }
        return expiration.timeIntervalSince(now) <= margin
    }

    /// Never prints the secret or the token.
    public var description: String {
        "AWSCredentials(\(accessKeyId)\(sessionToken == nil ? "" : ", temporary"))"
    }
}
