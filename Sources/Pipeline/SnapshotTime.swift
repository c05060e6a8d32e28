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

    /// The newest modification time of the files under `directory`.
    static func newestModification(under directory: String) -> UTCTime? {
        let root = URL(fileURLWithPath: directory)
        guard let walk = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.contentModificationDateKey, .isRegularFileKey])
        else { return nil }
        var newest: Date?
        for case let url as URL in walk {
            guard let values = try? url.resourceValues(forKeys: [.contentModificationDateKey, .isRegularFileKey]),
                values.isRegularFile == true, let date = values.contentModificationDate
            else { continue }
            if newest.map({ date > $0 }) ?? true { newest = date }
        }
        return newest.map { UTCTime(secondsSinceEpoch: $0.timeIntervalSince1970.rounded(.down)) }
    }
}
