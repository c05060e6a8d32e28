import S3Access

/// Lists keys of one bucket; the layout walk goes through it (a fake in tests, S3 otherwise).
public protocol PrefixLister: Sendable {
    /// Every object and common prefix under `prefix` (all pages).
    func list(prefix: String, delimiter: String?, startAfter: String?) async throws(S3Error) -> S3ListPage
}

/// A bucket listed through an `S3Client`.
public struct BucketLister: PrefixLister {
    public var client: S3Client
    public var bucket: String

    public init(client: S3Client, bucket: String) {
        self.client = client
        self.bucket = bucket
    }

    public func list(prefix: String, delimiter: String?, startAfter: String?) async throws(S3Error) -> S3ListPage {
        try await client.listAll(bucket: bucket, prefix: prefix, delimiter: delimiter, startAfter: startAfter)
    }
}
