#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists the regular files under a directory with `readdir`, using the entry type it reports to avoid a
/// `stat` per file (archives hold tens of thousands of small files). Symbolic links to files are followed;
/// links to directories are not, so a loop cannot trap the walk.
enum DirectoryWalker {
    /// Calls `file` with each regular file's path and `failure` with each directory that cannot be read.
    static func walk(_ root: String, file: (String) -> Void, failure: (String, String) -> Void) {
        guard let dir = opendir(root) else {
            failure(root, String(cString: strerror(errno)))
            return
        }
        defer { closedir(dir) }
        var subdirectories: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String in
                let bytes = raw.bindMemory(to: CChar.self)
                guard let base = bytes.baseAddress else { return "" }
                return String(cString: base)
            }
            if name == "." || name == ".." { continue }
            let path = root + "/" + name
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR):
                subdirectories.append(path)
            case Int32(DT_REG):
                file(path)
            case Int32(DT_LNK), Int32(DT_UNKNOWN):
                var info = stat()
                // stat follows links: a link to a file is a file; links to directories are not followed.
                guard stat(path, &info) == 0 else { continue }
                if info.st_mode & S_IFMT == S_IFREG {
                    file(path)
                } else if info.st_mode & S_IFMT == S_IFDIR && Int32(entry.pointee.d_type) == Int32(DT_UNKNOWN) {
                    subdirectories.append(path)
                }
            default:
                continue
            }
        }
        for directory in subdirectories { walk(directory, file: file, failure: failure) }
    }
}
