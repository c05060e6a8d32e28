import Analysis
import CivilTime
import Foundation
import Pipeline
import ReplayResults
import Testing
import TrailJSON
import TrailReader

/// End to end: each call of `policy-history.json` (README in Fixtures) is replayed against the sample snapshot
/// as of its own time, the snapshot taken at 23:00 after every change.
struct PolicyHistoryPipelineTests {
    static func run(snapshotTime: String? = "2026-11-28T23:00:00Z", atCallTime: Bool = true)
        throws -> (job: AnalysisJob, results: [Attribution], diagnostics: [String])
    {
        var lines: [String] = []
        let job = try AnalysisJob(paths: [Sample.fixtures + "/policy-history.json"], snapshot: Sample.snapshot,
            options: ReadOptions(), jobs: 2, diagnostics: { lines.append($0) })
        if let snapshotTime, let time = UTCTime(snapshotTime) { job.snapshotTime = SnapshotTime(time: time, source: .given) }
        job.replaysAtCallTime = atCallTime
        let results = AnalysisJobTests.results(of: job).flatMap(\.attributions)
        job.finish()
        return (job, results, lines)
    }

    static func eventID(_ number: Int) -> String { "9b2e4f6a-1c3d-4e5f-8a7b-" + String(format: "%012d", number) }

    @Test func aDenyFixedBeforeTheSnapshotIsAttributedToTheOldStatementWithTheFixNamed() throws {
        let (_, results, _) = try Self.run()
        let alice = try #require(results.first { $0.eventID == Self.eventID(3) })
        #expect(alice.decision == .explicitDeny)
        #expect(alice.denies.map(\.statement) == ["NoUserListing"])
        #expect(alice.denies.first?.policy == "arn:aws:iam::222233334444:user/alice#inline:DenyRoleDeletion")
        #expect(alice.policyChanges == [PolicyChangeNote(time: "2026-11-28T09:30:00Z", eventName: "PutUserPolicy",
            eventID: Self.eventID(6), by: "arn:aws:iam::222233334444:user/admin",
            policy: "arn:aws:iam::222233334444:user/alice#inline:DenyRoleDeletion")])
        #expect(AttributionLine.text(alice).contains("fixed at 09:30 by arn:aws:iam::222233334444:user/admin (PutUserPolicy)"))
        #expect(AttributionTable.row(alice)[6] == "NoUserListing (fixed at 09:30 by arn:aws:iam::222233334444:user/admin (PutUserPolicy))")
        let json = JSONWriter.string(alice.json)
        #expect(json.contains(#""policyChanges":[{"time":"2026-11-28T09:30:00Z","eventName":"PutUserPolicy""#))
        #expect(Attribution(json: alice.json) == alice, "policyChanges are read back")
    }

    @Test func againstTheSnapshotAsItIsTheFixedDenyIsAnAllow() throws {
        let (_, results, _) = try Self.run(atCallTime: false)
        let alice = try #require(results.first { $0.eventID == Self.eventID(3) })
        #expect(alice.decision == .allow, "the problem the history solves: the 23:00 snapshot allows the 09:00 call")
        #expect(alice.policyChanges.isEmpty)
        #expect(!JSONWriter.string(alice.json).contains("policyChanges"))
    }

    @Test func aCallWhosePolicyChangedWithNoEarlierDocumentIsUnknownNeverAllow() throws {
        let (_, results, _) = try Self.run()
        let carol = try #require(results.first { $0.eventID == Self.eventID(4) })
        #expect(carol.decision == .unknown)
        #expect(carol.reason?.contains("inline policy `RequireCostTags` of user `carol`") == true)
        #expect(carol.reason?.contains("PutUserPolicy at 2026-11-28T09:30:30Z (eventID \(Self.eventID(7)))") == true)
        #expect(carol.policyChanges.map(\.eventID) == [Self.eventID(7)])
    }

    @Test func aBadChangeRecordIsADiagnosticAndMakesOnlyItsObjectUnknown() throws {
        let (job, results, diagnostics) = try Self.run()
        let bad = diagnostics.filter { $0.contains(Self.eventID(2)) }
        #expect(bad.count == 1)
        #expect(bad.first?.hasPrefix("warning: " + Sample.fixtures + "/policy-history.json: PutUserPolicy record") == true)
        let bob = try #require(results.first { $0.eventID == Self.eventID(5) })
        #expect(bob.decision == .unknown)
        #expect(bob.reason?.contains(Self.eventID(2)) == true)
        #expect(results.first { $0.eventID == Self.eventID(3) }?.decision == .explicitDeny, "alice's call is judged as before")
        #expect(job.hasFailures, "a change record that cannot be used makes the run partial")
        // A snapshot is rebuilt per set of changes a call consults: alice's, bob's and carol's policies differ.
        #expect(job.historical?.rebuiltCount == 3)
    }

    @Test func theSnapshotsTimeIsItsNewestFileUnlessSnapshotJSONSaysOtherwise() throws {
        let work = Sample.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try FileManager.default.createDirectory(atPath: work + "/accounts", withIntermediateDirectories: true)
        let file = work + "/accounts/note.txt"
        FileManager.default.createFile(atPath: file, contents: Data())
        let stamp = Date(timeIntervalSince1970: 1_764_320_400)
        try FileManager.default.setAttributes([.modificationDate: stamp], ofItemAtPath: file)
        #expect(SnapshotTime.of(directory: work) == SnapshotTime(time: UTCTime(secondsSinceEpoch: 1_764_320_400), source: .modificationTime))
        FileManager.default.createFile(atPath: work + "/snapshot.json", contents: Data(#"{"collectedAt":"2026-11-28T23:00:00Z"}"#.utf8))
        #expect(SnapshotTime.of(directory: work) == SnapshotTime(time: UTCTime("2026-11-28T23:00:00Z")!, source: .collectedAt))
    }
}

/// A bucket policy and a managed policy attachment, each changed between the calls and the snapshot
/// (`policy-history-resources.json`, README in Fixtures).
struct PolicyHistoryResourceTests {
    static func eventID(_ number: Int) -> String { "4d6f8a0c-2e4a-4c6e-9a0c-" + String(format: "%012d", number) }

    static func results() throws -> [Attribution] {
        let job = try AnalysisJob(paths: [Sample.fixtures + "/policy-history-resources.json"], snapshot: Sample.snapshot,
            options: ReadOptions(), jobs: 2, diagnostics: { _ in })
        job.snapshotTime = SnapshotTime(time: UTCTime("2026-11-28T23:00:00Z")!, source: .given)
        return AnalysisJobTests.results(of: job).flatMap(\.attributions)
    }

    @Test func anAttachAfterTheCallIsUndoneAndNamedAsTheFix() throws {
        let results = try Self.results()
        let before = try #require(results.first { $0.eventID == Self.eventID(2) })
        #expect(before.decision == .implicitDeny)
        #expect(before.missingAllows.map(\.layer) == [.identity])
        #expect(before.fixedBy?.eventName == "AttachUserPolicy")
        #expect(before.fixedBy?.policy == "arn:aws:iam::222233334444:policy/EC2Operator")
        let after = try #require(results.first { $0.eventID == Self.eventID(7) })
        #expect(after.decision == .allow, "after the attach the snapshot's policies stand")
        #expect(after.policyChanges.isEmpty)
    }

    @Test func aBucketPolicyPutBeforeTheCallDecidesItAndItsFixIsNamed() throws {
        let get = try #require(try Self.results().first { $0.eventID == Self.eventID(4) })
        #expect(get.decision == .explicitDeny)
        #expect(get.denies.map(\.statement) == ["DenyAliceReads"])
        #expect(get.denies.first?.layer == .resource)
        #expect(get.fixedBy == PolicyChangeNote(time: "2026-11-28T09:30:30Z", eventName: "PutBucketPolicy", eventID: Self.eventID(6),
            by: "arn:aws:iam::555566667777:user/admin", policy: "arn:aws:s3:::example-data"))
        #expect(get.policyChanges.map(\.eventName) == ["PutBucketPolicy"], "carol's attachment does not concern alice's read")
    }
}

/// A policy detached since the call whose document also changed since: what the call consulted is worked out
/// again in the snapshot of its time, so the document's change concerns it too (`policy-history-widening.json`).
struct PolicyHistoryWideningTests {
    @Test func aChangeToAPolicyDetachedSinceTheCallConcernsIt() throws {
        let job = try AnalysisJob(paths: [Sample.fixtures + "/policy-history-widening.json"], snapshot: Sample.snapshot,
            options: ReadOptions(), jobs: 2, diagnostics: { _ in })
        job.snapshotTime = SnapshotTime(time: UTCTime("2026-11-28T23:00:00Z")!, source: .given)
        let results = AnalysisJobTests.results(of: job).flatMap(\.attributions)
        let call = try #require(results.first { $0.eventID == "6a8c0e2f-4b6d-4e8f-9b1d-000000000001" })
        #expect(call.policyChanges.map(\.eventName) == ["CreatePolicyVersion", "DetachUserPolicy"])
        #expect(call.policyChanges.map(\.policy).allSatisfy { $0 == "arn:aws:iam::222233334444:policy/EC2Operator" })
    }
}
