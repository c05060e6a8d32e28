import AWSAuth
import AWSCore
import Foundation
import S3Access

/// A client for moto (or a proxy in front of it): path-style to the endpoint, keys `testing`, no waiting
/// between retries.
func testClient(_ endpoint: String, region: String = "us-east-1", partSize: Int = 2 << 20, pageSize: Int = 1000,
    attempts: Int = 4) -> S3Client
{
    let configuration = S3Configuration(region: region, endpoint: S3Endpoint(custom: URL(string: endpoint)),
        retry: RetryPolicy(maxAttempts: attempts, baseDelay: 0.01, maxDelay: 0.05), partSize: partSize, requestTimeout: 10,
        pageSize: pageSize)
    return S3Client(configuration: configuration,
        credentials: StaticCredentialProvider(AWSCredentials(accessKeyId: "testing", secretAccessKey: "testing")),
        transport: URLSessionTransport(), sleep: { _ in })
}

/// Reads a whole object through the streaming API.
func readAll(_ client: S3Client, _ location: S3Location) async throws(S3Error) -> (Data, S3ObjectRead) {
    var data = Data()
    let read = try await client.getObject(location) { data.append($0) }
    return (data, read)
}
