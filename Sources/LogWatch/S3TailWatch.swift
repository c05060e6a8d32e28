import CivilTime
import CloudTrailS3
import DenyStore
import Foundation
import Pipeline
import TrailReader

/// `tail s3://BUCKET/PREFIX`: polls the prefix every `interval` seconds (`S3PrefixPoller`, ListObjectsV2
/// `start-after`) and hands each new object to the session, until stopped.
public struct S3TailWatch {
    public var poller: S3PrefixPoller
    public var interval: Double

    public init(poller: S3PrefixPoller, interval: Double) {
        self.poller = poller
        self.interval = interval
    }

    public var description: String { "polling every \(interval) s with ListObjectsV2 start-after" }

    /// Polls and processes until `stop` fires or the output fails; a prefix that cannot be listed is said at
    /// each poll, and the watch goes on.
    public mutating func run(_ session: TailSession, stop: StopSignal, diagnostics: (String) -> Void) throws(StoreError) {
        while stop.stopReason == nil && session.outputError == nil {
            let started = MonotonicClock.seconds()
            let now = UTCTime(secondsSinceEpoch: Date().timeIntervalSince1970)
            let current = poller
            let (listing, after) = BlockingWait.run {
                var polled = current
                let listing = await polled.poll(now: now)
                return (listing, polled)
            }
            poller = after
            listing.diagnostics.forEach { diagnostics($0.description) }
            let source = poller.source
            try session.process(remote: listing.objects.map { object in
                (source.logFile(object), FileStamp(size: object.size, modifiedAt: object.lastModified?.timeIntervalSince1970 ?? 0))
            }, stop: stop)
            try session.reloadSnapshotIfChanged()
            let remaining = interval - (MonotonicClock.seconds() - started)
            if remaining > 0, stop.stopReason == nil { _ = WaitForReadable.wait([stop.wakeDescriptor], timeout: remaining) }
        }
    }
}
