import Foundation
import S3Access
import TrailReader

/// A command's inputs, local paths (and `-`) and `s3://BUCKET/PREFIX` URLs mixed, resolved into one list of
/// files ordered by name: an object is named `s3://bucket/key`, so a prefix is read in key order, as a local
/// copy of it is read in path order, and the results are the same.
public struct LogInputs: Sendable {
    public var filter: ReadFilter
    /// Makes the S3 source (once, and only when some input is an `s3://` URL) for this many objects at once.
    public var makeSource: @Sendable (Int) throws(S3SourceError) -> S3LogSource

    public init(filter: ReadFilter,
        makeSource: @escaping @Sendable (Int) throws(S3SourceError) -> S3LogSource = { count throws(S3SourceError) in
            try S3LogSource.standard(maxInFlight: count)
        })
    {
        self.filter = filter
        self.makeSource = makeSource
    }

    /// Objects read at once when `--jobs` is not given: S3 answers in tens of milliseconds, so reading
    /// objects is bound by latency, not by the cores.
    public static let objectsInFlight = 16

    /// The threads to read `paths` with: `jobs` when given, else every core, or `objectsInFlight` when some
    /// input is an `s3://` URL.
    public static func threads(jobs: Int?, paths: [String]) -> Int {
        if let jobs { return max(1, jobs) }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        return paths.contains(where: S3Location.isS3URL) ? max(cores, objectsInFlight) : cores
    }

    /// The files to read under `paths` (see `LogFileLocator.discover`); an `s3://` input is listed as
    /// `S3LogSource.discover` does (pruned by the filter along the CloudTrail layout), and its objects are
    /// read `threads` at once. Blocks while it lists: call it from a plain thread (a command's, a reader's),
    /// never from a Swift concurrency task.
    public func discover(_ paths: [String], threads: Int, reportingEmptyInputs: Bool = false) -> LogFileLocator.Discovery {
        let urls = paths.filter(S3Location.isS3URL)
        var discovery = LogFileLocator(filter: filter).discover(paths.filter { !S3Location.isS3URL($0) },
            reportingEmptyInputs: reportingEmptyInputs)
        guard !urls.isEmpty else { return discovery }
        let source: S3LogSource
        do throws(S3SourceError) {
            source = try makeSource(max(1, threads))
        } catch {
            for url in urls {
                discovery.statistics.filesFailed += 1
                discovery.diagnostics.append(ReadDiagnostic(.error, file: url, message: "cannot read from S3: \(error)"))
            }
            return discovery
        }
        let filter = self.filter
        let listings = BlockingWait.run {
            var listings: [S3LogListing] = []
            for url in urls {
                if let named = LogInputs.namedObject(url, filter: filter) {
                    listings.append(named)
                } else {
                    listings.append(await source.discover(url, filter: filter))
                }
            }
            return listings
        }
        var files = discovery.files
        for (url, listing) in zip(urls, listings) {
            discovery.statistics.add(listing.statistics)
            discovery.diagnostics += listing.diagnostics
            files += listing.objects.map(source.logFile)
            if reportingEmptyInputs, listing.objects.isEmpty, listing.statistics.filesFailed == 0 {
                discovery.diagnostics.append(LogInputs.nothingToRead(url, listing: listing, statistics: &discovery.statistics))
            }
        }
        discovery.files = LogFileLocator.sortedByPathBytes(files)
        return discovery
    }

    /// An URL that names one CloudTrail log object (`…/ACCOUNT_CloudTrail_REGION_…json.gz`) is that object, as
    /// a file named on the command line is, with no listing: one GET each when a driver hands each part its
    /// objects by name (`Scripts/spark/analyze.py`). Its key is admitted by the filter as a file's name is; a
    /// missing object is found when it is opened. Nil for any other URL.
    static func namedObject(_ url: String, filter: ReadFilter) -> S3LogListing? {
        guard let location = S3Location(url: url), let name = location.key.split(separator: "/").last,
            let key = CloudTrailKey(fileName: String(name)), key.kind == .log
        else { return nil }
        var listing = S3LogListing()
        if filter.admits(key) {
            listing.objects = [S3LogObject(location: location, size: 0, key: key)]
        } else {
            listing.statistics.skip("outside filters")
        }
        return listing
    }

    /// What to say of an `s3://` input without a log object to read, as for a local folder: a warning when the
    /// filters may have left its logs out, else an error (counted as an input without logs).
    static func nothingToRead(_ url: String, listing: S3LogListing, statistics: inout ReadStatistics) -> ReadDiagnostic {
        if listing.pruned || listing.statistics.skippedByReason["outside filters"] != nil {
            return ReadDiagnostic(.warning, file: url, message: "no log object matches the filters")
        }
        statistics.inputsWithoutLogs += 1
        let skipped = listing.statistics.filesSkipped
        return ReadDiagnostic(.error, file: url, message: "no CloudTrail log object to read here"
            + (skipped > 0 ? " (\(skipped) object\(skipped == 1 ? "" : "s") skipped, see the accounting line)" : ""))
    }
}

/// Runs async work to its end from synchronous code (a command's `run`, a watch's loop), on a detached task;
/// the calling thread must not be one of Swift concurrency's, which the task may need.
public enum BlockingWait {
    public static func run<Value: Sendable>(_ work: @escaping @Sendable () async -> Value) -> Value {
        let box = Box<Value>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            box.value = await work()
            done.signal()
        }
        done.wait()
        guard let value = box.value else { preconditionFailure("the task signalled without a value") }
        return value
    }

    private final class Box<Value>: @unchecked Sendable {
        var value: Value?
    }
}
