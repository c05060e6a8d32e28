import Foundation

/// The repository's sample archive and snapshot, and scratch directories for copies of them.
enum Sample {
    /// The repository's root, found from this file's path.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let logs = root + "/SampleLogs"
    static let snapshot = root + "/SampleSnapshot"
    static let fixtures = root + "/Tests/PipelineTests/Fixtures"

    /// The workload account's second log file: the AssumeRole record (…07) and the call its session policy
    /// denies (…08).
    static let sessionFile = logs + "/AWSLogs/222233334444/CloudTrail/us-east-1/2026/11/28/"
        + "222233334444_CloudTrail_us-east-1_20261128T0915Z_Wk8h9I0j1K2l3M4n.json.gz"
    /// The workload account's first log file (four authorization failures, …03 to …06).
    static let firstFile = logs + "/AWSLogs/222233334444/CloudTrail/us-east-1/2026/11/28/"
        + "222233334444_CloudTrail_us-east-1_20261128T0905Z_Wk1a2B3c4D5e6F7g.json.gz"

    static func eventID(_ number: Int) -> String {
        "5a3c0d2e-1b4f-4c6a-9e8d-" + String(format: "%012x", number)
    }

    /// A fresh temporary directory; the caller removes it.
    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "pipeline-tests-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Copies `source` to `directory/name`, returning the copy's path.
    @discardableResult
    static func copy(_ source: String, to directory: String, as name: String) throws -> String {
        let path = directory + "/" + name
        try FileManager.default.copyItem(atPath: source, toPath: path)
        return path
    }
}
