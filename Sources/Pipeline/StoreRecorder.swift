import Analysis
import DenyStore
import Foundation
import ReplayResults
import TrailReader

/// Writes analyzed files into the deny store, each whole or not at all and each content once, and keeps the
/// run row's counts; shared by `analyze --store` and `tail`.
public struct StoreRecorder {
    public let store: DenyStore
    /// Files written per transaction: 1 (each as it comes: a watch), more for a run over an archive, whose files
    /// wait until the batch is full or `flush()`; a transaction per file costs a commit per file.
    public var batchSize = 1
    private var pending: [(file: StoredFile, attributions: [Attribution], json: [String]?)] = []
    public private(set) var runID: Int64
    public private(set) var counts = RunCounts()
    /// Counts of the runs before this one in the same process (a watch starts a run per snapshot).
    public private(set) var earlierCounts = RunCounts()

    /// Opens (creating or migrating) the store and starts a run row.
    public init(path: String, command: String, snapshot: String) throws(StoreError) {
        store = try DenyStore(path: path)
        runID = try store.beginRun(command: command, snapshot: snapshot,
            snapshotDigest: SnapshotFingerprint.contentDigest(of: snapshot))
    }

    /// Whether `path` is stored with this size and modification time (a restarted watch skips it unread).
    public func isStored(_ path: String, stamp: FileStamp) throws(StoreError) -> Bool {
        try store.contains(path: path, size: stamp.size, modifiedAt: stamp.modifiedAt)
    }

    /// Whether these bytes are already stored, under any name.
    public func isStored(contentHash: String) throws(StoreError) -> Bool {
        try store.contains(contentHash: contentHash)
    }

    /// What became of one analyzed file.
    public enum Outcome: Equatable, Sendable {
        /// Its content was added, with what the store did not hold before (each eventID is stored once).
        case added(FileAddition)
        /// The same content was already stored (under any name): nothing was added.
        case alreadyStored
        /// It could not be hashed or is gone: left out of the store, with the reason.
        case notStored(reason: String)
        /// It waits for its batch (`batchSize`), written by a later `store` or by `flush()`.
        case queued
    }

    /// Writes one file's results to the store, unless the same content is already there. The content hash is the
    /// one the pass computed from the bytes it read; a file it could not read to its end is left out (the outcome
    /// says why); only a store that cannot be written throws.
    public mutating func store(_ results: AnalysisPipeline.FileResults) throws(StoreError) -> Outcome {
        let path = results.read.file.path
        guard let hash = results.contentHash else {
            return .notStored(reason: "`\(path)` could not be read to its end, so it has no content hash")
        }
        guard let stamp = FileStamp(path: path) else {
            return .notStored(reason: "`\(path)` is gone or not a regular file")
        }
        return try record(results, stamp: stamp, contentHash: hash)
    }

    /// Records one file's results: `.added` with the attributions new to the store, or `.alreadyStored`.
    /// The duplicates its reader left out (`duplicatesDropped` of its statistics) count as duplicate deliveries.
    @discardableResult
    public mutating func record(_ results: AnalysisPipeline.FileResults, stamp: FileStamp, contentHash: String)
        throws(StoreError) -> Outcome
    {
        let statistics = results.read.statistics
        let outcome: StoredFile.Outcome = statistics.filesFailed > 0 ? .failed
            : statistics.recordsUnreadable > 0 ? .partial : .ok
        let file = StoredFile(path: results.read.file.path, size: stamp.size, modifiedAt: stamp.modifiedAt,
            contentHash: contentHash, recordsRead: statistics.recordsRead, recordsSelected: statistics.recordsSelected,
            recordsUnreadable: statistics.recordsUnreadable, outcome: outcome,
            diagnostics: results.read.diagnostics.map(\.description), duplicateDeliveries: statistics.duplicatesDropped)
        guard batchSize > 1 else {
            return count(file, try store.record(file, attributions: results.attributions, runID: runID))
        }
        pending.append((file, results.attributions, results.json))
        if pending.count >= batchSize { try flush() }
        return .queued
    }

    /// Writes the files waiting for their batch, in one transaction.
    public mutating func flush() throws(StoreError) {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending = []
        for (entry, addition) in zip(batch, try store.record(batch, runID: runID)) { _ = count(entry.file, addition) }
    }

    private mutating func count(_ file: StoredFile, _ addition: FileAddition) -> Outcome {
        guard addition.stored else {
            counts.filesAlreadyStored += 1
            return .alreadyStored
        }
        counts.add(file, addition)
        return .added(addition)
    }

    /// Writes what waits and closes the run row with its counts.
    public mutating func finish() throws(StoreError) {
        try flush()
        try store.finishRun(runID, counts: counts)
    }

    /// Closes the current run and starts another, for a snapshot that was reloaded.
    public mutating func beginNewRun(command: String, snapshot: String) throws(StoreError) {
        try finish()
        runID = try store.beginRun(command: command, snapshot: snapshot,
            snapshotDigest: SnapshotFingerprint.contentDigest(of: snapshot))
        earlierCounts.add(counts)
        counts = RunCounts()
    }

    /// The line that tells what the run added to the store (and the duplicate deliveries it left out, if any).
    public var summary: String {
        var total = earlierCounts
        total.add(counts)
        var line = "store: \(total.filesProcessed) files added (\(total.filesFailed) failed), "
            + "\(total.filesAlreadyStored) already stored, \(total.attributions) attributions added"
        if total.duplicateDeliveries > 0 {
            line += " (\(total.duplicateDeliveries) duplicate deliver\(total.duplicateDeliveries == 1 ? "y" : "ies"))"
        }
        return line
    }
}
