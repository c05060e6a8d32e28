/// Credentials could not be had: names the source that failed and why.
public struct CredentialError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The source, e.g. `environment variables`, `profile `prod` (credential_process)`.
    public var source: String
    public var message: String

    public init(source: String, message: String) {
        self.source = source
        self.message = message
    }

    public var description: String { "credentials from \(source): \(message)" }
}
