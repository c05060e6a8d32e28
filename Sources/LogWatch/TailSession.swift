import Analysis
import CivilTime
import DenyStore
import Foundation
import Pipeline
import Replay
import ReplayResults
import Snapshot
import TrailReader

/// The state of `tail`: the replay (snapshot, sessions), which files are done and which wait to be complete.
///
/// A file is done once it is in the store (or its content already was). The store answers for the files done
/// long ago; only the most recent are remembered (`doneCapacity`), and the sessions whose credentials have
/// expired are dropped as event times advance, so that a watch of days or months keeps a bounded state. A file that cannot be read to its
/// end while it was modified less than `settle` seconds ago is pending: nothing of it is stored or printed,
/// and it is tried again when it changes or every `retryInterval` seconds; once it has stayed unchanged for
/// `settle` seconds it is recorded as failed, with its diagnostics.
///
/// Problems go to `diagnostics` as the lines to show; the attributions each file adds to the store go to `emit`
/// (a file that grew is read whole again, but only its new records are printed; an eventID already stored is
/// not printed again), which writes them (an error it throws stops the printing, kept in `outputError`).
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
    /// When the snapshot was collected, for replaying calls against the policies of their time.
    private var snapshotTime: SnapshotTime?
    private var history = LiveHistory()
    private var snapshotStamp: String
    private var lastSnapshotCheck = MonotonicClock.seconds()
    private var sessions = SessionIndex()
    /// The newest event time of a call replayed (seconds since the epoch), and the horizon of the last eviction.
    private var newestEventTime: Double?
    private var lastEviction = -Double.infinity
    /// The policy errors already printed, of those the attributor still holds.
    private var policyErrorsReported: Set<String> = []
    public private(set) var recorder: StoreRecorder
    /// Files done and not to be looked at again while unchanged; one forgotten is asked of the store.
    private var done: RecentCache<String, FileStamp>
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
        snapshotTime = SnapshotTime.of(directory: snapshot)
        recorder = try StoreRecorder(path: store, command: "tail", snapshot: snapshot)
        done = RecentCache(capacity: TailSession.doneCapacity)
    }

    /// How many done files are remembered; the store answers for the others (one indexed query each).
    public static let doneCapacity = 2048

    /// How long after its event time a call may still arrive: CloudTrail names a file by its delivery time and a
    /// file is read up to an hour after the period it covers, so sessions are kept that much past their expiry.
    public static let deliveryDelay: Double = 3600

    /// The sessions held now (expired ones are dropped as event times advance).
    public var sessionCount: Int { sessions.count }

    /// The policy-change records held to replay calls against the policies of their time (at most 4,096).
    public var policyChangeCount: Int { history.count }

    /// The done files remembered now (at most `doneCapacity`).
    public var rememberedDoneFiles: Int { done.count }

    /// Processes what is already in the tree, in path order, after reading the sessions it may still use:
    /// those of the files not yet stored and of the files modified within the longest session's lifetime
    /// (older files cannot issue a session that a new call still uses).
    public func startUp(stop: StopSignal) throws(StoreError) {
        let discovery = locator.discover([root])
        discovery.diagnostics.forEach { diagnostics($0.description) }
        let now = Date().timeIntervalSince1970
        var sessionFiles: [LogFile] = []
        for file in discovery.files {
            guard let stamp = FileStamp(path: file.path) else { continue }
            let recent = stamp.age(now: now) < SessionIndex.longestLifetime
            if try recent ? true : !recorder.isStored(file.path, stamp: stamp) { sessionFiles.append(file) }
        }
        pipeline.addSessions(of: sessionFiles, to: &sessions)
        for file in discovery.files where stop.stopReason == nil {
            try consider(file.path)
        }
        // Not before: files are taken in path order, which is not time order across accounts.
        evictExpiredSessions()
    }

    /// Processes inputs that are not local files (S3 objects, whose `stamp` is their size and modification time),
    /// in order, after reading the sessions of those not yet stored. Their bytes are hashed as they are read; an
    /// input that cannot be read is said once and not tried again (objects are written whole, so nothing waits).
    public func process(remote files: [(file: LogFile, stamp: FileStamp)], stop: StopSignal) throws(StoreError) {
        var fresh: [(file: LogFile, stamp: FileStamp)] = []
        for entry in files where done.value(for: entry.file.path) != entry.stamp {
            if try recorder.isStored(entry.file.path, stamp: entry.stamp) {
                done.insert(entry.stamp, for: entry.file.path)
            } else {
                fresh.append(entry)
            }
        }
        if fresh.count > 1 { pipeline.addSessions(of: fresh.map(\.file), to: &sessions) }
        for entry in fresh where stop.stopReason == nil {
            var results: AnalysisPipeline.FileResults?
            _ = LogPass(pipeline: pipeline, hashing: true, replaysEachEventOnce: false)
                .run([entry.file], sessions: &sessions, attributor: attributor) { results = $0 }
            reportNewPolicyErrors()
            done.insert(entry.stamp, for: entry.file.path)
            guard let results else { continue }
            guard let hash = results.contentHash else {
                results.read.diagnostics.forEach { diagnostics($0.description) }
                continue
            }
            noteEventTimes(of: results.attributions)
            guard case .added(let addition) = try recorder.record(results, stamp: entry.stamp, contentHash: hash) else { continue }
            results.read.diagnostics.forEach { diagnostics($0.description) }
            show(addition.added)
        }
        evictExpiredSessions()
    }

    /// Handles what a watch reported.
    public func handle(_ batch: ChangeBatch, stop: StopSignal) throws(StoreError) {
        batch.warnings.forEach(diagnostics)
        var paths = batch.paths
        if batch.rescan { paths += locator.discover([root]).files.map(\.path) }
        for path in paths where stop.stopReason == nil {
            try consider(path)
        }
        evictExpiredSessions()
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
        evictExpiredSessions()
    }

    /// Drops the sessions that expired more than `deliveryDelay` before the newest call replayed (never later
    /// than the clock, so that one record dated in the future cannot empty the index). The index is scanned
    /// whole, so at most once per ten minutes of event time.
    private func evictExpiredSessions() {
        guard let newest = newestEventTime else { return }
        let horizon = min(newest, Date().timeIntervalSince1970 + 300) - TailSession.deliveryDelay
        guard horizon - lastEviction >= 600 else { return }
        lastEviction = horizon
        sessions.evict(expiredBefore: horizon)
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
        snapshotTime = SnapshotTime.of(directory: snapshotDirectory)
        history.snapshotReloaded()
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
        if done.value(for: path) == stamp { return }
        if !force, let entry = pending[path], entry.stamp == stamp { return }
        if try recorder.isStored(path, stamp: stamp) {
            done.insert(stamp, for: path)
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
            done.insert(stamp, for: file.path)
            return
        }
        if try recorder.isStored(contentHash: hash) {
            done.insert(stamp, for: file.path)
            pending[file.path] = nil
            return
        }
        var results: AnalysisPipeline.FileResults?
        _ = LogPass(pipeline: pipeline, replaysEachEventOnce: false)
            .run([file], sessions: &sessions, attributor: attributor, timed: { scanned in
                history.attributor(adding: scanned, base: attributor, snapshotTime: snapshotTime, diagnostics: diagnostics)
            }) { results = $0 }
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
        done.insert(stamp, for: file.path)
        noteEventTimes(of: results.attributions)
        guard case .added(let addition) = try recorder.record(results, stamp: stamp, contentHash: hash) else { return }
        results.read.diagnostics.forEach { diagnostics($0.description) }
        show(addition.added)
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

    private func noteEventTimes(of attributions: [Attribution]) {
        for time in attributions.compactMap({ $0.eventTime.flatMap(UTCTime.init)?.secondsSinceEpoch }) {
            newestEventTime = max(newestEventTime ?? time, time)
        }
    }

    /// Prints the policies of the snapshot that failed to parse since the last call, each once while the
    /// attributor holds it (it keeps only the most recent inline session policies).
    private func reportNewPolicyErrors() {
        var held: Set<String> = []
        for failure in attributor.policyFailures {
            let line = (failure.isInSnapshot ? "error: " : "warning: ") + failure.description
            held.insert(line)
            if !policyErrorsReported.contains(line) { diagnostics(line) }
        }
        policyErrorsReported = held
    }

    private static func loadAttributor(_ directory: String, diagnostics: (String) -> Void) -> SnapshotAttributor {
        let load = Snapshot.load(directory: directory)
        load.diagnostics.forEach { diagnostics("warning: snapshot: \($0)") }
        return SnapshotAttributor(snapshot: load.snapshot)
    }
}
