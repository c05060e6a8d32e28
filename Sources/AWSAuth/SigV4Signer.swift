import AWSCore
import Crypto
import Foundation

/// AWS Signature Version 4 with the Authorization header: canonical request, string to sign, signing key
/// and signature, as specified in
/// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html and
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
public struct SigV4Signer: Sendable {
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"

    public var service: String
    public var region: String
    /// Whether the path's `.`/`..` segments and repeated slashes are resolved first: every service but S3,
    /// whose keys are taken exactly as they are.
    public var normalizesPath: Bool

    public init(service: String, region: String, normalizesPath: Bool? = nil) {
        self.service = service
        self.region = region
        self.normalizesPath = normalizesPath ?? (service != "s3")
    }

    public func sign(_ request: SigV4Request, credentials: AWSCredentials, date: Date) -> SigV4Signature {
        let stamp = SigV4Signer.timestamp(date)
        let day = String(stamp.prefix(8))
        var headers = request.headers + [("host", request.host), ("x-amz-date", stamp)]
        if let token = credentials.sessionToken { headers.append(("x-amz-security-token", token)) }
        let canonicalHeaders = SigV4Signer.canonicalHeaders(headers)
        let signedHeaders = canonicalHeaders.map(\.name).joined(separator: ";")
        let canonicalRequest = [
            request.method,
            SigV4Signer.canonicalURI(request.path, normalizing: normalizesPath),
            SigV4Signer.canonicalQuery(request.query),
            canonicalHeaders.map { "\($0.name):\($0.value)\n" }.joined(),
            signedHeaders,
            request.payloadHash,
        ].joined(separator: "\n")
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = ["AWS4-HMAC-SHA256", stamp, scope, SigV4Signer.sha256Hex(Data(canonicalRequest.utf8))]
            .joined(separator: "\n")
        let key = signingKey(secret: credentials.secretAccessKey, day: day)
        let signature = SigV4Signer.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
        let authorization = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(scope), "
            + "SignedHeaders=\(signedHeaders), Signature=\(signature)"
        var sent = [SigV4Signature.Header(name: "x-amz-date", value: stamp)]
        if let token = credentials.sessionToken { sent.append(.init(name: "x-amz-security-token", value: token)) }
        sent.append(.init(name: "Authorization", value: authorization))
        return SigV4Signature(canonicalRequest: canonicalRequest, stringToSign: stringToSign, signature: signature,
            authorization: authorization, headers: sent)
    }

    /// HMAC chain "AWS4"+secret → date → region → service → "aws4_request".
    func signingKey(secret: String, day: String) -> SymmetricKey {
        var key = SymmetricKey(data: Data(("AWS4" + secret).utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return key
    }

    /// The path with each segment URI-encoded once, `/` kept; resolved first when `normalizing`.
    static func canonicalURI(_ path: String, normalizing: Bool) -> String {
        let absolute = path.hasPrefix("/") ? path : "/" + path
        guard normalizing else { return URIEncoding.encode(absolute, keepingSlash: true) }
        var segments: [Substring] = []
        for segment in absolute.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." {
                _ = segments.popLast()
                continue
            }
            segments.append(segment)
        }
        var resolved = "/" + segments.joined(separator: "/")
        if absolute.hasSuffix("/") && !segments.isEmpty { resolved += "/" }
        return URIEncoding.encode(resolved, keepingSlash: true)
    }

    /// Parameters encoded, sorted by name then value, joined with `&`.
    static func canonicalQuery(_ query: [(name: String, value: String)]) -> String {
        query.map { (URIEncoding.encode($0.name), URIEncoding.encode($0.value)) }
            .sorted { $0.0 == $1.0 ? Array($0.1.utf8).lexicographicallyPrecedes($1.1.utf8) : Array($0.0.utf8).lexicographicallyPrecedes($1.0.utf8) }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    /// Lowercase names sorted; values trimmed with inner runs of spaces made one; repeats joined by `,`.
    static func canonicalHeaders(_ headers: [(name: String, value: String)]) -> [(name: String, value: String)] {
        var order: [String] = []
        var values: [String: [String]] = [:]
        for header in headers {
            let name = header.name.lowercased()
            if values[name] == nil { order.append(name) }
            values[name, default: []].append(collapsingSpaces(header.value))
        }
        return order.sorted().map { ($0, values[$0, default: []].joined(separator: ",")) }
    }

    static func collapsingSpaces(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }

    public static func sha256Hex(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hex(_ digest: SHA256.Digest) -> String { hex(Array(digest)) }
    static func hex(_ code: HashedAuthenticationCode<SHA256>) -> String { hex(Array(code)) }

    /// `YYYYMMDDTHHMMSSZ` in UTC, SigV4's `x-amz-date`.
    public static func timestamp(_ date: Date) -> String {
        String(AWSDate.format(date).filter { $0 != "-" && $0 != ":" })
    }
}
