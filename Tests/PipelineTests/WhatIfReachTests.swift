import Analysis
import Foundation
import Snapshot
import Testing
import TrailJSON
import TrailReader
@testable import Pipeline

/// Judging only the records a change can reach gives the same verdicts and counts as replaying every record.
@Suite struct WhatIfReachTests {
    static func outcome(_ changes: [OrganizationChange], reach: Bool) throws -> (verdicts: [String], summary: String) {
        let job = try AnalysisJob(paths: [Sample.logs], snapshot: Sample.snapshot, options: ReadOptions(selection: .all), jobs: 1,
            diagnostics: { _ in })
        let judge = WhatIfJudge(snapshot: job.snapshot, candidate: try job.snapshot.applying(changes))
        var verdicts: [String] = []
        let outcome = WhatIfRun.run(job, judge: judge, options: ReadOptions(selection: .all), diagnostics: { _ in },
            reachOnly: reach) { verdicts.append(JSONWriter.string($0.json)) }
        return (verdicts, outcome.summary.text(markdown: false, width: 200))
    }

    static let denyAll = (try? JSONParser.parse(#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"#)) ?? .null
    static let denyAllResources = (try? JSONParser.parse(#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}]}"#)) ?? .null

    /// Each change with the number of calls it changes on SampleLogs.
    @Test(arguments: [
        ([OrganizationChange.attach(.scp, name: "DenyAll", document: denyAll, to: "ou-a1b2-prod7k3q")], 4),
        // The data account's successful calls are GetCallerIdentity (never denied) and a read by another account.
        ([.attach(.scp, name: "DenyAll", document: denyAll, to: "ou-a1b2-data9m4x")], 0),
        ([.attach(.rcp, name: "DenyAll", document: denyAllResources, to: "555566667777")], 1),
        // The call ProtectCloudTrail denied is not reproduced without its session's issuing record.
        ([.detach(policyID: "p-7tr41lpr", from: "ou-a1b2-prod7k3q")], 0),
    ])
    func theSameVerdictsAsReplayingEveryRecord(_ changes: [OrganizationChange], changed: Int) throws {
        let reached = try Self.outcome(changes, reach: true)
        let everything = try Self.outcome(changes, reach: false)
        #expect(reached.verdicts == everything.verdicts)
        #expect(reached.summary == everything.summary)
        #expect(everything.verdicts.count == changed)
    }

    @Test func onlyTheTouchedAccountsAreNamed() throws {
        let snapshot = Snapshot.load(directory: Sample.snapshot).snapshot
        let judge = WhatIfJudge(snapshot: snapshot,
            candidate: try snapshot.applying([.attach(.scp, name: "DenyAll", document: Self.denyAll, to: "ou-a1b2-data9m4x")]))
        let reach = try #require(judge.reachableRecords)
        #expect(reach.mentioning == ["555566667777"])
        #expect(reach.settledAccounts == ["111111111111", "222233334444"])
        #expect(reach.eventSources.isEmpty)
    }
}
