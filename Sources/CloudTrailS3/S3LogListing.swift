import Foundation
import S3Access
import TrailReader

/// One log object to read, with what its name says.
public struct S3LogObject: Sendable, Equatable {
    public var location: S3Location
    public var size: Int
    public var etag: String
    /// The CloudTrail key name's account, region and delivery time, when it has one.
    public var key: CloudTrailKey?
    /// When the object was written, as the listing says.
    public var lastModified: Date?

    public init(location: S3Location, size: Int, etag: String = "", key: CloudTrailKey?, lastModified: Date? = nil) {
        self.location = location
        self.size = size
        self.etag = etag
        self.key = key
        self.lastModified = lastModified
    }

    /// `s3://bucket/key`, the name diagnostics and the accounting use.
    public var displayName: String { location.description }
}

/// The objects an `s3://` input resolves to, in key order, with the accounting of what was skipped
/// (`digest`, `insight`, `not a log file`, `outside filters`) and a diagnostic per prefix that could not
/// be listed (counted as failed, like a directory that cannot be read).
public struct S3LogListing: Sendable {
    public var objects: [S3LogObject] = []
    public var statistics = ReadStatistics()
    public var diagnostics: [ReadDiagnostic] = []
    /// Whether the CloudTrail layout was used to list only what the filter can admit; false when the
    /// prefix does not lead to an `AWSLogs/` folder, and every key under it was listed.
    public var pruned = false

    public init() {}
}
