import Analysis
import Crypto
import Foundation
import Replay
import ReplayResults
import TrailJSON
import TrailReader

/// `analyze`'s one pass: each file is read, decompressed and (for the store) hashed once, in parallel. The pass
/// keeps the session-issuing records (into the session index), the records that changed policies and the
/// authorization failures; the failures are replayed once every file is read, since the session that issued a
/// call's credentials may be in any file, before or after it. Memory: the largest record, the session index and
/// the failures awaiting their replay, which past `spillThreshold` bytes wait in a temporary file.
public struct LogPass: Sendable {
    public var pipeline: AnalysisPipeline
    /// Bytes of pending failures kept in memory before the rest spill to a temporary file.
    public var spillThreshold: Int
    /// Whether each file's content hash is computed from the bytes read (for the store).
    public var hashing: Bool
    /// Whether each eventID is replayed once, later deliveries only counted (`analyze`); a watch replays all.
    public var replaysEachEventOnce: Bool
    /// eventIDs replayed by another run over another part of the archive (`ArchiveIndex`): counted as duplicates.
    public var replayedElsewhere: Set<EventKey> = []

    /// Failures' bytes held in memory by default: a megabyte, the rest on disk (read back once, in order).
    public static let defaultSpillThreshold = 1 << 20

    public init(pipeline: AnalysisPipeline, spillThreshold: Int = LogPass.defaultSpillThreshold, hashing: Bool = false,
        replaysEachEventOnce: Bool = true)
    {
        self.pipeline = pipeline
        self.spillThreshold = spillThreshold
        self.hashing = hashing
        self.replaysEachEventOnce = replaysEachEventOnce
    }

    /// How far the pass has come, for a progress line.
    public struct Progress: Sendable, Equatable {
        public var files = 0
        public var bytesRead = 0
        public var records = 0
        public var failures = 0
    }

    /// What the pass found besides the results.
    public struct Summary: Sendable {
        /// The successful records that changed policies, in input order.
        public var policyChanges: [PolicyChange] = []
        /// Bytes of failures that waited in the temporary file.
        public var spilledBytes = 0
        /// Why failures stayed in memory past the threshold (the temporary file could not be written).
        public var spillProblem: String?
    }

    /// The events whose successful records the pass keeps, by event source.
    public static let keptEvents: [String: Set<String>] = PolicyChange.events
        .merging(["sts.amazonaws.com": SessionIndex.issuingEvents]) { $0.union($1) }

    /// What the pass reads of each record it keeps: a failure's eventID (the replay parses it again, whole), and
    /// of a session-issuing record what the session index reads.
    public static let parsedMembers = ParsedMembers(failures: ["eventID"],
        successful: ["sts.amazonaws.com": SessionIndex.recordMembers])

    /// Reads `files`, adding their sessions to `sessions`, then hands each file's results to `consume` in path
    /// order; `progress` is called after each file is read. `timed`, given the policy changes read, may return
    /// the attributor to replay with instead (the policies of each call's own time).
    public func run(_ files: [LogFile], sessions: inout SessionIndex, attributor: any RequestAttributor,
        timed: ([PolicyChange]) -> (any RequestAttributor)? = { _ in nil },
        progress: (Progress) -> Void = { _ in }, consume: (AnalysisPipeline.FileResults) -> Void) -> Summary
    {
        let spill = FailureSpill(memoryLimit: spillThreshold)
        var summary = Summary()
        var scanned: [Scan] = []
        scanned.reserveCapacity(files.count)
        var seen = replayedElsewhere
        var sofar = Progress()
        var index = sessions
        let reader = LogFileReader(options: pipeline.options.onePass)
        let hashing = self.hashing
        OrderedParallelMap.run(files, threads: pipeline.threads, window: LogPass.window(pipeline.threads)) { file in
            LogPass.scan(file, reader: reader, hashing: hashing, spill: spill)
        } consume: { _, scan in
            var scan = scan
            for record in scan.sessions { index.add(record) }
            scan.sessions = []
            summary.policyChanges += scan.changes
            scan.changes = []
            if replaysEachEventOnce {
                for (position, key) in scan.keys.enumerated() {
                    if let key, !seen.insert(key).inserted {
                        scan.read.statistics.duplicates += 1
                        scan.duplicates.insert(position)
                    }
                }
            }
            scan.keys = []
            sofar.files += 1
            sofar.bytesRead += scan.read.statistics.compressedBytes
            sofar.records += scan.read.statistics.recordsRead
            sofar.failures += scan.failures.count
            progress(sofar)
            scanned.append(scan)
        }
        sessions = index
        summary.spilledBytes = spill.spilledBytes
        summary.spillProblem = spill.spillProblem
        let resolved = index
        let pipeline = self.pipeline
        let attributor = timed(summary.policyChanges) ?? attributor
        let slots = scanned.map(ScanSlot.init)
        scanned = []
        OrderedParallelMap.run(slots, threads: pipeline.threads, window: LogPass.window(pipeline.threads)) { slot in
            LogPass.replay(slot.take(), spill: spill, sessions: resolved, pipeline: pipeline, attributor: attributor)
        } consume: { _, results in
            consume(results)
        }
        return summary
    }

    /// Files read or replayed ahead of the one handed over next. Files' costs vary (one holds hundreds of failures,
    /// the next none), and with a window of two per thread the threads wait on the slow one; what waits is small
    /// (failures past the spill threshold are on disk, sessions go to the index as handed over).
    static func window(_ threads: Int) -> Int { 16 * max(threads, 1) }

    /// What the pass keeps of one file until its failures are replayed.
    struct Scan: Sendable {
        var read: FileReadResult
        var sessions: [JSONValue] = []
        var changes: [PolicyChange] = []
        var failures = PendingFailures()
        /// Each failure's eventID key, when it has one within AWS's limit (until duplicates are found).
        var keys: [EventKey?] = []
        /// The failures (by index) whose eventID an earlier failure of the run had: not replayed.
        var duplicates: Set<Int> = []
        /// The file's SHA-256 when it was read whole and hashing was asked for (held as its 32 bytes until the
        /// replay: thirteen thousand hex strings waiting would cost a megabyte).
        var contentHash: ContentHash.Bytes?
    }

    /// One file's scan until its replay takes it: what it holds (its failures, its accounting) is freed file by
    /// file as the replay goes, not all at its end; the slot left behind is a pointer.
    /// Unsynchronized: only the thread that claimed the file's index takes it, once, after the pass has stored it.
    final class ScanSlot: @unchecked Sendable {
        private final class Box: Sendable {
            let scan: Scan
            init(_ scan: Scan) { self.scan = scan }
        }

        private var box: Box?

        init(_ scan: Scan) { box = Box(scan) }

        func take() -> Scan {
            guard let taken = box else { preconditionFailure("a file's scan is replayed once") }
            box = nil
            return taken.scan
        }
    }

    static func scan(_ file: LogFile, reader: LogFileReader, hashing: Bool, spill: FailureSpill) -> Scan {
        var sessions: [JSONValue] = []
        var changes: [PolicyChange] = []
        var failures = PendingFailures()
        var keys: [EventKey?] = []
        var hasher = SHA256()
        let observe: ((UnsafeRawBufferPointer) -> Void)? = hashing ? { hasher.update(bufferPointer: $0) } : nil
        var read = reader.read(file, observe: observe) { record in
            if record.isAuthorizationFailure {
                keys.append(record.eventID.flatMap { FieldLimit.eventID.admits($0) ? EventKey($0) : nil })
                failures.append(ordinal: record.ordinal, bytes: record.bytes, spill: spill)
            } else if var change = PolicyChange(record: record.value) {
                change.file = file.displayName
                changes.append(change)
            } else {
                sessions.append(record.value)
            }
        }
        // The accounting counts authorization failures as selected; the records kept beside them are not.
        let kept = sessions.count + changes.count
        read.statistics.recordsSelected -= kept
        read.statistics.recordsNotSelected += kept
        let hash = hashing && read.observedWholeFile ? ContentHash.Bytes(hasher.finalize()) : nil
        return Scan(read: read, sessions: sessions, changes: changes, failures: failures, keys: keys, contentHash: hash)
    }

    static func replay(_ scan: Scan, spill: FailureSpill, sessions: SessionIndex, pipeline: AnalysisPipeline,
        attributor: any RequestAttributor) -> AnalysisPipeline.FileResults
    {
        var read = scan.read
        var attributions: [Attribution] = []
        scan.failures.decode(spill: spill, into: &read, skipping: scan.duplicates) { record in
            attributions.append(pipeline.attribute(record, sessions: sessions, attributor: attributor))
        }
        return AnalysisPipeline.FileResults(read: read, attributions: attributions, contentHash: scan.contentHash?.hex)
    }
}
extension ReadOptions {
    /// The same options with another selection.
    func selecting(_ selection: RecordSelection) -> ReadOptions {
        var options = self
        options.selection = selection
        return options
    }

    /// The options of the one pass: failures and the records it keeps beside them, each parsed as far as it is read.
    var onePass: ReadOptions {
        var options = selecting(.failuresAndSuccessful(EventNames(LogPass.keptEvents)))
        options.parsedMembers = LogPass.parsedMembers
        return options
    }
}
