import AWSAuth
import AWSCore
import Foundation
import Testing

/// AWS's published Signature Version 4 test suite: each request, its canonical request and its
/// Authorization header, for AKIDEXAMPLE in us-east-1, service `service`, at 20150830T123600Z.
/// https://docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html
@Suite struct SigV4SuiteTests {
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let scope = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
    static let empty = SigV4Signer.emptyPayloadHash
    static let token = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267"
    static let stsToken = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="

    struct Vector: Sendable, CustomTestStringConvertible {
        var name: String
        /// The request as the suite's `.req` file writes it (path and query as on the request line).
        var request: String
        var canonical: String
        var authorization: String
        var token: String? = nil
        var testDescription: String { name }
    }

    static let std = "host:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" + empty
    static let vanilla = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
    static func authz(_ signed: String, _ signature: String) -> String {
        scope + "SignedHeaders=\(signed), Signature=\(signature)"
    }

    static let vectors: [Vector] = [
        Vector(name: "get-vanilla", request: "GET / HTTP/1.1\nHost:example.amazonaws.com",
            canonical: "GET\n/\n\n" + std, authorization: authz("host;x-amz-date", vanilla)),
        Vector(name: "get-vanilla-empty-query-key", request: "GET /?Param1=value1 HTTP/1.1\nHost:example.amazonaws.com",
            canonical: "GET\n/\nParam1=value1\n" + std,
            authorization: authz("host;x-amz-date", "a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb")),
        Vector(name: "get-vanilla-query-order-key-case", request: "GET /?Param2=value2&Param1=value1 HTTP/1.1\nHost:example.amazonaws.com",
            canonical: "GET\n/\nParam1=value1&Param2=value2\n" + std,
            authorization: authz("host;x-amz-date", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")),
        Vector(name: "get-vanilla-query-order-key", request: "GET /?Param1=value2&Param1=Value1 HTTP/1.1\nHost:example.amazonaws.com",
            canonical: "GET\n/\nParam1=Value1&Param1=value2\n" + std,
            authorization: authz("host;x-amz-date", "eedbc4e291e521cf13422ffca22be7d2eb8146eecf653089df300a15b2382bd1")),
        Vector(name: "get-vanilla-query-order-value", request: "GET /?Param1=value2&Param1=value1 HTTP/1.1\nHost:example.amazonaws.com",
            canonical: "GET\n/\nParam1=value1&Param1=value2\n" + std,
            authorization: authz("host;x-amz-date", "5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694")),
        Vector(name: "get-vanilla-query-order-encoded", request: "GET /?Param-3=Value3&Param=Value2&%E1%88%B4=Value1 HTTP/1.1\nHost:example.amazonaws.com",
            canonical: "GET\n/\n%E1%88%B4=Value1&Param=Value2&Param-3=Value3\n" + std,
            authorization: authz("host;x-amz-date", "371d3713e185cc334048618a97f809c9ffe339c62934c032af5a0e595648fcac")),
        Vector(name: "get-vanilla-query-unreserved",
            request: "GET /?-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz HTTP/1.1\nHost:example.amazonaws.com",
            canonical: "GET\n/\n-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz\n" + std,
            authorization: authz("host;x-amz-date", "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197")),
        Vector(name: "get-vanilla-utf8-query", request: "GET /?ሴ=bar HTTP/1.1\nHost:example.amazonaws.com",
            canonical: "GET\n/\n%E1%88%B4=bar\n" + std,
            authorization: authz("host;x-amz-date", "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04")),
        Vector(name: "get-vanilla-with-session-token", request: "GET / HTTP/1.1\nHost:example.amazonaws.com",
            canonical: "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\nx-amz-security-token:\(token)\n\nhost;x-amz-date;x-amz-security-token\n" + empty,
            authorization: authz("host;x-amz-date;x-amz-security-token", "07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8"),
            token: token),
        Vector(name: "get-unreserved", request: "GET /-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz HTTP/1.1\nHost:example.amazonaws.com",
            canonical: "GET\n/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz\n\n" + std,
            authorization: authz("host;x-amz-date", "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f")),
        Vector(name: "get-utf8", request: "GET /ሴ HTTP/1.1\nHost:example.amazonaws.com",
            canonical: "GET\n/%E1%88%B4\n\n" + std,
            authorization: authz("host;x-amz-date", "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85")),
        Vector(name: "get-header-key-duplicate",
            request: "GET / HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1:value2\nMy-Header1:value2\nMy-Header1:value1",
            canonical: "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value2,value2,value1\nx-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\n" + empty,
            authorization: authz("host;my-header1;x-amz-date", "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea")),
        Vector(name: "get-header-value-multiline",
            request: "GET / HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1:value1\n  value2\n     value3",
            canonical: "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1 value2 value3\nx-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\n" + empty,
            authorization: authz("host;my-header1;x-amz-date", "cfd34249e4b1c8d6b91ef74165d41a32e5fab3306300901bb65a51a73575eefd")),
        Vector(name: "get-header-value-order",
            request: "GET / HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1:value4\nMy-Header1:value1\nMy-Header1:value3\nMy-Header1:value2",
            canonical: "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value4,value1,value3,value2\nx-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\n" + empty,
            authorization: authz("host;my-header1;x-amz-date", "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01")),
        Vector(name: "get-header-value-trim",
            request: "GET / HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1: value1\nMy-Header2: \"a   b   c\"",
            canonical: "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nmy-header2:\"a b c\"\nx-amz-date:20150830T123600Z\n\nhost;my-header1;my-header2;x-amz-date\n" + empty,
            authorization: authz("host;my-header1;my-header2;x-amz-date", "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736")),
        Vector(name: "post-vanilla", request: "POST / HTTP/1.1\nHost:example.amazonaws.com",
            canonical: "POST\n/\n\n" + std, authorization: authz("host;x-amz-date", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")),
        Vector(name: "post-vanilla-query", request: "POST /?Param1=value1 HTTP/1.1\nHost:example.amazonaws.com",
            canonical: "POST\n/\nParam1=value1\n" + std,
            authorization: authz("host;x-amz-date", "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11")),
        Vector(name: "post-header-value-case", request: "POST / HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1:VALUE1",
            canonical: "POST\n/\n\nhost:example.amazonaws.com\nmy-header1:VALUE1\nx-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\n" + empty,
            authorization: authz("host;my-header1;x-amz-date", "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d")),
        Vector(name: "post-x-www-form-urlencoded",
            request: "POST / HTTP/1.1\nContent-Type:application/x-www-form-urlencoded\nHost:example.amazonaws.com\n\nParam1=value1",
            canonical: "POST\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\n9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e",
            authorization: authz("content-type;host;x-amz-date", "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a")),
        Vector(name: "post-sts-header-before", request: "POST / HTTP/1.1\nHost:example.amazonaws.com",
            canonical: "POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\nx-amz-security-token:\(stsToken)\n\nhost;x-amz-date;x-amz-security-token\n" + empty,
            authorization: authz("host;x-amz-date;x-amz-security-token", "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead"),
            token: stsToken),
        Vector(name: "normalize-path/get-relative", request: "GET /example/.. HTTP/1.1\nHost:example.amazonaws.com",
            canonical: "GET\n/\n\n" + std, authorization: authz("host;x-amz-date", vanilla)),
        Vector(name: "normalize-path/get-relative-relative", request: "GET /example1/example2/../.. HTTP/1.1\nHost:example.amazonaws.com",
            canonical: "GET\n/\n\n" + std, authorization: authz("host;x-amz-date", vanilla)),
        Vector(name: "normalize-path/get-slash", request: "GET // HTTP/1.1\nHost:example.amazonaws.com",
            canonical: "GET\n/\n\n" + std, authorization: authz("host;x-amz-date", vanilla)),
        Vector(name: "normalize-path/get-slash-dot-slash", request: "GET /./ HTTP/1.1\nHost:example.amazonaws.com",
            canonical: "GET\n/\n\n" + std, authorization: authz("host;x-amz-date", vanilla)),
        Vector(name: "normalize-path/get-slash-pointless-dot", request: "GET /./example HTTP/1.1\nHost:example.amazonaws.com",
            canonical: "GET\n/example\n\n" + std,
            authorization: authz("host;x-amz-date", "ef75d96142cf21edca26f06005da7988e4f8dc83a165a80865db7089db637ec5")),
        Vector(name: "normalize-path/get-slashes", request: "GET //example// HTTP/1.1\nHost:example.amazonaws.com",
            canonical: "GET\n/example/\n\n" + std,
            authorization: authz("host;x-amz-date", "9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84")),
        Vector(name: "normalize-path/get-space", request: "GET /example space/ HTTP/1.1\nHost:example.amazonaws.com",
            canonical: "GET\n/example%20space/\n\n" + std,
            authorization: authz("host;x-amz-date", "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741")),
    ]

    /// Reads a `.req`: request line, headers (indented lines continue the previous one), blank line, body.
    static func parse(_ raw: String) -> (SigV4Request, Data) {
        let sections = raw.components(separatedBy: "\n\n")
        let lines = sections[0].components(separatedBy: "\n")
        let requestLine = lines[0]
        let method = String(requestLine.prefix { $0 != " " })
        let target = String(requestLine.dropFirst(method.count + 1).dropLast(" HTTP/1.1".count))
        let path = String(target.prefix { $0 != "?" })
        let queryText = target.dropFirst(path.count).dropFirst()
        let query: [(name: String, value: String)] = queryText.isEmpty ? [] : queryText.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (URIEncoding.decode(String(parts[0])) ?? "", URIEncoding.decode(parts.count > 1 ? String(parts[1]) : "") ?? "")
        }
        var headers: [(name: String, value: String)] = []
        var host = ""
        for line in lines.dropFirst() {
            if line.first == " ", let last = headers.popLast() {
                headers.append((last.name, last.value + " " + line))
                continue
            }
            let name = String(line.prefix { $0 != ":" })
            let value = String(line.dropFirst(name.count + 1))
            if name.lowercased() == "host" { host = value } else { headers.append((name, value)) }
        }
        let body = Data((sections.count > 1 ? sections[1] : "").utf8)
        return (SigV4Request(method: method, host: host, path: path, query: query, headers: headers,
            payloadHash: SigV4Signer.sha256Hex(body)), body)
    }

    @Test(arguments: vectors)
    func publishedVector(_ vector: Vector) throws {
        let (request, _) = SigV4SuiteTests.parse(vector.request)
        let date = try #require(AWSDate.parse("2015-08-30T12:36:00Z"))
        let credentials = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: SigV4SuiteTests.secret, sessionToken: vector.token)
        let signature = SigV4Signer(service: "service", region: "us-east-1").sign(request, credentials: credentials, date: date)
        #expect(signature.canonicalRequest == vector.canonical)
        #expect(signature.authorization == vector.authorization)
        #expect(signature.headers.first { $0.name == "x-amz-date" }?.value == "20150830T123600Z")
    }
}
