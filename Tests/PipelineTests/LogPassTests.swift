import Analysis
import CivilTime
import Foundation
import Pipeline
import Replay
import ReplayResults
import Testing
import TrailJSON
import TrailReader

/// The one pass: sessions from any file, failures resolved after the pass (spilled or not), policy changes kept,
/// and the content hash computed from the bytes read.
struct LogPassTests {
    static func job(_ paths: [String], spillThreshold: Int? = nil) throws -> AnalysisJob {
        let job = try AnalysisJob(paths: paths, snapshot: Sample.snapshot, options: ReadOptions(), jobs: 2,
            diagnostics: { _ in })
        if let spillThreshold { job.spillThreshold = spillThreshold }
        return job
    }

    @Test(arguments: [("a-issues.json", "b-uses.json"), ("b-issues.json", "a-uses.json")])
    func aSessionIssuedInAnotherFileResolvesInEitherOrder(issuing: String, using: String) throws {
        let work = Sample.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try Sample.copy(Sample.fixtures + "/issues-builder-session.json", to: work, as: issuing)
        try Sample.copy(Sample.fixtures + "/uses-builder-session.json", to: work, as: using)
        let job = try LogPassTests.job([work])
        let results = AnalysisJobTests.results(of: job)
        #expect(results.map(\.read.file.path) == [work + "/" + min(issuing, using), work + "/" + max(issuing, using)])
        let call = try #require(results.flatMap(\.attributions).first { $0.eventID == Sample.eventID(8) })
        #expect(call.decision == .explicitDeny)
        #expect(call.denies.first?.layer == .session)
        #expect(call.denies.first?.statement == "NoNewInstances")
        #expect(job.sessions.count == 1)
    }

    @Test func failuresSpilledToATemporaryFileGiveTheSameResults() throws {
        let inMemory = try LogPassTests.job([Sample.logs])
        let expected = AnalysisJobTests.results(of: inMemory)
        let spilling = try LogPassTests.job([Sample.logs], spillThreshold: 1)
        let spilled = AnalysisJobTests.results(of: spilling)
        #expect(inMemory.spilledBytes == 0)
        #expect(spilling.spilledBytes > 0, "every failure went through the temporary file")
        #expect(spilled.map(\.read.file.path) == expected.map(\.read.file.path))
        #expect(spilled.flatMap(\.attributions).map { JSONWriter.string($0.json) }
            == expected.flatMap(\.attributions).map { JSONWriter.string($0.json) })
        #expect(spilled.flatMap(\.attributions).count == 13)
        #expect(spilling.statistics == inMemory.statistics)
    }

    /// Request parameters as CloudTrail logs them, from the API references: IAM AttachRolePolicy and
    /// CreatePolicyVersion (https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachRolePolicy.html,
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicyVersion.html), S3 PutBucketPolicy
    /// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html), Organizations UpdatePolicy and
    /// AttachPolicy (https://docs.aws.amazon.com/organizations/latest/APIReference/API_AttachPolicy.html) and KMS
    /// PutKeyPolicy (https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html).
    @Test func successfulPolicyChangesAreCollectedInInputOrder() throws {
        let job = try LogPassTests.job([Sample.fixtures + "/policy-changes.json"])
        let results = AnalysisJobTests.results(of: job)
        let changes = job.policyChanges
        #expect(changes.map(\.eventName)
            == ["AttachRolePolicy", "PutBucketPolicy", "UpdatePolicy", "AttachPolicy", "PutKeyPolicy", "CreatePolicyVersion"],
            "the denied PutRolePolicy and the failed DetachRolePolicy changed nothing")
        #expect(changes.map(\.subject) == [.role("deploy"), .bucket("example-data"), .organizationPolicy,
            .organizationTarget("ou-a1b2-c3d4e5f6"), .key("1234abcd-12ab-34cd-56ef-1234567890ab"), .managedPolicy])
        #expect(changes.map(\.policy) == ["arn:aws:iam::222233334444:policy/DeployExtras", nil, "p-7tr41lpr",
            "p-9dk2rcp1", "default", "arn:aws:iam::222233334444:policy/InternBoundary"])
        #expect(changes.first?.eventTime == UTCTime("2026-11-28T10:01:00Z"))
        #expect(changes.first?.account == "222233334444")
        #expect(changes.first?.eventID == "7c1d0e2f-3a4b-4c5d-8e9f-000000000001")
        #expect(results.flatMap(\.attributions).map(\.action) == ["iam:PutRolePolicy"])
        #expect(job.statistics.recordsSelected == 1, "the changes are kept beside the failures, not selected")
        #expect(job.statistics.recordsNotSelected == 8)
        #expect(job.statistics.balances)
    }

    /// `sha256sum` of the workload account's first sample file.
    static let firstFileSHA256 = "a3ba4130ed6b2050cf1783f425599c6388e9b6e168fb3d2ec74f02d53ecfe216"

    @Test func theContentHashIsTheSHA256OfEveryByteRead() throws {
        let work = Sample.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try Sample.copy(Sample.firstFile, to: work, as: "a.json.gz")
        // Trailing bytes after the last gzip member end the decompression early; the hash still covers them.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: Sample.firstFile))
        bytes.append(contentsOf: Array("trailing garbage".utf8))
        _ = FileManager.default.createFile(atPath: work + "/b.json.gz", contents: bytes)
        var hashed: [AnalysisPipeline.FileResults] = []
        try LogPassTests.job([work]).run(hashing: true) { hashed.append($0) }
        #expect(hashed.map(\.contentHash) == [LogPassTests.firstFileSHA256, try ContentHash.hexDigest(ofFile: work + "/b.json.gz")])
        #expect(hashed[1].contentHash != LogPassTests.firstFileSHA256)
        #expect(try ContentHash.hexDigest(ofFile: work + "/a.json.gz") == LogPassTests.firstFileSHA256)
        let plain = AnalysisJobTests.results(of: try LogPassTests.job([work]))
        #expect(plain.map(\.contentHash) == [nil, nil], "no hash unless asked for")
    }
}
