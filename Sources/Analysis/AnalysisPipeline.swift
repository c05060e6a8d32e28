import Foundation
import Replay
import ReplayResults
import TrailJSON
import TrailReader

/// Decides one rebuilt request; the snapshot-backed implementation lives in `SnapshotAttributor`.
public protocol RequestAttributor: Sendable {
    func attribute(_ request: RebuiltRequest) -> Attribution
}

/// What the replay of an archive shares: the read options, the threads, the request builder; the pass that reads
/// each file once lives in `Pipeline` (`LogPass`). Here: a read of the session-issuing records alone, for a watch
/// starting up and for `explain`, and the replay of one failure record.
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
        /// Each attribution's JSON text, written once on the thread that replayed the file: what the output
        /// prints and the store keeps.
        public var json: [String]
        /// SHA-256 of the file's bytes as read, when the pass was asked for it and read the whole file.
        public var contentHash: String?

        public init(read: FileReadResult, attributions: [Attribution], contentHash: String? = nil) {
            self.read = read
            self.attributions = attributions
            json = attributions.map { JSONWriter.string($0.json) }
            self.contentHash = contentHash
        }
    }

    /// The session-issuing records of `files`, for correlating later calls with their session policies.
    public func sessions(in files: [LogFile]) -> SessionIndex {
        var index = SessionIndex()
        addSessions(of: files, to: &index)
        return index
    }

    /// Adds the session-issuing records of `files` to `index` (a watch adds those of the files it does not replay).
    /// Read problems are not reported here: the files are reported where they are replayed.
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

    /// Rebuilds one authorization failure's request with the input's sessions and attributes it.
    public func attribute(_ record: JSONValue, sessions: SessionIndex, attributor: any RequestAttributor) -> Attribution {
        attributor.attribute(builder.build(record, sessions: sessions))
    }
}
