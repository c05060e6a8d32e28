import CivilTime
import Foundation
import TrailJSON

/// When a snapshot was collected: `SNAPSHOT/snapshot.json`'s `collectedAt` (what `collect-snapshot` writes), or
/// else the newest modification time of its files.
public struct SnapshotTime: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        case collectedAt
        case modificationTime
        /// Given by the caller (`--snapshot-time`).
        case given
    }

    public var time: UTCTime
    public var source: Source
    /// Why `snapshot.json` was not used although it exists.
    public var problem: String?

    public init(time: UTCTime, source: Source, problem: String? = nil) {
        self.time = time
        self.source = source
        self.problem = problem
    }

    /// The time of the snapshot in `directory`; nil when it holds no file with a modification time.
    public static func of(directory: String) -> SnapshotTime? {
        let file = directory + "/snapshot.json"
        var problem: String?
        if let data = FileManager.default.contents(atPath: file) {
            let text = String(decoding: data, as: UTF8.self)
            if let value = try? JSONParser.parse(text), let stamp = value["collectedAt"]?.stringValue, let time = UTCTime(stamp) {
                return SnapshotTime(time: time, source: .collectedAt)
            }
            problem = "\(file): expected {\"collectedAt\": \"YYYY-MM-DDTHH:MM:SSZ\"}"
        }
        return newestModification(under: directory).map { SnapshotTime(time: $0, source: .modificationTime, problem: problem) }
    }

    /// The newest modification time of the regular files under `directory`, to the second.
    static func newestModification(under directory: String) -> UTCTime? {
        SnapshotFingerprint.files(in: directory).compactMap { FileStamp(path: directory + "/" + $0)?.modifiedAt }.max()
            .map { UTCTime(secondsSinceEpoch: $0.rounded(.down)) }
    }
}
