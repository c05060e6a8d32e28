import AWSCore
import Foundation

/// The ECS task role (and EKS Pod Identity) endpoint: a GET answered with a JSON credentials document,
/// with the `Authorization` token when one is configured.
/// https://docs.aws.amazon.com/sdkref/latest/guide/feature-container-credentials.html
public struct ContainerCredentialProvider: CredentialProvider {
    public var settings: ContainerSettings
    public var transport: any HTTPTransport

    public init(settings: ContainerSettings, transport: any HTTPTransport) {
        self.settings = settings
        self.transport = transport
    }

    var source: String { "container endpoint `\(settings.url.absoluteString)`" }

    public func credentials() async throws(CredentialError) -> AWSCredentials {
        var headers: [(name: String, value: String)] = [("Accept", "application/json")]
        if let file = settings.authorizationTokenFile {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CredentialError(source: source, message: "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE `\(file)`")
            }
            headers.append(("Authorization", String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        } else if let token = settings.authorizationToken {
            headers.append(("Authorization", token))
        }
        let request = HTTPRequest(method: "GET", url: settings.url, headers: headers, timeout: settings.timeout)
        let response = try await CredentialHTTP.send(request, transport: transport, retry: RetryPolicy(maxAttempts: 2), source: source)
        return try CredentialDocument.parse(response.body, source: source)
    }
}
