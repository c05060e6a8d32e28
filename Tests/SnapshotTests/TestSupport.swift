import Foundation
import Snapshot
import TrailJSON

/// A temporary directory removed when the value is released.
final class TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "snapshot-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` at `relative`, creating folders.
    func write(_ relative: String, _ text: String) {
        let full = path + "/" + relative
        try? FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: full, contents: Data(text.utf8))
    }

    /// Writes `value` as JSON at `relative`.
    func write(_ relative: String, json value: JSONValue) { write(relative, JSONWriter.string(value)) }
}

/// A policy document with the given statements.
func policy(_ statements: JSONValue...) -> JSONValue {
    ["Version": "2012-10-17", "Statement": .array(statements)]
}

/// A policy document as the JSON text AWS puts in strings.
func policyText(_ statements: JSONValue...) -> String {
    JSONWriter.string(["Version": "2012-10-17", "Statement": .array(statements)])
}

func statement(_ effect: String, _ action: String, sid: String? = nil) -> JSONValue {
    var members: [JSONObject.Member] = []
    if let sid { members.append(.init(key: "Sid", value: .string(sid))) }
    members += [.init(key: "Effect", value: .string(effect)), .init(key: "Action", value: .string(action)),
        .init(key: "Resource", value: "*")]
    return .object(JSONObject(members))
}

/// The `Action` of the first statement of a policy source, for short assertions.
func firstAction(_ source: PolicySource?) -> String? {
    source?.document["Statement"]?.arrayValue?.first?["Action"]?.stringValue
}

/// The repository root, found from this file's path.
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()
