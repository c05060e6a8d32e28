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

    init(root: String) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
    }

    /// The path of `relative` under the root, as used in origins and diagnostics.
    func path(_ relative: String) -> String { root + "/" + relative }

    func isDirectory(_ relative: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path(relative), isDirectory: &directory) && directory.boolValue
    }

    /// Names in a directory, sorted; empty when it does not exist or cannot be listed.
    func names(in relative: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path(relative))) ?? []).sorted()
    }

    /// The `.json` files of a directory as (name without extension, relative path), skipping hidden files.
    func jsonFiles(in relative: String) -> [(name: String, relative: String)] {
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
