import AWSCore
import Foundation

/// Where requests for a bucket go: AWS's regional endpoint with virtual-hosted addressing, or a custom
/// endpoint (`AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL`: moto, MinIO, a VPC endpoint) with path-style
/// addressing.
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html
public struct S3Endpoint: Sendable, Equatable {
    /// A custom endpoint's scheme, host and port (and base path), or nil for AWS's endpoints.
    public var custom: URL?

    public init(custom: URL? = nil) { self.custom = custom }

    /// The URL and Host header value of a request; `key` and the query are decoded, encoded here.
    public func url(bucket: String, key: String, query: [(name: String, value: String)], region: String) -> (url: URL, host: String, path: String)? {
        let encodedQuery = query.map { "\(URIEncoding.encode($0.name))=\(URIEncoding.encode($0.value))" }.joined(separator: "&")
        let scheme: String, authority: String, path: String
        if let custom, let host = custom.host {
            scheme = custom.scheme ?? "https"
            authority = custom.port.map { "\(host):\($0)" } ?? host
            let base = custom.path.hasSuffix("/") ? String(custom.path.dropLast()) : custom.path
            path = base + "/" + bucket + (key.isEmpty ? "" : "/" + key)
        } else if bucket.contains(".") {
            // Dotted names do not match the wildcard certificate: path-style on the regional host.
            scheme = "https"
            authority = "s3.\(region).\(S3Endpoint.dnsSuffix(region))"
            path = "/" + bucket + (key.isEmpty ? "" : "/" + key)
        } else {
            scheme = "https"
            authority = "\(bucket).s3.\(region).\(S3Endpoint.dnsSuffix(region))"
            path = "/" + key
        }
        let text = "\(scheme)://\(authority)\(URIEncoding.encode(path, keepingSlash: true))"
            + (encodedQuery.isEmpty ? "" : "?" + encodedQuery)
        guard let url = URL(string: text) else { return nil }
        return (url, authority, path)
    }

    static func dnsSuffix(_ region: String) -> String { region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com" }
}
