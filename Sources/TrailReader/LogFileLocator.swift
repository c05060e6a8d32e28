#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CivilTime
import Foundation

/// One input to read: a file found on disk, standard input, or a stream of bytes from elsewhere (an S3 object,
/// whose `path` is then its `s3://bucket/key` name).
public struct LogFile: Sendable, Equatable {
    public var path: String
    /// What the CloudTrail key name says, when the file has one.
    public var key: CloudTrailKey?
    /// Where the bytes come from when they are not a local file.
    public var source: (any LogByteSource)?
    public var isStandardInput: Bool { path == "-" && source == nil }

    public init(path: String, key: CloudTrailKey?, source: (any LogByteSource)? = nil) {
        self.path = path
        self.key = key
        self.source = source
    }

    /// Two inputs are the same when they have the same name and key, and both are (or are not) streams.
    public static func == (a: LogFile, b: LogFile) -> Bool {
        a.path == b.path && a.key == b.key && (a.source == nil) == (b.source == nil)
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
        /// What the filters left out of the input being looked at, to say what was there.
        var filteredOut = FilteredOut()

        public init() {}
    }

    /// The accounts, regions and delivery days of the log files the filters left out.
    struct FilteredOut {
        var count = 0
        var accounts: Set<String> = []
        var regions: Set<String> = []
        var first: UTCTime?
        var last: UTCTime?

        mutating func add(_ key: CloudTrailKey) {
            count += 1
            accounts.insert(key.account)
            regions.insert(key.region)
            if let time = key.deliveryTime {
                if first.map({ time < $0 }) ?? true { first = time }
                if last.map({ time > $0 }) ?? true { last = time }
            }
        }

        var description: String {
            var text = "accounts " + accounts.sorted().joined(separator: ", ") + "; regions "
                + regions.sorted().joined(separator: ", ")
            if let first, let last { text += "; delivered \(first.description) to \(last.description)" }
            return text
        }
    }

    /// File names taken as logs inside directories (any name is read when given explicitly).
    static let logSuffixes = [".json.gz", ".json", ".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".gz"]

    public var filter: ReadFilter

    public init(filter: ReadFilter = ReadFilter()) {
        self.filter = filter
    }

    /// The files to read under `paths`. With `reportingEmptyInputs` (a one-off read, not a watch), an input
    /// that gives no file to read is named: an error (counted in `inputsWithoutLogs`) when it holds no log at
    /// all, a warning saying which accounts, regions and days it holds when the filters left them all out.
    public func discover(_ paths: [String], reportingEmptyInputs: Bool = false) -> Discovery {
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
            let before = (found: found.count, skipped: discovery.statistics.filesSkipped,
                failed: discovery.statistics.filesFailed)
            discovery.filteredOut = FilteredOut()
            if isDirectory.boolValue {
                walk(directory: path, into: &found, discovery: &discovery)
            } else {
                consider(path: path, explicit: true, into: &found, discovery: &discovery)
            }
            guard reportingEmptyInputs, found.count == before.found,
                discovery.statistics.filesFailed == before.failed
            else { continue }
            if discovery.filteredOut.count > 0 {
                discovery.diagnostics.append(ReadDiagnostic(.warning, file: path,
                    message: "no log file matches the filters; the \(discovery.filteredOut.count) left out are for "
                        + discovery.filteredOut.description))
            } else {
                let skipped = discovery.statistics.filesSkipped - before.skipped
                discovery.statistics.inputsWithoutLogs += 1
                discovery.diagnostics.append(ReadDiagnostic(.error, file: path,
                    message: "no CloudTrail log file to read here"
                        + (skipped > 0 ? " (\(skipped) file\(skipped == 1 ? "" : "s") skipped, see the accounting line)" : "")))
            }
        }
        discovery.files = LogFileLocator.sortedByPathBytes(found)
        return discovery
    }

    /// The file at `path` as a directory walk would take it, or nil when a walk would skip it (a digest, an
    /// Insights file, a name that is not a log's, a key outside the filter): a watch uses it for new files.
    public func locate(inDirectory path: String) -> LogFile? {
        var found: [LogFile] = []
        var discovery = Discovery()
        consider(path: path, explicit: false, into: &found, discovery: &discovery)
        return found.first
    }

    /// Orders files by the bytes of their paths (deterministic whatever the locale) and drops repeats.
    public static func sortedByPathBytes(_ files: [LogFile]) -> [LogFile] {
        let keys = files.map { Array($0.path.utf8) }
        let order = keys.indices.sorted { a, b in
            keys[a].withUnsafeBufferPointer { x in
                keys[b].withUnsafeBufferPointer { y in
                    let common = min(x.count, y.count)
                    guard common > 0, let xa = x.baseAddress, let ya = y.baseAddress else { return x.count < y.count }
                    let c = memcmp(xa, ya, common)
                    return c != 0 ? c < 0 : x.count < y.count
                }
            }
        }
        var result: [LogFile] = []
        result.reserveCapacity(files.count)
        for index in order where result.last?.path != files[index].path { result.append(files[index]) }
        return result
    }

    private func walk(directory: String, into found: inout [LogFile], discovery: inout Discovery) {
        let root = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        DirectoryWalker.walk(root) { path in
            consider(path: path, explicit: false, into: &found, discovery: &discovery)
        } failure: { path, reason in
            discovery.statistics.filesFailed += 1
            discovery.diagnostics.append(ReadDiagnostic(.error, file: path, message: "cannot list directory: \(reason)"))
        }
    }

    private func consider(path: String, explicit: Bool, into found: inout [LogFile], discovery: inout Discovery) {
        let name = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(path[path.utf8.index(after: $0)...]) } ?? path
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
            discovery.filteredOut.add(key)
            discovery.statistics.skip("outside filters")
            return
        }
        found.append(LogFile(path: path, key: key))
    }
}
