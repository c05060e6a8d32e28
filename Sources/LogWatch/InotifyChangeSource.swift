#if canImport(Glibc)
import Glibc
import Foundation

/// The Linux watch: inotify on every directory of the tree. A file is reported when its writer closes it
/// or when it is renamed into place (what `aws s3 sync` does after writing to a temporary name); a new
/// directory is watched at once and reported for a rescan, since files may have landed in it before.
public final class InotifyChangeSource: ChangeSource {
    private let descriptor: Int32
    private var directories: [Int32: String] = [:]
    private let root: String
    private var warnings: [String] = []

    /// Watches `root` and every directory under it; nil when inotify is unavailable.
    public init?(root: String) {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        descriptor = fd
        self.root = root
        addTree(root)
        guard !directories.isEmpty else {
            close(fd)
            return nil
        }
    }

    deinit { close(descriptor) }

    public var description: String { "inotify on \(directories.count) directories" }

    public func next(timeout: Double, wake: Int32) -> ChangeBatch {
        var batch = ChangeBatch()
        batch.warnings = warnings
        warnings.removeAll()
        guard WaitForReadable.wait([descriptor, wake], timeout: timeout).contains(descriptor) else { return batch }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            parse(buffer.prefix(count), into: &batch)
        }
        batch.warnings += warnings
        warnings.removeAll()
        return batch
    }

    private func parse(_ bytes: ArraySlice<UInt8>, into batch: inout ChangeBatch) {
        let header = MemoryLayout<inotify_event>.size
        var offset = bytes.startIndex
        while offset + header <= bytes.endIndex {
            let event = bytes[offset..<offset + header].withUnsafeBytes { $0.loadUnaligned(as: inotify_event.self) }
            let nameStart = offset + header
            let nameEnd = min(nameStart + Int(event.len), bytes.endIndex)
            let name = String(decoding: bytes[nameStart..<nameEnd].prefix { $0 != 0 }, as: UTF8.self)
            offset = nameEnd
            handle(event, name: name, into: &batch)
        }
    }

    private func handle(_ event: inotify_event, name: String, into batch: inout ChangeBatch) {
        let mask = event.mask
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            batch.rescan = true
            return
        }
        guard let directory = directories[event.wd] else { return }
        if mask & UInt32(IN_DELETE_SELF) != 0 {
            directories[event.wd] = nil
            if directory == root { batch.warnings.append("warning: `\(root)` was removed; files put there again are not seen until tail is restarted") }
            return
        }
        if mask & UInt32(IN_IGNORED) != 0 {
            directories[event.wd] = nil
            return
        }
        let path = directory + "/" + name
        if mask & UInt32(IN_ISDIR) != 0 {
            if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                addTree(path)
                batch.rescan = true
            }
            return
        }
        if mask & UInt32(IN_CLOSE_WRITE | IN_MOVED_TO) != 0 { batch.paths.append(path) }
    }

    private func addTree(_ path: String) {
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE_SELF)
        let wd = inotify_add_watch(descriptor, path, mask)
        guard wd >= 0 else {
            warnings.append("warning: cannot watch `\(path)`: \(String(cString: strerror(errno)))")
            return
        }
        directories[wd] = path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        for name in names.sorted() {
            var info = stat()
            let child = path + "/" + name
            if lstat(child, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { addTree(child) }
        }
    }
}
#endif
