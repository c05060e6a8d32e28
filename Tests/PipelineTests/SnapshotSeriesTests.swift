import Analysis
import CivilTime
import Foundation
import Pipeline
import ReplayResults
import Testing
import Snapshot
import TrailReader

/// `--snapshot` naming a folder of snapshots: each call of SampleLogs (2026-11-28, 09:00–09:20) is replayed
/// against the latest snapshot taken at or before it, else the earliest.
@Suite struct SnapshotSeriesTests {
    static let alicePolicies = "accounts/222233334444/authorization-details.json"

    /// A folder of three copies of SampleSnapshot taken on the evenings of 27, 28 and 29 November; in the first
    /// and last, alice's `NoRoleDeletion` denies `iam:DeleteUser` instead of `iam:DeleteRole`.
    static func folder() throws -> String {
        let folder = Sample.temporaryDirectory() + "/nightly"
        for (name, edited) in [("2026-11-27", true), ("2026-11-28", false), ("2026-11-29", true)] {
            let path = folder + "/" + name
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: Sample.snapshot, toPath: path)
            try #"{"collectedAt": "\#(name)T23:00:00Z"}"#.write(toFile: path + "/snapshot.json", atomically: true, encoding: .utf8)
            if edited {
                let file = path + "/" + alicePolicies
                let text = try String(contentsOfFile: file, encoding: .utf8)
                try text.replacingOccurrences(of: #""iam:DeleteRole""#, with: #""iam:DeleteUser""#)
                    .write(toFile: file, atomically: true, encoding: .utf8)
            }
        }
        return folder
    }

    static func alice(snapshot: String) throws -> (Attribution?, [String]) {
        var lines: [String] = []
        let job = try AnalysisJob(paths: [Sample.logs], snapshot: snapshot, options: ReadOptions(), jobs: 2,
            diagnostics: { lines.append($0) })
        let results = AnalysisJobTests.results(of: job).flatMap(\.attributions)
        job.finish()
        return (results.first { $0.action == "iam:DeleteRole" }, lines)
    }

    @Test func eachCallIsReplayedAgainstTheLatestSnapshotTakenBeforeIt() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        #expect(SnapshotFolders.members(of: folder)?.map { ($0.directory as NSString).lastPathComponent }
            == ["2026-11-27", "2026-11-28", "2026-11-29"])
        #expect(SnapshotFolders.members(of: Sample.snapshot) == nil, "a snapshot is not a folder of snapshots")
        // 09:00 on the 28th: the snapshot of the 27th's evening, where NoRoleDeletion does not cover DeleteRole.
        let (series, lines) = try Self.alice(snapshot: folder)
        let call = try #require(series)
        #expect(call.decision != .explicitDeny)
        #expect(call.denies.isEmpty)
        #expect(lines.contains { $0.contains("3 snapshots") }, "\(lines)")
        let (single, _) = try Self.alice(snapshot: folder + "/2026-11-28")
        #expect(single?.denies.map(\.statement) == ["NoRoleDeletion"])
    }

    @Test func aProblemInAnyMemberIsSaidAndMakesTheRunPartial() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        try "{ not json".write(toFile: folder + "/2026-11-27/accounts/555566667777/vpc-endpoints.json", atomically: true, encoding: .utf8)
        var lines: [String] = []
        let job = try AnalysisJob(paths: [Sample.logs], snapshot: folder, options: ReadOptions(), jobs: 1,
            diagnostics: { lines.append($0) })
        #expect(lines.filter { $0.contains("2026-11-27/accounts/555566667777/vpc-endpoints.json") }.count == 1, "\(lines)")
        #expect(job.hasFailures)
    }

    @Test func theMemberOfACallIsTheLatestAtOrBeforeItElseTheEarliest() throws {
        let members = ["2026-11-27T23:00:00Z", "2026-11-28T23:00:00Z"].compactMap(UTCTime.init).enumerated().map {
            SnapshotSeries.Member(directory: "s\($0.offset)", time: $0.element)
        }
        let series = SnapshotSeries(members: members) { _ in Snapshot.load(directory: Sample.snapshot).snapshot }
        #expect(series.member(at: UTCTime("2026-11-26T00:00:00Z")) == 0)
        #expect(series.member(at: UTCTime("2026-11-27T23:00:00Z")) == 0)
        #expect(series.member(at: UTCTime("2026-11-28T22:59:59Z")) == 0)
        #expect(series.member(at: UTCTime("2026-11-28T23:00:00Z")) == 1)
        #expect(series.member(at: UTCTime("2026-12-01T00:00:00Z")) == 1)
        #expect(series.member(at: nil) == 1)
    }
}
