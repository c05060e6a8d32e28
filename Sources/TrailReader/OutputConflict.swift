#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A file a command would write (`--output`, `--store`) that is also one of its inputs, or lies inside an input
/// folder: opening it for writing would truncate what is to be read, or feed the output back in as input.
/// Compared by device and inode, so that a symlink, a hard link or another spelling of the path is caught too.
public struct OutputConflict: Error, Equatable, CustomStringConvertible, Sendable {
    /// The option naming the output, with its value as given (`--output`).
    public var option: String
    public var output: String
    /// The input as given, and whether it is a folder that holds the output.
    public var input: String
    public var inputIsFolder: Bool

    public var description: String {
        inputIsFolder
            ? "\(option) `\(output)` lies inside the input folder `\(input)`: write it elsewhere"
            : "\(option) `\(output)` is the input `\(input)`: writing it would destroy what is to be read"
    }

    /// The first input that `output` would overwrite or land in; nil when there is none (or for `-`, standard
    /// output). Inputs that do not exist cannot conflict and are left to the reader to report.
    public static func check(output: String, option: String, inputs: [String]) -> OutputConflict? {
        guard output != "-", !output.isEmpty else { return nil }
        let own = FileIdentity(path: output)
        let folders = enclosingFolders(of: output)
        for input in inputs where input != "-" {
            var info = stat()
            guard stat(input, &info) == 0 else { continue }
            let identity = FileIdentity(info)
            if identity == own { return OutputConflict(option: option, output: output, input: input, inputIsFolder: false) }
            if info.st_mode & S_IFMT == S_IFDIR, folders.contains(identity) {
                return OutputConflict(option: option, output: output, input: input, inputIsFolder: true)
            }
        }
        return nil
    }

    /// Every folder above `path` once symlinks are resolved, up to `/`, whether `path` itself exists or not.
    static func enclosingFolders(of path: String) -> Set<FileIdentity> {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parent = (absolute as NSString).deletingLastPathComponent
        if let resolved = realpath(absolute, nil) {
            // An existing output: its own folder, wherever a symlink to it points.
            parent = (String(cString: resolved) as NSString).deletingLastPathComponent
            free(resolved)
        } else if let resolved = realpath(parent, nil) {
            parent = String(cString: resolved)
            free(resolved)
        } else {
            return []
        }
        var folders = Set<FileIdentity>()
        while true {
            if let identity = FileIdentity(path: parent) { folders.insert(identity) }
            if parent == "/" || parent.isEmpty { return folders }
            parent = (parent as NSString).deletingLastPathComponent
        }
    }
}

/// A file's device and inode: what makes two paths the same file.
struct FileIdentity: Hashable {
    var device: UInt64
    var inode: UInt64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    /// The identity of what `path` names (through symlinks), nil when it does not exist.
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }
}
