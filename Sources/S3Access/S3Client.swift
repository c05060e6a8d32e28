import AWSAuth
import AWSCore
import Foundation

/// Signed S3 requests with retries and region discovery: ListObjectsV2 and ranged GetObject.
///
/// Transient failures (HTTP 5xx, 429, `SlowDown`, `RequestTimeout`, timeouts, broken connections) are retried
/// with exponential backoff and full jitter up to `configuration.retry.maxAttempts` tries. A bucket in
/// another region answers with its region (`x-amz-bucket-region` or the error's `<Region>`); the request is
/// then signed again for it, and the region is kept for the bucket's later requests.
public final class S3Client: Sendable {
    public let configuration: S3Configuration
    public let counters = RequestCounters()
    let transport: any HTTPTransport
    let credentials: any CredentialProvider
    let regions: BucketRegions
    let sleep: @Sendable (TimeInterval) async -> Void

    public init(configuration: S3Configuration, credentials: any CredentialProvider, transport: any HTTPTransport,
        sleep: @escaping @Sendable (TimeInterval) async -> Void = RetryPolicy.taskSleep)
    {
        self.configuration = configuration
        self.credentials = credentials
        self.transport = transport
        self.regions = BucketRegions(defaultRegion: configuration.region)
        self.sleep = sleep
    }

    /// The region requests for `bucket` are signed for now.
    public func region(of bucket: String) async -> String { await regions.region(of: bucket) }

    /// One S3 call: answers with a status in `accepted` are returned, others become `S3Error`s.
    func send(_ operation: S3Operation, method: String = "GET", location: S3Location, key: String,
        query: [(name: String, value: String)] = [], headers: [(name: String, value: String)] = [],
        accepted: Set<Int> = [200]) async throws(S3Error) -> HTTPResponse
    {
        var redirects = 0
        var attempt = 1
        while true {
            let region = await regions.region(of: location.bucket)
            let outcome = await attemptOnce(operation, method: method, location: location, key: key, query: query,
                headers: headers, region: region)
            switch outcome {
            case .response(let response):
                if accepted.contains(response.status) { return response }
                if let moved = S3Client.redirectRegion(response), moved != region, redirects < 2 {
                    redirects += 1
                    counters.redirected()
                    await regions.learn(moved, for: location.bucket)
                    continue
                }
                let error = S3Client.error(for: response, at: location)
                guard S3Client.isTransient(response), attempt < configuration.retry.maxAttempts else { throw error }
            case .failed(let error):
                guard case .transport(_, let transportError) = error, transportError.isTransient,
                    attempt < configuration.retry.maxAttempts
                else { throw error }
            }
            counters.retried()
            await sleep(configuration.retry.delay(beforeRetry: attempt, unit: Double.random(in: 0..<1)))
            attempt += 1
        }
    }

    private enum Attempt {
        case response(HTTPResponse)
        case failed(S3Error)
    }

    private func attemptOnce(_ operation: S3Operation, method: String, location: S3Location, key: String,
        query: [(name: String, value: String)], headers: [(name: String, value: String)], region: String) async -> Attempt
    {
        let keys: AWSCredentials
        do throws(CredentialError) {
            keys = try await credentials.credentials()
        } catch {
            return .failed(.credentials(location, error))
        }
        guard let target = configuration.endpoint.url(bucket: location.bucket, key: key, query: query, region: region) else {
            return .failed(.invalidResponse(location, "cannot form a URL for key `\(key)`"))
        }
        let signed = headers + [("x-amz-content-sha256", SigV4Signer.emptyPayloadHash)]
        let signature = SigV4Signer(service: "s3", region: region).sign(
            SigV4Request(method: method, host: target.host, path: target.path, query: query, headers: signed),
            credentials: keys, date: Date())
        let request = HTTPRequest(method: method, url: target.url,
            headers: signed + signature.headers.map { ($0.name, $0.value) }, timeout: configuration.requestTimeout)
        do throws(HTTPTransportError) {
            let response = try await transport.send(request)
            counters.sent(operation, bodyBytes: response.body.count)
            return .response(response)
        } catch {
            counters.sent(operation, bodyBytes: 0)
            return .failed(.transport(location, error))
        }
    }

    /// The region a redirect or a wrong-region error names.
    /// https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html (PermanentRedirect, AuthorizationHeaderMalformed)
    static func redirectRegion(_ response: HTTPResponse) -> String? {
        guard [301, 307, 400].contains(response.status) else { return nil }
        if let header = response.header("x-amz-bucket-region"), !header.isEmpty { return header }
        return AWSErrorResponse(body: response.body)?.region
    }

    /// Throttling and server-side errors: worth another try.
    static func isTransient(_ response: HTTPResponse) -> Bool {
        if response.status >= 500 || response.status == 429 { return true }
        let code = AWSErrorResponse(body: response.body)?.code ?? ""
        return ["SlowDown", "RequestTimeout", "Throttling", "ThrottlingException", "RequestThrottled", "InternalError"]
            .contains(code)
    }

    static func error(for response: HTTPResponse, at location: S3Location) -> S3Error {
        let detail = AWSErrorResponse(body: response.body)
        switch response.status {
        case 403:
            return .accessDenied(location, code: detail?.code ?? "AccessDenied", message: detail?.message ?? "")
        case 404:
            return .notFound(location, code: detail?.code ?? (location.key.isEmpty ? "NoSuchBucket" : "NoSuchKey"))
        default:
            return .service(location, status: response.status, code: detail?.code ?? "", message: detail?.message ?? "")
        }
    }
}
