#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the store knows a file by: its size and modification time (cheap, to skip unchanged files unread)
/// and, once read, the hash of its bytes (to recognize the same content under any name).
public struct FileStamp: Equatable, Hashable, Sendable {
    public var size: Int
    /// Seconds since 1970, with the nanoseconds the file system keeps.
    public var modifiedAt: Double

    public init(size: Int, modifiedAt: Double) {
        self.size = size
        self.modifiedAt = modifiedAt
    }

    /// The size and modification time of a regular file, or nil when it is gone or not a regular file.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        size = Int(info.st_size)
        modifiedAt = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
    }

    /// Seconds since the last modification.
    public func age(now: Double) -> Double { now - modifiedAt }
}
