import Foundation

/// The `<Error><Code>…</Code><Message>…</Message></Error>` body AWS services return with a 4xx or 5xx
/// (S3 puts `Error` at the root, STS inside `ErrorResponse`), plus the fields S3 adds for redirects.
public struct AWSErrorResponse: Sendable, Equatable {
    public var code: String
    public var message: String
    /// S3's `<Region>` on a PermanentRedirect or AuthorizationHeaderMalformed error.
    public var region: String?
    /// S3's `<Endpoint>` on a redirect.
    public var endpoint: String?

    public init(code: String, message: String = "", region: String? = nil, endpoint: String? = nil) {
        self.code = code
        self.message = message
        self.region = region
        self.endpoint = endpoint
    }

    /// Reads an error body; nil when the body is empty or not an AWS error document.
    public init?(body: Data) {
        guard !body.isEmpty, let root = XMLTree.parse(body) else { return nil }
        let error = root.name == "Error" ? root : root.child("Error")
        guard let error, let code = error.text(of: "Code") else { return nil }
        self.init(code: code, message: error.text(of: "Message") ?? "", region: error.text(of: "Region"),
            endpoint: error.text(of: "Endpoint"))
    }
}
