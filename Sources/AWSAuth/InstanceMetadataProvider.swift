import AWSCore
import Foundation
import TrailJSON

/// The EC2 instance profile through IMDSv2: a session token (PUT), the role's name, then its credentials.
/// Timeouts are short (1 s by default, `AWS_METADATA_SERVICE_TIMEOUT`) so that off EC2 the chain ends fast.
/// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-security-credentials.html
/// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html
public struct InstanceMetadataProvider: CredentialProvider {
    public var settings: InstanceMetadataSettings
    public var transport: any HTTPTransport
    static let tokenLifetime = "21600"

    public init(settings: InstanceMetadataSettings, transport: any HTTPTransport) {
        self.settings = settings
        self.transport = transport
    }

    var source: String { "instance metadata `\(settings.endpoint.absoluteString)`" }

    public func credentials() async throws(CredentialError) -> AWSCredentials {
        let retry = RetryPolicy(maxAttempts: settings.attempts, baseDelay: 0.05, maxDelay: 1)
        let token = try await get("/latest/api/token", method: "PUT",
            headers: [("x-aws-ec2-metadata-token-ttl-seconds", InstanceMetadataProvider.tokenLifetime)], retry: retry)
        let tokenHeader = [(name: "x-aws-ec2-metadata-token", value: String(decoding: token, as: UTF8.self))]
        let roles = try await get("/latest/meta-data/iam/security-credentials/", headers: tokenHeader, retry: retry)
        guard let role = String(decoding: roles, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init),
            !role.isEmpty
        else {
            throw CredentialError(source: source, message: "the instance has no IAM role")
        }
        let document = try await get("/latest/meta-data/iam/security-credentials/" + URIEncoding.encode(role),
            headers: tokenHeader, retry: retry)
        if let code = (try? JSONParser.parse(Array(document)))?["Code"]?.stringValue, code != "Success" {
            throw CredentialError(source: source, message: "role `\(role)`: Code is `\(code)`")
        }
        return try CredentialDocument.parse(document, source: source)
    }

    private func get(_ path: String, method: String = "GET", headers: [(name: String, value: String)], retry: RetryPolicy)
        async throws(CredentialError) -> Data
    {
        guard let url = URL(string: settings.endpoint.absoluteString + path) else {
            throw CredentialError(source: source, message: "bad path `\(path)`")
        }
        let request = HTTPRequest(method: method, url: url, headers: headers, timeout: settings.timeout)
        let source = self.source
        return try await CredentialHTTP.send(request, transport: transport, retry: retry, source: source) { response in
            ("\(method) \(path) answered HTTP \(response.status)", response.status >= 500)
        }.body
    }
}
