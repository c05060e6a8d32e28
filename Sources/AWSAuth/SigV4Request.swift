/// What SigV4 signs of a request: method, host, decoded path and query, the headers to sign, and the
/// payload's SHA-256 (or `UNSIGNED-PAYLOAD`).
public struct SigV4Request: Sendable {
    public var method: String
    /// The Host header's value (`host` or `host:port`).
    public var host: String
    /// The decoded path, e.g. `/bucket/AWSLogs/key name.json.gz`.
    public var path: String
    /// Decoded query parameters, in any order.
    public var query: [(name: String, value: String)]
    /// Headers to sign besides `host`, `x-amz-date` and `x-amz-security-token`, which the signer adds.
    public var headers: [(name: String, value: String)]
    /// Lowercase hex SHA-256 of the body, or `UNSIGNED-PAYLOAD`.
    public var payloadHash: String

    public init(method: String, host: String, path: String, query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)] = [], payloadHash: String = SigV4Signer.emptyPayloadHash)
    {
        self.method = method
        self.host = host
        self.path = path
        self.query = query
        self.headers = headers
        self.payloadHash = payloadHash
    }
}

/// The result of signing: every intermediate value (the tests compare them with AWS's examples) and the
/// headers to send.
public struct SigV4Signature: Sendable, Equatable {
    public var canonicalRequest: String
    public var stringToSign: String
    public var signature: String
    public var authorization: String
    /// `x-amz-date`, `x-amz-security-token` when the credentials have one, and `Authorization`.
    public var headers: [Header]

    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String
    }
}
