import CivilTime
import S3Access
import TrailReader

/// `tail` over an `s3://` prefix: each poll hands the log objects that arrived since the last one, in key
/// order. The first poll lists the whole prefix; later ones, inside the CloudTrail layout, list only the day
/// folders of the recent window, each from ListObjectsV2 `start-after` the window's first minute (the names
/// carry their delivery time), so a poll costs a few listings per region whatever the bucket holds. Objects
/// already handed over are not handed again. A prefix outside the layout is listed whole at every poll.
public struct S3PrefixPoller: Sendable {
    public let url: String
    public let source: S3LogSource
    /// Seconds before the previous poll that a new object may still be named for: CloudTrail names a file by
    /// its delivery time, and the object lands moments after it.
    public var lookback: Double
    private var previousPoll: UTCTime?
    /// The objects handed over, with their names' delivery times (forgotten once older than the window).
    private var handed: [String: UTCTime?] = [:]

    public init(url: String, source: S3LogSource, lookback: Double = 900) {
        self.url = url
        self.source = source
        self.lookback = lookback
    }

    /// The objects not handed over before, with the listing's diagnostics (a prefix that cannot be listed).
    public mutating func poll(now: UTCTime) async -> S3LogListing {
        let filter = previousPoll.map { previous in
            ReadFilter(time: TimeRange(from: previous.adding(seconds: -lookback), to: now))
        } ?? ReadFilter()
        var listing = await source.discover(url, filter: filter)
        previousPoll = now
        listing.objects = listing.objects.filter { object in
            guard handed.index(forKey: object.displayName) == nil else { return false }
            handed.updateValue(object.key?.deliveryTime, forKey: object.displayName)
            return true
        }
        if let from = filter.time.from {
            let horizon = from.adding(seconds: -3600)
            handed = handed.filter { _, time in time.map { $0 >= horizon } ?? true }
        }
        return listing
    }

    /// How many objects are remembered as handed over (bounded by the window's, besides names without a time).
    public var remembered: Int { handed.count }
}
