import Foundation

/// What a client sent: requests by operation, retries, region redirects and body bytes received; read by
/// tests (a one-day listing must send few ListObjectsV2) and by throughput reports.
public final class RequestCounters: @unchecked Sendable {
    private let lock = NSLock()
    private var requests: [S3Operation: Int] = [:]
    private var retriesCount = 0
    private var redirectsCount = 0
    private var bytes = 0

    public init() {}

    public func requests(_ operation: S3Operation) -> Int { lock.withLock { requests[operation, default: 0] } }
    public var retries: Int { lock.withLock { retriesCount } }
    public var redirects: Int { lock.withLock { redirectsCount } }
    public var bytesReceived: Int { lock.withLock { bytes } }

    func sent(_ operation: S3Operation, bodyBytes: Int) {
        lock.withLock {
            requests[operation, default: 0] += 1
            bytes += bodyBytes
        }
    }

    func retried() { lock.withLock { retriesCount += 1 } }
    func redirected() { lock.withLock { redirectsCount += 1 } }
}

/// The S3 API calls this client makes.
public enum S3Operation: String, Sendable, Hashable {
    case listObjectsV2 = "ListObjectsV2"
    case getObject = "GetObject"
}
