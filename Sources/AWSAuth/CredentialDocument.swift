import AWSCore
import Foundation
import TrailJSON

/// The JSON credentials documents of `credential_process`, the container endpoint and instance metadata:
/// `AccessKeyId`, `SecretAccessKey`, `SessionToken` (or `Token`) and `Expiration` (ISO 8601).
enum CredentialDocument {
    static func parse(_ data: Data, source: String) throws(CredentialError) -> AWSCredentials {
        let value: JSONValue
        do {
            value = try JSONParser.parse(Array(data))
        } catch {
            throw CredentialError(source: source, message: "the answer is not JSON (\(error.description))")
        }
        guard let object = value.objectValue else {
            throw CredentialError(source: source, message: "the answer is a JSON \(value.kindName), not an object")
        }
        func field(_ name: String) -> String? {
            guard let text = object[name]?.stringValue, !text.isEmpty else { return nil }
            return text
        }
        guard let id = field("AccessKeyId"), let secret = field("SecretAccessKey") else {
            throw CredentialError(source: source, message: "the answer lacks AccessKeyId or SecretAccessKey")
        }
        var expiration: Date?
        if let text = field("Expiration") {
            guard let date = AWSDate.parse(text) else {
                throw CredentialError(source: source, message: "Expiration `\(text)` is not an ISO 8601 time")
            }
            expiration = date
        }
        return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: field("SessionToken") ?? field("Token"),
            expiration: expiration)
    }
}
