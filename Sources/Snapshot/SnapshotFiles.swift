#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import TrailJSON

/// The outcome of reading one snapshot file.
enum FileRead {
    case missing
    /// The file exists but could not be used; the reason was also recorded as a diagnostic.
    case failed(reason: String)
    case json(JSONValue)
}

/// Reads files under a snapshot root and collects a diagnostic for each one it cannot use.
struct SnapshotFiles {
    let root: String
    var diagnostics: [SnapshotDiagnostic] = []
    /// The root with its own symlinks resolved (the root may itself be a link, to the latest collection).
    private let resolvedRoot: String?
    /// Links below the root that lead outside it, each diagnosed once.
    private var refusedLinks: Set<String> = []

    init(root: String) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
        resolvedRoot = Self.resolve(self.root)
    }

    /// The path of `relative` under the root, as used in origins and diagnostics.
    func path(_ relative: String) -> String { root + "/" + relative }

    mutating func isDirectory(_ relative: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path(relative), isDirectory: &directory) && directory.boolValue
            && staysInside(relative)
    }

    /// Names in a directory, sorted; empty when it does not exist or cannot be listed.
    mutating func names(in relative: String) -> [String] {
        guard staysInside(relative) else { return [] }
        return ((try? FileManager.default.contentsOfDirectory(atPath: path(relative))) ?? []).sorted()
    }

    /// Whether `relative` is reached without a symbolic link that leads outside the snapshot. Such a link is
    /// not followed, so that a snapshot holds what its folder shows, and is diagnosed once, with its target.
    mutating func staysInside(_ relative: String) -> Bool {
        guard let resolvedRoot else { return true }
        var prefix = root
        for component in relative.split(separator: "/") {
            prefix += "/" + component
            var info = stat()
            guard lstat(prefix, &info) == 0 else { return true }
            guard info.st_mode & S_IFMT == S_IFLNK else { continue }
            let target = Self.resolve(prefix)
            if let target, target == resolvedRoot || target.hasPrefix(resolvedRoot == "/" ? "/" : resolvedRoot + "/") {
                continue
            }
            if refusedLinks.insert(prefix).inserted {
                let shown = (try? FileManager.default.destinationOfSymbolicLink(atPath: prefix)) ?? "?"
                let resolved = target.map { $0 == shown ? "" : " (`\($0)`)" } ?? " (which does not resolve)"
                diagnostics.append(SnapshotDiagnostic(file: prefix,
                    message: "symbolic link to `\(shown)`\(resolved), outside the snapshot: not followed; copy what it "
                        + "points to into the snapshot"))
            }
            return false
        }
        return true
    }

    /// `path` with every symlink resolved, nil when it does not exist.
    static func resolve(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The `.json` files of a directory as (name without extension, relative path), skipping hidden files.
    mutating func jsonFiles(in relative: String) -> [(name: String, relative: String)] {
        names(in: relative).compactMap { name in
            guard name.hasSuffix(".json"), !name.hasPrefix("."), !isDirectory(relative + "/" + name) else { return nil }
            return (String(name.dropLast(5)), relative + "/" + name)
        }
    }

    mutating func note(_ relative: String, _ place: String = "", _ message: String) {
        diagnostics.append(SnapshotDiagnostic(file: path(relative), place: place, message: message))
    }

    /// Reads and parses one JSON file; a missing file is reported to the caller, not diagnosed.
    mutating func read(_ relative: String) -> FileRead {
        let full = path(relative)
        guard FileManager.default.fileExists(atPath: full) else { return .missing }
        guard staysInside(relative) else { return .failed(reason: "`\(full)` lies behind a symbolic link out of the snapshot") }
        guard let data = FileManager.default.contents(atPath: full) else {
            note(relative, "", "cannot read the file")
            return .failed(reason: "`\(full)` cannot be read")
        }
        do {
            return .json(try JSONParser.parse([UInt8](data)))
        } catch {
            note(relative, "", "invalid JSON: \(error)")
            return .failed(reason: "`\(full)` is not valid JSON")
        }
    }

    /// Decodes a policy document found at `place` in `relative`, diagnosing what cannot be decoded.
    mutating func policyDocument(_ value: JSONValue?, _ relative: String, _ place: String) -> JSONValue? {
        guard let value else {
            note(relative, place, "policy document is missing")
            return nil
        }
        do {
            return try PolicyDocumentDecoding.decode(value)
        } catch {
            note(relative, place, error.description)
            return nil
        }
    }
}
