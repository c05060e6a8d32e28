import Foundation

/// One object of a listing.
public struct S3Object: Sendable, Equatable {
    public var key: String
    public var size: Int
    public var etag: String
    public var lastModified: Date?

    public init(key: String, size: Int, etag: String = "", lastModified: Date? = nil) {
        self.key = key
        self.size = size
        self.etag = etag
        self.lastModified = lastModified
    }
}

/// One page of ListObjectsV2.
public struct S3ListPage: Sendable, Equatable {
    public var objects: [S3Object] = []
    /// With a delimiter: the "folders" one level down, each ending with the delimiter.
    public var commonPrefixes: [String] = []
    public var nextContinuationToken: String?
    public var isTruncated = false

    public init(objects: [S3Object] = [], commonPrefixes: [String] = [], nextContinuationToken: String? = nil, isTruncated: Bool = false) {
        self.objects = objects
        self.commonPrefixes = commonPrefixes
        self.nextContinuationToken = nextContinuationToken
        self.isTruncated = isTruncated
    }
}

/// What one read of an object found.
public struct S3ObjectRead: Sendable, Equatable {
    /// Bytes stored (the object's size).
    public var size: Int
    /// Bytes handed to the consumer: the size, or more when the transport decoded a `Content-Encoding`.
    public var bytesDelivered: Int
    public var etag: String
    /// GET requests made, retries included.
    public var requests: Int
    /// The server ignored the `response-content-encoding` override and the body arrived decoded.
    public var decodedByTransport: Bool
}
