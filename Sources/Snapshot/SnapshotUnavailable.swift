import Foundation

/// Why a snapshot directory cannot be used at all (as opposed to files in it that cannot be read, which are
/// diagnostics and leave the rest usable).
public enum SnapshotUnavailable: Error, Sendable, Equatable, CustomStringConvertible {
    case missing(directory: String)
    case notADirectory(path: String)

    /// Whether `directory` can be loaded as a snapshot; nil when it can.
    public static func check(_ directory: String) -> SnapshotUnavailable? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            return .missing(directory: directory)
        }
        return isDirectory.boolValue ? nil : .notADirectory(path: directory)
    }

    /// The diagnostic's message, the path being its file.
    var message: String {
        switch self {
        case .missing: return "snapshot directory does not exist"
        case .notADirectory: return "snapshot is not a directory"
        }
    }

    public var description: String {
        switch self {
        case .missing(let directory): return "snapshot directory `\(directory)` does not exist"
        case .notADirectory(let path): return "snapshot `\(path)` is not a directory"
        }
    }
}
