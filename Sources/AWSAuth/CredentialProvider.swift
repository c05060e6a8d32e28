/// Something that yields credentials: a fixed pair, a command, an endpoint.
public protocol CredentialProvider: Sendable {
    func credentials() async throws(CredentialError) -> AWSCredentials
}

/// Credentials known up front (environment variables, keys in a shared file).
public struct StaticCredentialProvider: CredentialProvider {
    public var value: AWSCredentials
    public init(_ value: AWSCredentials) { self.value = value }
    public func credentials() async throws(CredentialError) -> AWSCredentials { value }
}
