import Foundation

/// One input to read: a file found on disk, or standard input.
public struct LogFile: Sendable, Equatable {
    public var path: String
    /// What the CloudTrail key name says, when the file has one.
    public var key: CloudTrailKey?
    public var isStandardInput: Bool { path == "-" }

    public init(path: String, key: CloudTrailKey?) {
        self.path = path
        self.key = key
    }

    /// The name shown in diagnostics.
    public var displayName: String { isStandardInput ? "<stdin>" : path }
}

/// Turns the paths a user gave into the ordered list of files to read, skipping digests, Insights files,
/// non-log files and files outside the filter, and saying why.
public struct LogFileLocator: Sendable {
    /// The result of looking at the inputs.
    public struct Discovery: Sendable {
        public var files: [LogFile] = []
        public var statistics = ReadStatistics()
        public var diagnostics: [ReadDiagnostic] = []
    }

    /// File names taken as logs inside directories (any name is read when given explicitly).
    static let logSuffixes = [".json.gz", ".json", ".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".gz"]

    public var filter: ReadFilter

    public init(filter: ReadFilter = ReadFilter()) {
        self.filter = filter
    }

    public func discover(_ paths: [String]) -> Discovery {
        var discovery = Discovery()
        var found: [LogFile] = []
        for path in paths {
            if path == "-" {
                found.append(LogFile(path: "-", key: nil))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                discovery.statistics.filesFailed += 1
                discovery.diagnostics.append(ReadDiagnostic(.error, file: path, message: "no such file or directory"))
                continue
            }
            if isDirectory.boolValue {
                walk(directory: path, into: &found, discovery: &discovery)
            } else {
                consider(path: path, explicit: true, into: &found, discovery: &discovery)
            }
        }
        var seen = Set<String>()
        discovery.files = found.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
            .filter { seen.insert($0.path).inserted }
        return discovery
    }

    private func walk(directory: String, into found: inout [LogFile], discovery: inout Discovery) {
        let root = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        guard let enumerator = FileManager.default.enumerator(atPath: root) else {
            discovery.statistics.filesFailed += 1
            discovery.diagnostics.append(ReadDiagnostic(.error, file: root, message: "cannot list directory"))
            return
        }
        while let next = enumerator.nextObject() as? String {
            let path = root + "/" + next
            guard let type = enumerator.fileAttributes?[.type] as? FileAttributeType else { continue }
            if type == .typeDirectory { continue }
            var resolvedType = type
            if type == .typeSymbolicLink {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
                else { continue }
                resolvedType = .typeRegular
            }
            guard resolvedType == .typeRegular else { continue }
            consider(path: path, explicit: false, into: &found, discovery: &discovery)
        }
    }

    private func consider(path: String, explicit: Bool, into found: inout [LogFile], discovery: inout Discovery) {
        let name = (path as NSString).lastPathComponent
        let key = CloudTrailKey(fileName: name)
        if let key {
            switch key.kind {
            case .digest:
                discovery.statistics.skip("digest")
                return
            case .insight:
                discovery.statistics.skip("insight")
                return
            case .log:
                break
            }
        } else if !explicit {
            let lower = name.lowercased()
            guard !name.hasPrefix("."), LogFileLocator.logSuffixes.contains(where: { lower.hasSuffix($0) }) else {
                discovery.statistics.skip("not a log file")
                return
            }
        }
        if let key, !filter.admits(key) {
            discovery.statistics.skip("outside filters")
            return
        }
        found.append(LogFile(path: path, key: key))
    }
}
