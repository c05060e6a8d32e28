import Analysis
import Foundation
import PolicyLanguage
import Snapshot

/// `whatif --candidate DIR`: a second snapshot (a copy of today's with files changed), the files it changes,
/// and the scope of the judgement they imply. It is checked before use: a file of it that cannot be loaded
/// or a policy in a changed file that does not parse is a usage error naming the file.
public struct CandidateSnapshot: Sendable {
    public var snapshot: Snapshot
    /// The files that differ from today's snapshot (added, removed or changed), relative to the folders, sorted.
    public var changedFiles: [String]

    /// Calls that succeeded are judged on SCPs and RCPs alone when only `organization/` files changed (the
    /// snapshot then need not hold the accounts), else on whichever layers differ for each call.
    public var scope: WhatIfJudge.Scope {
        changedFiles.allSatisfy { $0.hasPrefix("organization/") } ? .organization : .anyLayer
    }

    /// What the candidate changes, for stderr: `whatif: candidate DIR changes 2 files: a, b`.
    public func changeLine(directory: String) -> String {
        let shown = changedFiles.prefix(5).joined(separator: ", ") + (changedFiles.count > 5 ? ", …" : "")
        switch changedFiles.count {
        case 0: return "whatif: candidate \(directory) changes no file of the snapshot"
        case 1: return "whatif: candidate \(directory) changes 1 file: " + shown
        default: return "whatif: candidate \(directory) changes \(changedFiles.count) files: " + shown
        }
    }

    public static func load(directory: String, today: String) throws(WhatIfRun.CandidateError) -> CandidateSnapshot {
        if let problem = SnapshotUnavailable.check(directory) {
            throw WhatIfRun.CandidateError(description: "candidate: \(problem)")
        }
        let changed = changedFiles(directory, today)
        let load = Snapshot.load(directory: directory)
        let root = directory.hasSuffix("/") ? directory : directory + "/"
        if let problem = load.diagnostics.first(where: { diagnostic in
            !diagnostic.file.hasPrefix(root) || changed.contains(String(diagnostic.file.dropFirst(root.count)))
        }) {
            throw WhatIfRun.CandidateError(description: "candidate: \(problem)")
        }
        for source in load.snapshot.policyDocuments where changed.contains(where: { source.origin.hasPrefix(root + $0) }) {
            do {
                _ = try PolicyDocument.parse(json: source.document, id: source.id)
            } catch {
                throw WhatIfRun.CandidateError(description: "candidate: `\(source.origin)`: not a usable policy: \(error)")
            }
        }
        return CandidateSnapshot(snapshot: load.snapshot, changedFiles: changed)
    }

    /// Relative paths of the regular files present in one folder and not the other, or with other bytes;
    /// `snapshot.json` (when each was collected) holds no policy.
    static func changedFiles(_ one: String, _ other: String) -> [String] {
        let first = files(under: one), second = files(under: other)
        return Set(first).union(second).subtracting(["snapshot.json"]).filter { name in
            FileManager.default.contents(atPath: one + "/" + name) != FileManager.default.contents(atPath: other + "/" + name)
        }.sorted()
    }

    private static func files(under root: String) -> [String] {
        guard let walk = FileManager.default.enumerator(atPath: root) else { return [] }
        var names: [String] = []
        while let name = walk.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue {
                names.append(name)
            }
        }
        return names
    }
}
