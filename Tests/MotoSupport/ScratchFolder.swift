import Foundation

/// A temporary folder for one test, removed when released.
public final class ScratchFolder: @unchecked Sendable {
    public let path: String

    public init() {
        path = NSTemporaryDirectory() + "aws-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` at `relative` (folders created) and returns the full path.
    @discardableResult
    public func write(_ relative: String, _ text: String, executable: Bool = false) -> String {
        let full = path + "/" + relative
        try? FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: full, contents: Data(text.utf8),
            attributes: executable ? [.posixPermissions: 0o755] : nil)
        return full
    }
}
