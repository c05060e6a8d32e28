import ArgumentParser
import CloudTrailS3
import DenyStore
import Foundation
import LogWatch
import ReplayResults
import S3Access
import Snapshot
import TrailJSON
import TrailReader

/// `trailreplay tail`: watch a directory where CloudTrail logs land and attribute each new deny as it arrives.
struct Tail: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Watch a log directory and attribute each new authorization failure within seconds.",
        discussion: """
            Processes the log files already under DIR (path order), then watches the tree — inotify on \
            Linux, or polling with --poll — and processes each new file once it is complete: when its writer \
            closes it, or when it is renamed into place (aws s3 sync writes to a temporary name, which is not \
            a log name, then renames it). Each attribution is printed as it is made: one JSON line (jsonl) \
            or one readable line (text).

            Every file, its attributions and the run are written to the deny store, one transaction per \
            file. A file that cannot be read to its end while it was modified less than --settle seconds ago \
            is still being written: nothing of it is stored or printed, and it is tried again when it changes. \
            Once unchanged for --settle seconds it is recorded as failed, with a diagnostic, and none of its \
            records are counted.

            Stop it at any moment — SIGINT, SIGTERM or even SIGKILL — and start it again: it resumes from the \
            store, skipping the files stored with the same size and modification time or the same content, so \
            nothing is lost and nothing is counted twice. SIGINT and SIGTERM let the current file finish.

            Session policies come from the STS records that issue sessions: those of each new file, and, at \
            start, those of the files not yet stored and of the files modified in the last 36 hours (the \
            longest a session lasts).

            DIR may be an s3://BUCKET/PREFIX URL: the objects already there are processed, then the prefix is \
            polled every --poll seconds (default 30) with ListObjectsV2 start-after, listing only the day \
            folders of the recent window inside the CloudTrail layout; each new object is read as it streams.

            The snapshot is reloaded when its files change (checked every 2 seconds); files processed after \
            that are replayed against the new one, under a new run in the store.

            Exit status: 0 when stopped by SIGINT or SIGTERM, 2 when the store or the output cannot be \
            written, 64 on usage errors.
            """
    )

    @Argument(help: ArgumentHelp("The directory to watch (for example, kept in sync from the trail's S3 bucket), or an s3://BUCKET/PREFIX to poll.",
        valueName: "dir"))
    var directory: String

    @Option(help: ArgumentHelp("The policy snapshot directory (see the README for its layout).", valueName: "dir"))
    var snapshot: String

    @Option(help: ArgumentHelp("The deny store (SQLite; created when missing).", valueName: "file"))
    var store: String = "trailreplay.sqlite"

    @Option(help: "Output format: jsonl or text.")
    var format: OutputFormat = .jsonl

    @Option(help: ArgumentHelp("Seconds an unreadable file must stay unchanged before it is recorded as failed.",
        valueName: "seconds"))
    var settle: Double = 30

    @Option(help: ArgumentHelp("Poll the tree every this many seconds instead of using inotify.",
        valueName: "seconds"))
    var poll: Double?

    @Option(help: ArgumentHelp("Report and skip records larger than this many bytes.", valueName: "bytes"))
    var maxRecordSize: Int = 64 << 20

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case jsonl, text
    }

    func validate() throws {
        var isDirectory: ObjCBool = false
        if S3Location.isS3URL(directory) {
            guard S3Location(url: directory) != nil else { throw ValidationError("`\(directory)` is not an s3://BUCKET/PREFIX URL") }
        } else if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) || !isDirectory.boolValue {
            throw ValidationError("`\(directory)` is not a directory")
        }
        if let problem = SnapshotUnavailable.check(snapshot) { throw ValidationError(problem.description) }
        try refuseOutputConflict(store, option: "--store", inputs: [directory, snapshot])
        try Self.checkInterval(settle, option: "--settle")
        if let poll { try Self.checkInterval(poll, option: "--poll") }
        if maxRecordSize < 1024 { throw ValidationError("--max-record-size must be at least 1024") }
    }

    func run() throws {
        let root = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let stop = StopSignal()
        let session: TailSession
        do {
            let out = try OutputStream(path: nil)
            let format = self.format
            session = try TailSession(root: root, snapshot: snapshot, store: store, settle: settle,
                maxRecordBytes: maxRecordSize, diagnostics: printError)
            { attributions in
                for result in attributions {
                    try out.write((format == .jsonl ? JSONWriter.string(result.json) : AttributionLine.text(result)) + "\n")
                }
                try out.flush()
            }
        } catch {
            printError("error: \(error)")
            throw ExitStatus.fatal
        }
        do {
            if S3Location.isS3URL(directory) {
                let source: S3LogSource
                do {
                    source = try S3LogSource.standard(maxInFlight: LogInputs.objectsInFlight)
                } catch {
                    printError("error: \(directory): cannot read from S3: \(error)")
                    throw ExitStatus.fatal
                }
                var watch = S3TailWatch(poller: S3PrefixPoller(url: directory, source: source), interval: poll ?? 30)
                printError("tail: watching `\(directory)` (\(watch.description)); store `\(store)`; snapshot `\(snapshot)`")
                try watch.run(session, stop: stop, diagnostics: printError)
            } else {
                var source: any ChangeSource = Tail.changeSource(root: root, poll: poll)
                printError("tail: watching `\(root)` (\(source.description)); store `\(store)`; snapshot `\(snapshot)`")
                try session.startUp(stop: stop)
                while stop.stopReason == nil && session.outputError == nil {
                    let batch = source.next(timeout: session.retryInterval, wake: stop.wakeDescriptor)
                    try session.handle(batch, stop: stop)
                    try session.retryPending(stop: stop)
                    try session.reloadSnapshotIfChanged()
                }
            }
            try session.finish()
        } catch let status as ExitCode {
            throw status
        } catch {
            printError("error: \(error)")
            throw ExitStatus.fatal
        }
        if let outputError = session.outputError {
            printError("error: \(outputError)")
            throw ExitStatus.fatal
        }
        printError("tail: stopped by \(stop.stopReason ?? "request"); \(session.printed) attributions printed, "
            + "\(session.pendingCount) files still incomplete; " + session.recorder.summary)
    }

    /// Seconds that `--poll` and `--settle` accept: a finite time from a hundredth of a second to a day (less
    /// would spin a core, more is surely a mistake; `nan` and `inf` parse as numbers, so they are refused here).
    static let intervals: ClosedRange<Double> = 0.01...86_400

    static func checkInterval(_ seconds: Double, option: String) throws {
        guard seconds.isFinite, Self.intervals.contains(seconds) else {
            throw ValidationError("\(option) takes seconds from 0.01 to 86400 (a day), found `\(seconds)`")
        }
    }

    /// inotify where available (unless polling was asked for), else polling.
    static func changeSource(root: String, poll: Double?) -> any ChangeSource {
        #if canImport(Glibc)
        if poll == nil, let inotify = InotifyChangeSource(root: root) { return inotify }
        #endif
        return PollingChangeSource(interval: poll ?? 2)
    }
}
