import Analysis
import Foundation
import Replay
import Snapshot
import TrailReader

/// The work `analyze` and `explain` share: the snapshot, the files, the sessions, the replay and the
/// accounting. Problems are handed to `diagnostics` as the lines to show, in the order they are found.
public final class AnalysisJob {
    public let snapshot: Snapshot
    public let attributor: SnapshotAttributor
    public let files: [LogFile]
    public let pipeline: AnalysisPipeline
    public let sessions: SessionIndex
    public private(set) var statistics: ReadStatistics
    public let snapshotProblems: Int
    private let diagnostics: (String) -> Void
    private var spooled: String?

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

    /// Loads the snapshot, finds the files (`-` is `standardInput`, spooled to a temporary file) and reads the
    /// sessions. `skip` leaves out files before anything is read (counted as skipped, `already stored`).
    public init(paths: [String], snapshot directory: String, options: ReadOptions, jobs: Int?,
        standardInput: FileHandle = .standardInput, diagnostics: @escaping (String) -> Void,
        skip: (LogFile) -> Bool = { _ in false }) throws(StartError)
    {
        self.diagnostics = diagnostics
        let load = Snapshot.load(directory: directory)
        load.diagnostics.forEach { diagnostics("warning: snapshot: \($0)") }
        if let unavailable = load.unavailable { throw .snapshotUnavailable(unavailable) }
        snapshotProblems = load.diagnostics.count
        snapshot = load.snapshot
        attributor = SnapshotAttributor(snapshot: load.snapshot)

        var inputs = paths
        if let index = paths.firstIndex(of: "-") {
            let path = try AnalysisJob.spool(standardInput)
            inputs[index] = path
            spooled = path
        }
        let discovery = LogFileLocator(filter: options.filter).discover(inputs, reportingEmptyInputs: true)
        discovery.diagnostics.forEach { diagnostics($0.description) }
        var statistics = discovery.statistics
        files = discovery.files.filter { file in
            guard skip(file) else { return true }
            statistics.skip("already stored")
            return false
        }
        self.statistics = statistics
        pipeline = AnalysisPipeline(options: options, threads: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        sessions = pipeline.sessions(in: files)
    }

    deinit {
        if let spooled { try? FileManager.default.removeItem(atPath: spooled) }
    }

    /// Standard input is read twice (sessions, then failures): it is copied, in chunks so that a large
    /// input never sits in memory, to a temporary file whose path is returned.
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

    /// Replays every failure, file by file in path order, counting the eventIDs already seen as duplicates.
    public func run(_ consume: (AnalysisPipeline.FileResults) -> Void) {
        var seen = Set<EventKey>()
        pipeline.run(files, sessions: sessions, attributor: attributor) { file in
            statistics.add(file.read.statistics)
            for id in file.attributions.compactMap(\.eventID) where !seen.insert(EventKey(id)).inserted {
                statistics.duplicates += 1
            }
            consume(file)
        }
    }

    /// Reports the policies that could not be read and the accounting line.
    public func finish() {
        for failure in attributor.policyFailures {
            diagnostics((failure.isInSnapshot ? "error: " : "warning: ") + failure.description)
        }
        diagnostics(statistics.summary(selectedName: "authorization failures")
            + "; sessions from the input: \(sessions.count)")
    }

    /// Whether some input, the snapshot or one of its policies could not be read.
    public var hasFailures: Bool {
        statistics.hasFailures || snapshotProblems > 0 || attributor.policyFailures.contains(where: \.isInSnapshot)
    }
}
