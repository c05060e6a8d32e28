import Foundation
import Replay
import ReplayResults
import TrailJSON
import TrailReader

/// Decides one rebuilt request; the snapshot-backed implementation lives in `SnapshotAttributor`.
public protocol RequestAttributor: Sendable {
    func attribute(_ request: RebuiltRequest) -> Attribution
}

/// The main job: read an archive twice — once for the records that issue sessions, once for the
/// authorization failures — and turn each failure into an attribution, in input order.
public struct AnalysisPipeline: Sendable {
    public var options: ReadOptions
    public var threads: Int
    public var builder: RequestBuilder

    public init(options: ReadOptions, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
        builder: RequestBuilder = RequestBuilder())
    {
        self.options = options
        self.threads = threads
        self.builder = builder
    }

    /// One file's results, handed over in path order.
    public struct FileResults: Sendable {
        public var read: FileReadResult
        public var attributions: [Attribution]
    }

    /// The session-issuing records of `files`, for correlating later calls with their session policies.
    public func sessions(in files: [LogFile]) -> SessionIndex {
        var index = SessionIndex()
        addSessions(of: files, to: &index)
        return index
    }

    /// Adds the session-issuing records of `files` to `index` (a watch adds each new file's sessions).
    /// Read problems are not reported here: the pass over the failures reads the same files and reports them.
    public func addSessions(of files: [LogFile], to index: inout SessionIndex) {
        var options = self.options
        options.selection = .successfulEvents(eventSource: "sts.amazonaws.com", eventNames: SessionIndex.issuingEvents)
        let reader = LogFileReader(options: options)
        var found = index
        OrderedParallelMap.run(files, threads: threads) { file in
            var records: [JSONValue] = []
            _ = reader.read(file) { records.append($0.value) }
            return records
        } consume: { _, records in
            for record in records { found.add(record) }
        }
        index = found
    }

    /// Replays every authorization failure of `files`, calling `consume` once per file in path order.
    public func run(_ files: [LogFile], sessions: SessionIndex, attributor: any RequestAttributor,
        consume: (FileResults) -> Void)
    {
        var options = self.options
        options.selection = .authorizationFailures
        let reader = LogFileReader(options: options)
        let builder = self.builder
        OrderedParallelMap.run(files, threads: threads) { file in
            var attributions: [Attribution] = []
            let result = reader.read(file) { record in
                let request = builder.build(record.value, sessions: sessions)
                attributions.append(attributor.attribute(request))
            }
            return FileResults(read: result, attributions: attributions)
        } consume: { _, results in
            consume(results)
        }
    }
}
