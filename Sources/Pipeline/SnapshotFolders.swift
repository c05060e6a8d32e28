import Analysis
import Foundation

/// `--snapshot DIR` naming a folder of snapshots (one per night, say) rather than a snapshot: DIR holds neither
/// `accounts/` nor `organization/`, and each subfolder that holds one of them is a snapshot, taken at its
/// `snapshot.json` time or else its files' newest modification time (`SnapshotTime`).
public enum SnapshotFolders {
    /// The snapshots of `directory`, oldest first, when it is a folder of snapshots; nil when it is a snapshot
    /// (or not a folder). A subfolder whose time cannot be told is left out, with a diagnostic.
    public static func members(of directory: String, diagnostics: (String) -> Void = { _ in }) -> [SnapshotSeries.Member]? {
        func isSnapshot(_ path: String) -> Bool {
            ["accounts", "organization"].contains { isDirectory(path + "/" + $0) }
        }
        guard isDirectory(directory), !isSnapshot(directory) else { return nil }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        var members: [SnapshotSeries.Member] = []
        for name in names where isDirectory(directory + "/" + name) && isSnapshot(directory + "/" + name) {
            let path = directory + "/" + name
            guard let time = SnapshotTime.of(directory: path) else {
                diagnostics("warning: snapshot `\(path)`: its time cannot be told (no snapshot.json, no file); left out")
                continue
            }
            if let problem = time.problem { diagnostics("warning: \(problem)") }
            members.append(SnapshotSeries.Member(directory: path, time: time.time))
        }
        return members.isEmpty ? nil : members.sorted { $0.time < $1.time }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }
}
