import Replay
import TrailJSON
import TrailReader

/// Reads log files once, in parallel, and hands each file's index entries (`ArchiveIndex.Entry`) in path order:
/// `trailreplay index`, the first stage of an analysis split over many processes.
public struct ArchiveIndexer: Sendable {
    public var options: ReadOptions
    public var threads: Int

    public init(options: ReadOptions, threads: Int) {
        self.options = options
        self.threads = threads
    }

    /// One file's entries, in record order, with what reading it found.
    public struct FileEntries: Sendable {
        public var read: FileReadResult
        public var entries: [ArchiveIndex.Entry]
    }

    public func run(_ files: [LogFile], consume: (FileEntries) -> Void) {
        let reader = LogFileReader(options: options.onePass)
        OrderedParallelMap.run(files, threads: threads) { file in
            ArchiveIndexer.entries(of: file, reader: reader)
        } consume: { _, entries in
            consume(entries)
        }
    }

    static func entries(of file: LogFile, reader: LogFileReader) -> FileEntries {
        var entries: [ArchiveIndex.Entry] = []
        var kept = 0
        let path = file.path
        var read = reader.read(file) { record in
            if record.isAuthorizationFailure {
                if let eventID = record.eventID { entries.append(.failure(file: path, eventID: eventID)) }
                return
            }
            kept += 1
            if PolicyChange(record: record.value) != nil {
                entries.append(.policyChange(file: path, record: record.value))
            } else if let session = SessionIndex.essentials(of: record.value) {
                entries.append(.session(file: path, record: session))
            }
        }
        // As in `analyze`: the records kept beside the failures are not counted as selected.
        read.statistics.recordsSelected -= kept
        read.statistics.recordsNotSelected += kept
        return FileEntries(read: read, entries: entries)
    }
}
