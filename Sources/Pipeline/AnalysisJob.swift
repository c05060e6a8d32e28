import Analysis
import CivilTime
import CloudTrailS3
import Foundation
import PolicyHistory
import Replay
import Snapshot
import TrailJSON
import TrailReader

/// The work `analyze` and `explain` share: the snapshot, the files, the sessions, the replay and the
/// accounting. Problems are handed to `diagnostics` as the lines to show, in the order they are found.
public final class AnalysisJob {
    public let snapshot: Snapshot
    public let attributor: SnapshotAttributor
    public let files: [LogFile]
    public let pipeline: AnalysisPipeline
    /// The sessions issued in the input: filled by `run` (or `readSessions`).
    public private(set) var sessions = SessionIndex()
    /// The successful records that changed policies, in input order, once `run` is over (for a snapshot's history).
    public private(set) var policyChanges: [PolicyChange] = []
    public private(set) var statistics: ReadStatistics
    /// Bytes of pending failures kept in memory before the rest wait in a temporary file.
    public var spillThreshold = LogPass.defaultSpillThreshold
    /// Bytes of failures that waited in the temporary file during `run`.
    public private(set) var spilledBytes = 0
    public let snapshotProblems: Int
    /// When the snapshot was collected (`snapshot.json`, else its files' newest modification time); set it to
    /// override. Calls are replayed against the policies of their own time from it and the policy changes.
    public lazy var snapshotTime: SnapshotTime? = SnapshotTime.of(directory: snapshotDirectory)
    /// Whether each call is replayed against the policies of its time (false: against the snapshot as it is).
    public var replaysAtCallTime = true
    /// The attributor of the policies of each call's time, once `run` found policy changes.
    public private(set) var historical: HistoricalAttributor?
    /// Change records that could not be used (their objects unknown around them).
    public private(set) var historyProblems = 0
    /// When `--snapshot` names a folder of snapshots: its members (`snapshot` is then the latest), and the
    /// attributor that replays each call against the one of its time.
    public let snapshotSeries: [SnapshotSeries.Member]?
    public private(set) var series: SnapshotSeries?
    private let snapshotDirectory: String
    private let diagnostics: (String) -> Void
    private var spooled: String?
    /// The index of the whole archive these files are a part of (`use(_:)`).
    private var archive: ArchiveIndex?

    /// Why a job cannot start at all.
    public enum StartError: Error, CustomStringConvertible, Equatable {
        case snapshotUnavailable(SnapshotUnavailable)
        /// Standard input must be copied to a temporary file, which cannot be created in this directory.
        case cannotSpoolStandardInput(directory: String)

        public var description: String {
            switch self {
            case .snapshotUnavailable(let unavailable): return unavailable.description
            case .cannotSpoolStandardInput(let directory):
                return "cannot create a temporary file for standard input in `\(directory)`"
            }
        }
    }

    /// Loads the snapshot and finds the files (`-` is `standardInput`, spooled to a temporary file; `s3://` URLs
    /// are listed, their objects streamed as they are read: `LogInputs`). `skip` leaves
    /// out files before anything is read (counted as skipped, `already stored`).
    public init(paths: [String], snapshot directory: String, options: ReadOptions, jobs: Int?,
        standardInput: FileHandle = .standardInput, diagnostics: @escaping (String) -> Void,
        skip: (LogFile) -> Bool = { _ in false }) throws(StartError)
    {
        self.diagnostics = diagnostics
        // The bundled service reference (a megabyte of JSON, read once per process) is parsed on another thread
        // while the snapshot loads and the archive is discovered; the first use below waits for it if need be.
        Thread.detachNewThread { _ = ServiceReference.bundled }
        let members = SnapshotFolders.members(of: directory, diagnostics: diagnostics)
        snapshotSeries = members
        let load = Snapshot.load(directory: members?.last?.directory ?? directory)
        load.diagnostics.forEach { diagnostics("warning: snapshot: \($0)") }
        if let unavailable = load.unavailable { throw .snapshotUnavailable(unavailable) }
        // The other members of a folder of snapshots are loaded when a call needs them; their problems are said
        // here, once, so that none goes unreported.
        let others = (members ?? []).dropLast().flatMap { Snapshot.load(directory: $0.directory).diagnostics }
        others.forEach { diagnostics("warning: snapshot: \($0)") }
        snapshotProblems = load.diagnostics.count + others.count
        snapshot = load.snapshot
        snapshotDirectory = directory

        var inputs = paths
        if let index = paths.firstIndex(of: "-") {
            let path = try AnalysisJob.spool(standardInput)
            inputs[index] = path
            spooled = path
        }
        let threads = LogInputs.threads(jobs: jobs, paths: inputs)
        let discovery = LogInputs(filter: options.filter).discover(inputs, threads: threads, reportingEmptyInputs: true)
        discovery.diagnostics.forEach { diagnostics($0.description) }
        var statistics = discovery.statistics
        files = discovery.files.filter { file in
            guard skip(file) else { return true }
            statistics.skip("already stored")
            return false
        }
        self.statistics = statistics
        attributor = SnapshotAttributor(snapshot: load.snapshot)
        pipeline = AnalysisPipeline(options: options, threads: threads)
        if let members {
            diagnostics("note: snapshot folder `\(directory)`: \(members.count) snapshots, \(members[0].time) to "
                + "\(members[members.count - 1].time); each call is replayed against the latest taken at or before it")
            series = SnapshotSeries(members: members) { Snapshot.load(directory: $0).snapshot }
        }
    }

    deinit {
        if let spooled { try? FileManager.default.removeItem(atPath: spooled) }
    }

    /// Standard input may be read twice (`explain` reads the sessions, then looks for the event): it is copied, in
    /// chunks so that a large input never sits in memory, to a temporary file whose path is returned.
    private static func spool(_ input: FileHandle) throws(StartError) -> String {
        let path = NSTemporaryDirectory() + "trailreplay-stdin-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).json"
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let spool = FileHandle(forWritingAtPath: path)
        else {
            throw .cannotSpoolStandardInput(directory: NSTemporaryDirectory())
        }
        while true {
            let chunk = input.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            spool.write(chunk)
        }
        try? spool.close()
        return path
    }

    /// Analyzes the files as a part of the archive `index` describes: its sessions are known before the pass, its
    /// policy changes are the archive's, and a failure first delivered in a file of another part is not replayed.
    public func use(_ index: ArchiveIndex) {
        for record in index.sessions { sessions.add(record) }
        archive = index
    }

    /// Reads every file once and replays each failure, handing the results file by file in path order. Each
    /// eventID is replayed once: a later delivery of it is counted as a duplicate, not replayed. `hashing` adds
    /// each file's content hash (for the store); `progress` follows the reading.
    public func run(hashing: Bool = false, progress: (LogPass.Progress) -> Void = { _ in },
        _ consume: (AnalysisPipeline.FileResults) -> Void)
    {
        var pass = LogPass(pipeline: pipeline, spillThreshold: spillThreshold, hashing: hashing)
        if let archive { pass.replayedElsewhere = archive.deliveredElsewhere(than: Set(files.map(\.path))) }
        let summary = pass.run(files, sessions: &sessions, attributor: attributor,
            timed: { [self] scanned in timedAttributor(archive?.policyChanges ?? scanned) }, progress: progress) { file in
            statistics.add(file.read.statistics)
            consume(file)
        }
        policyChanges = archive?.policyChanges ?? summary.policyChanges
        spilledBytes = summary.spilledBytes
        if let problem = summary.spillProblem {
            diagnostics("warning: the failures awaiting their replay were kept in memory: \(problem)")
        }
    }

    /// The attributor of each call's own time for `changes`; nil (the snapshot as it is) when there are none.
    private func timedAttributor(_ changes: [PolicyChange]) -> (any RequestAttributor)? {
        guard replaysAtCallTime, !changes.isEmpty else { return series }
        let history = PolicyHistory(changes: changes, snapshotVersions: snapshot.managedPolicyVersions)
        history.diagnostics.forEach { diagnostics("warning: \($0)") }
        historyProblems = history.diagnostics.count
        guard !history.isEmpty else { return series }
        if let members = snapshotSeries {
            // Each member is rebuilt as of a call's time from its own time.
            let made = SnapshotSeries(members: members, history: history) { Snapshot.load(directory: $0).snapshot }
            series = made
            return made
        }
        guard let snapshotTime else {
            diagnostics("warning: the time of snapshot `\(snapshotDirectory)` is unknown (no snapshot.json and no file); "
                + "calls are replayed against it as it is (--snapshot-time sets it)")
            return nil
        }
        if let problem = snapshotTime.problem { diagnostics("warning: \(problem)") }
        if snapshotTime.source == .modificationTime {
            diagnostics("note: snapshot `\(snapshotDirectory)` has no snapshot.json; its time is taken as the newest "
                + "modification time of its files, \(snapshotTime.time) (--snapshot-time sets it)")
        }
        let made = HistoricalAttributor(base: attributor, history: history, snapshotTime: snapshotTime.time)
        historical = made
        return made
    }

    /// Reads the session-issuing records alone, for a command that replays one record it finds itself.
    public func readSessions() {
        pipeline.addSessions(of: files, to: &sessions)
    }

    /// Reads the session-issuing records and the policy changes, for a command that replays one record it finds
    /// itself against the policies of its time (`replay(_:)`).
    public func readSessionsAndPolicyChanges() {
        let reader = LogFileReader(options: pipeline.options.onePass)
        var found = sessions
        var changes: [PolicyChange] = []
        OrderedParallelMap.run(files, threads: pipeline.threads) { file in
            var kept: (sessions: [JSONValue], changes: [PolicyChange]) = ([], [])
            _ = reader.read(file) { record in
                guard !record.isAuthorizationFailure else { return }
                if var change = PolicyChange(record: record.value) {
                    change.file = file.displayName
                    kept.changes.append(change)
                } else {
                    kept.sessions.append(record.value)
                }
            }
            return kept
        } consume: { _, kept in
            for record in kept.sessions { found.add(record) }
            changes += kept.changes
        }
        sessions = found
        policyChanges = archive?.policyChanges ?? changes
        _ = timedAttributor(policyChanges)
    }

    /// One request replayed against the policies of its time when policy changes were read, else the snapshot's.
    public func replay(_ request: RebuiltRequest) -> ReplayOutcome {
        series?.replay(request) ?? historical?.replay(request) ?? attributor.replay(request)
    }

    /// The policies that could not be read, in the snapshot (or the series' members loaded) and the changes.
    private var policyFailures: [PolicyFailure] {
        series?.policyFailures ?? historical?.policyFailures ?? attributor.policyFailures
    }

    /// Reports the policies that could not be read and the accounting line.
    public func finish() {
        for failure in policyFailures {
            diagnostics((failure.isInSnapshot ? "error: " : "warning: ") + failure.description)
        }
        diagnostics(statistics.summary(selectedName: "authorization failures")
            + "; sessions from the input: \(sessions.count)")
    }

    /// Whether some input, the snapshot or one of its policies could not be read.
    public var hasFailures: Bool {
        statistics.hasFailures || snapshotProblems > 0 || historyProblems > 0
            || policyFailures.contains(where: \.isInSnapshot)
    }
}
