@testable import Analysis
import Foundation
import Snapshot
import Testing
import TrailJSON
import TrailReader
@testable import Pipeline

/// Judging only the records a change can reach, and remembering organization decisions, give the same verdicts
/// and counts as replaying and deciding every record afresh.
@Suite struct WhatIfReachTests {
    static func outcome(_ changes: [OrganizationChange], reach: Bool, memo: Bool = true) throws -> (verdicts: [String], summary: String) {
        let job = try AnalysisJob(paths: [Sample.logs], snapshot: Sample.snapshot, options: ReadOptions(selection: .all), jobs: 1,
            diagnostics: { _ in })
        let judge = WhatIfJudge(snapshot: job.snapshot, candidate: try job.snapshot.applying(changes), scope: .organization,
            reference: .bundled, memoizing: memo)
        #expect((judge.memo != nil) == memo)
        var verdicts: [String] = []
        let outcome = WhatIfRun.run(job, judge: judge, options: ReadOptions(selection: .all), diagnostics: { _ in },
            reachOnly: reach) { verdicts.append(JSONWriter.string($0.json)) }
        return (verdicts, outcome.summary.text(markdown: false, width: 200))
    }

    static let denyAll = (try? JSONParser.parse(#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"#)) ?? .null
    static let conditioned = (try? JSONParser.parse(#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":"eu-west-1"},"ArnNotLike":{"aws:PrincipalARN":"arn:aws:iam::*:role/deploy"},"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}]}"#)) ?? .null
    static let denyAllResources = (try? JSONParser.parse(#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}]}"#)) ?? .null

    /// Each change with the number of calls it changes on SampleLogs.
    @Test(arguments: [
        ([OrganizationChange.attach(.scp, name: "DenyAll", document: denyAll, to: "ou-a1b2-prod7k3q")], 4),
        // The data account's successful calls are GetCallerIdentity (never denied) and a read by another account.
        ([.attach(.scp, name: "DenyAll", document: denyAll, to: "ou-a1b2-data9m4x")], 0),
        ([.attach(.rcp, name: "DenyAll", document: denyAllResources, to: "555566667777")], 1),
        // The call ProtectCloudTrail denied is not reproduced without its session's issuing record.
        ([.detach(policyID: "p-7tr41lpr", from: "ou-a1b2-prod7k3q")], 0),
        // Conditions on the Region, the principal and MFA: the memo keys on those context values.
        // alice's two calls and dana's read: outside eu-west-1, not the deploy role, without MFA.
        ([.attach(.scp, name: "Conditions", document: conditioned, to: "r-a1b2")], 3),
    ])
    func theSameVerdictsAsReplayingEveryRecord(_ changes: [OrganizationChange], changed: Int) throws {
        let reached = try Self.outcome(changes, reach: true)
        let everything = try Self.outcome(changes, reach: false, memo: false)
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
