import AWSCore
import Foundation

/// Exchanges a web identity token (EKS service accounts, GitHub Actions, …) for role credentials with
/// `sts:AssumeRoleWithWebIdentity`, an unsigned query API call answered in XML.
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html
public struct WebIdentityProvider: CredentialProvider {
    public var settings: WebIdentitySettings
    public var transport: any HTTPTransport
    public var retry: RetryPolicy

    public init(settings: WebIdentitySettings, transport: any HTTPTransport, retry: RetryPolicy = RetryPolicy(maxAttempts: 3)) {
        self.settings = settings
        self.transport = transport
        self.retry = retry
    }

    var source: String { "web identity (\(settings.origin))" }

    public func credentials() async throws(CredentialError) -> AWSCredentials {
        guard let data = FileManager.default.contents(atPath: settings.tokenFile) else {
            throw CredentialError(source: source, message: "cannot read token file `\(settings.tokenFile)`")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw CredentialError(source: source, message: "token file `\(settings.tokenFile)` is empty") }
        let form = [("Action", "AssumeRoleWithWebIdentity"), ("Version", "2011-06-15"), ("RoleArn", settings.roleArn),
            ("RoleSessionName", settings.sessionName), ("WebIdentityToken", token)]
            .map { "\(URIEncoding.encode($0.0))=\(URIEncoding.encode($0.1))" }.joined(separator: "&")
        let request = HTTPRequest(method: "POST", url: settings.stsEndpoint,
            headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")], body: Data(form.utf8), timeout: 10)
        let response = try await CredentialHTTP.send(request, transport: transport, retry: retry, source: source) { response in
            let detail = AWSErrorResponse(body: response.body)
            let transient = response.status >= 500 || detail?.code == "IDPCommunicationError" || detail?.code == "Throttling"
            return ("STS answered HTTP \(response.status)" + (detail.map { ": \($0.code): \($0.message)" } ?? ""), transient)
        }
        return try WebIdentityProvider.parse(response.body, source: source)
    }

    /// Reads `AssumeRoleWithWebIdentityResult/Credentials` of the XML answer.
    static func parse(_ body: Data, source: String) throws(CredentialError) -> AWSCredentials {
        guard let root = XMLTree.parse(body),
            let credentials = root.descendant(["AssumeRoleWithWebIdentityResult", "Credentials"]),
            let id = credentials.text(of: "AccessKeyId"), let secret = credentials.text(of: "SecretAccessKey")
        else {
            throw CredentialError(source: source, message: "the STS answer has no Credentials")
        }
        return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: credentials.text(of: "SessionToken"),
            expiration: credentials.text(of: "Expiration").flatMap(AWSDate.parse))
    }
}
