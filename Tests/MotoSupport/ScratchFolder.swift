import Foundation
import Glibc

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
        guard executable else {
            _ = FileManager.default.createFile(atPath: full, contents: Data(text.utf8))
            return full
        }
        // A program is written through a close-on-exec descriptor: a process another test forks meanwhile must
        // not keep it open for writing, or running the program fails with "text file busy".
        let fd = open(full, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        if fd >= 0 {
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            close(fd)
        }
        return full
    }
}
