import AWSAuth
import AWSCore
import Foundation

/// How the S3 client addresses, retries and reads.
public struct S3Configuration: Sendable {
    /// The region requests are signed for until a bucket turns out to live elsewhere.
    public var region: String
    public var endpoint: S3Endpoint
    public var retry: RetryPolicy
    /// Bytes per ranged GET: the memory one object in flight can hold (two parts with the read-ahead).
    public var partSize: Int
    /// Seconds without progress before a request is abandoned (and retried).
    public var requestTimeout: TimeInterval
    /// Keys per ListObjectsV2 page (S3's maximum and default is 1000).
    public var pageSize: Int

    public init(region: String = "us-east-1", endpoint: S3Endpoint = S3Endpoint(), retry: RetryPolicy = RetryPolicy(),
        partSize: Int = 2 << 20, requestTimeout: TimeInterval = 30, pageSize: Int = 1000)
    {
        self.region = region
        self.endpoint = endpoint
        self.retry = retry
        self.partSize = max(1, partSize)
        self.requestTimeout = requestTimeout
        self.pageSize = max(1, min(pageSize, 1000))
    }

    /// The region (`AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region`, else `us-east-1`) and the
    /// endpoint (`AWS_ENDPOINT_URL_S3`, else `AWS_ENDPOINT_URL`, unless `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`).
    /// https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
    public static func from(environment: AWSEnvironment, shared: SharedConfig?) throws(S3ConfigurationError) -> S3Configuration {
        var configuration = S3Configuration(region: environment.region(shared: shared) ?? "us-east-1")
        let ignore = environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() == "true"
        if !ignore, let text = environment["AWS_ENDPOINT_URL_S3"] ?? environment["AWS_ENDPOINT_URL"] {
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
                url.host != nil
            else {
                throw S3ConfigurationError(message: "endpoint `\(text)` is not an http(s) URL")
            }
            configuration.endpoint = S3Endpoint(custom: url)
        }
        return configuration
    }
}

/// A setting that cannot be used.
public struct S3ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
