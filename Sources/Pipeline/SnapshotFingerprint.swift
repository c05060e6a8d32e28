import Crypto
import Foundation

/// Fingerprints of a snapshot directory: a cheap one (names, sizes, modification times) to notice that it
/// changed, and a digest of its contents to say, in the store, which snapshot a run used.
public enum SnapshotFingerprint {
    /// The regular files under `directory`, relative paths sorted.
    public static func files(in directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if FileStamp(path: directory + "/" + relative) != nil { found.append(relative) }
        }
        return found.sorted()
    }

    /// Names, sizes and modification times of every file: changes when any file is added, removed or written.
    public static func stamp(of directory: String) -> String {
        files(in: directory).map { relative in
            let stamp = FileStamp(path: directory + "/" + relative)
            return "\(relative)\t\(stamp?.size ?? -1)\t\(stamp?.modifiedAt ?? 0)"
        }.joined(separator: "\n")
    }

    /// SHA-256 over every file's relative path and bytes, in path order.
    public static func contentDigest(of directory: String) -> String {
        var hasher = SHA256()
        for relative in files(in: directory) {
            hasher.update(data: Array(relative.utf8) + [0])
            if let data = FileManager.default.contents(atPath: directory + "/" + relative) {
                hasher.update(data: data)
            }
            hasher.update(data: [UInt8(0)])
        }
        return ContentHash.hex(hasher.finalize())
    }
}
