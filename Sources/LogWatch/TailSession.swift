import Analysis
import DenyStore
import Foundation
import Pipeline
import Replay
import ReplayResults
import Snapshot
import TrailReader

/// The state of `tail`: the replay (snapshot, sessions), which files are done and which wait to be complete.
///
/// A file is done once it is in the store (or its content already was). A file that cannot be read to its
/// end while it was modified less than `settle` seconds ago is pending: nothing of it is stored or printed,
/// and it is tried again when it changes or every `retryInterval` seconds; once it has stayed unchanged for
/// `settle` seconds it is recorded as failed, with its diagnostics.
///
/// Problems go to `diagnostics` as the lines to show; each new file's attributions go to `emit`, which
/// writes them (an error it throws stops the printing, kept in `outputError`).
public final class TailSession {
    struct Pending {
        var stamp: FileStamp
        var lastAttempt: Double
    }

    public let root: String
    public let snapshotDirectory: String
    public let settle: Double
    public let retryInterval: Double
    private let pipeline: AnalysisPipeline
    private let locator = LogFileLocator()
    private let diagnostics: (String) -> Void
    private let emit: ([Attribution]) throws -> Void
    private var attributor: SnapshotAttributor
    private var snapshotStamp: String
    private var lastSnapshotCheck = MonotonicClock.seconds()
    private var sessions = SessionIndex()
    /// The policy errors already printed (the attributor keeps them all, sorted by policy).
    private var policyErrorsReported: Set<String> = []
    public private(set) var recorder: StoreRecorder
    private var done: [String: FileStamp] = [:]
    private var pending: [String: Pending] = [:]
    public private(set) var printed = 0
    /// The first error writing the output, after which nothing more is printed.
    public private(set) var outputError: (any Error)?

    public init(root: String, snapshot: String, store: String, settle: Double, maxRecordBytes: Int,
        diagnostics: @escaping (String) -> Void, emit: @escaping ([Attribution]) throws -> Void) throws(StoreError)
    {
        self.root = root
        snapshotDirectory = snapshot
        self.settle = settle
        retryInterval = min(2, max(0.2, settle / 2))
        self.diagnostics = diagnostics
        self.emit = emit
        pipeline = AnalysisPipeline(options: ReadOptions(selection: .authorizationFailures,
            maxRecordBytes: maxRecordBytes), threads: 1)
        snapshotStamp = SnapshotFingerprint.stamp(of: snapshot)
        attributor = TailSession.loadAttributor(snapshot, diagnostics: diagnostics)
        recorder = try StoreRecorder(path: store, command: "tail", snapshot: snapshot)
    }

    /// The longest an STS session lasts (GetFederationToken, 36 hours): older files cannot issue a session
    /// that a new call still uses.
    public static let longestSession: Double = 36 * 3600

    /// Processes what is already in the tree, in path order, after reading the sessions it may still use:
    /// those of the files not yet stored and of the files modified within the longest session's lifetime.
    public func startUp(stop: StopSignal) throws(StoreError) {
        let discovery = locator.discover([root])
        discovery.diagnostics.forEach { diagnostics($0.description) }
        let now = Date().timeIntervalSince1970
        var sessionFiles: [LogFile] = []
        for file in discovery.files {
            guard let stamp = FileStamp(path: file.path) else { continue }
            let recent = stamp.age(now: now) < TailSession.longestSession
            if try recent ? true : !recorder.isStored(file.path, stamp: stamp) { sessionFiles.append(file) }
        }
        pipeline.addSessions(of: sessionFiles, to: &sessions)
        for file in discovery.files where stop.stopReason == nil {
            try consider(file.path)
        }
    }

    /// Handles what a watch reported.
    public func handle(_ batch: ChangeBatch, stop: StopSignal) throws(StoreError) {
        batch.warnings.forEach(diagnostics)
        var paths = batch.paths
        if batch.rescan { paths += locator.discover([root]).files.map(\.path) }
        for path in paths where stop.stopReason == nil {
            try consider(path)
        }
    }

    /// Tries again the pending files that changed or waited long enough.
    public func retryPending(stop: StopSignal) throws(StoreError) {
        let now = Date().timeIntervalSince1970
        for path in pending.keys.sorted() where stop.stopReason == nil {
            guard let entry = pending[path] else { continue }
            guard let stamp = FileStamp(path: path) else {
                pending[path] = nil
                continue
            }
            if stamp != entry.stamp || now - entry.lastAttempt >= retryInterval {
                try consider(path, force: true)
            }
        }
    }

    /// Reloads the snapshot when its files changed (looked at every 2 seconds), and says so.
    public func reloadSnapshotIfChanged() throws(StoreError) {
        let now = MonotonicClock.seconds()
        guard now - lastSnapshotCheck >= 2 else { return }
        lastSnapshotCheck = now
        let stamp = SnapshotFingerprint.stamp(of: snapshotDirectory)
        guard stamp != snapshotStamp else { return }
        snapshotStamp = stamp
        attributor = TailSession.loadAttributor(snapshotDirectory, diagnostics: diagnostics)
        policyErrorsReported = []
        try recorder.beginNewRun(command: "tail", snapshot: snapshotDirectory)
        diagnostics("tail: snapshot `\(snapshotDirectory)` changed: reloaded "
            + "(\(attributor.snapshot.accountIDs.count) accounts); new files are replayed against it")
    }

    /// Closes the run row.
    public func finish() throws(StoreError) {
        try recorder.finish()
    }

    /// Files still waiting to be complete.
    public var pendingCount: Int { pending.count }

    private func consider(_ path: String, force: Bool = false) throws(StoreError) {
        guard let file = locator.locate(inDirectory: path), let stamp = FileStamp(path: path) else { return }
        if done[path] == stamp { return }
        if !force, let entry = pending[path], entry.stamp == stamp { return }
        if try recorder.isStored(path, stamp: stamp) {
            done[path] = stamp
            return
        }
        try process(file, stamp: stamp)
    }

    private func process(_ file: LogFile, stamp: FileStamp) throws(StoreError) {
        let hash: String
        do {
            hash = try ContentHash.hexDigest(ofFile: file.path)
        } catch {
            // Gone since it was listed, or unreadable: said once, tried again when it changes.
            if FileStamp(path: file.path) != nil { diagnostics("error: \(error)") }
            done[file.path] = stamp
            return
        }
        if try recorder.isStored(contentHash: hash) {
            done[file.path] = stamp
            pending[file.path] = nil
            return
        }
        var results: AnalysisPipeline.FileResults?
        _ = LogPass(pipeline: pipeline, replaysEachEventOnce: false)
            .run([file], sessions: &sessions, attributor: attributor) { results = $0 }
        reportNewPolicyErrors()
        guard let results else { return }
        let now = Date().timeIntervalSince1970
        let incomplete = results.read.statistics.filesFailed > 0 && stamp.age(now: now) < settle
        if FileStamp(path: file.path) != stamp || incomplete {
            if pending[file.path] == nil, incomplete {
                let reason = results.read.diagnostics.first?.message ?? "incomplete"
                diagnostics("note: \(file.path): not complete yet (\(reason)); waiting for it")
            }
            pending[file.path] = Pending(stamp: stamp, lastAttempt: now)
            return
        }
        pending[file.path] = nil
        done[file.path] = stamp
        guard try recorder.record(results, stamp: stamp, contentHash: hash) else { return }
        results.read.diagnostics.forEach { diagnostics($0.description) }
        guard results.read.statistics.filesFailed == 0 else { return }
        show(results.attributions)
    }

    private func show(_ attributions: [Attribution]) {
        guard outputError == nil else { return }
        do {
            try emit(attributions)
            printed += attributions.count
        } catch {
            outputError = error
        }
    }

    /// Prints the policies of the snapshot that failed to parse since the last call, each once.
    private func reportNewPolicyErrors() {
        for failure in attributor.policyFailures {
            let line = (failure.isInSnapshot ? "error: " : "warning: ") + failure.description
            if policyErrorsReported.insert(line).inserted { diagnostics(line) }
        }
    }

    private static func loadAttributor(_ directory: String, diagnostics: (String) -> Void) -> SnapshotAttributor {
        let load = Snapshot.load(directory: directory)
        load.diagnostics.forEach { diagnostics("warning: snapshot: \($0)") }
        return SnapshotAttributor(snapshot: load.snapshot)
    }
}
