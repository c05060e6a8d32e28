import Foundation
import Testing
import TrailJSON

/// `analyze` and `explain` on Tests/PipelineTests/Fixtures/policy-history.json (README there): the 09:00 calls
/// against the sample snapshot "taken at 23:00", after the 09:30 fixes.
@Suite struct PolicyHistoryCommandTests {
    static let fixture = "Tests/PipelineTests/Fixtures/policy-history.json"
    static let alice = "9b2e4f6a-1c3d-4e5f-8a7b-000000000003"

    @Test func analyzeNamesTheFixOfADenyAndExitsPartialForTheBadRecord() throws {
        let result = try CLI.run(["analyze", Self.fixture, "--snapshot", "SampleSnapshot", "--snapshot-time", "2026-11-28T23:00:00Z"])
        #expect(result.status == 1, "the unusable PutUserPolicy record of bob makes the run partial: \(result.stderr)")
        let lines = try result.lines.map { try JSONParser.parse($0) }
        let alice = try #require(lines.first { $0["eventID"]?.stringValue == Self.alice })
        #expect(alice["decision"] == "explicit-deny")
        #expect(alice["policyChanges"]?.arrayValue?.first?["by"] == "arn:aws:iam::222233334444:user/admin")
        #expect(lines.compactMap { $0["decision"]?.stringValue } == ["explicit-deny", "unknown", "unknown"])
        #expect(!result.stderr.contains("has no snapshot.json"), "the given time is not announced as a guess")
        #expect(result.stderr.contains("PutUserPolicy record (eventID 9b2e4f6a-1c3d-4e5f-8a7b-000000000002)"))
    }

    @Test func theTableSaysWhenTheDenyWasFixed() throws {
        let result = try CLI.run(["analyze", Self.fixture, "--snapshot", "SampleSnapshot", "--snapshot-time", "2026-11-28T23:00Z",
            "--format", "table", "--wide"])
        let row = try #require(result.lines.first { $0.contains("NoUserListing") })
        #expect(row.contains("NoUserListing (fixed at 09:30 by arn:aws:iam::222233334444:user/admin (PutUserPolicy))"))
    }

    @Test func explainReplaysTheCallAgainstThePoliciesOfItsTime() throws {
        let result = try CLI.run(["explain", Self.alice, Self.fixture, "--snapshot", "SampleSnapshot",
            "--snapshot-time", "2026-11-28T23:00:00Z"])
        #expect(result.stdout.contains("verdict: explicit-deny"), "\(result.stdout)")
        #expect(result.stdout.contains("  fixed at 09:30 by arn:aws:iam::222233334444:user/admin (PutUserPolicy)"))
    }

    @Test func aSnapshotTimeThatIsNotAnInstantIsAUsageError() throws {
        let result = try CLI.run(["analyze", Self.fixture, "--snapshot", "SampleSnapshot", "--snapshot-time", "2026-11-28"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--snapshot-time `2026-11-28` is not a time"))
    }

    @Test func withoutATimeTheSnapshotsNewestFileIsTakenAndSaidOnce() throws {
        let result = try CLI.run(["analyze", Self.fixture, "--snapshot", "SampleSnapshot"])
        #expect(result.stderr.components(separatedBy: "has no snapshot.json").count == 2, "\(result.stderr)")
    }
}
