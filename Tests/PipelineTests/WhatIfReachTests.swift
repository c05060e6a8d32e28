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
    static func outcome(_ changes: [OrganizationChange], reach: Bool, memo: Bool = true, sessionsFirst: Bool = false) throws
        -> (verdicts: [String], summary: String)
    {
        let job = try AnalysisJob(paths: [Sample.logs], snapshot: Sample.snapshot, options: ReadOptions(selection: .all), jobs: 1,
            diagnostics: { _ in })
        let judge = WhatIfJudge(snapshot: job.snapshot, candidate: try job.snapshot.applying(changes), scope: .organization,
            reference: .bundled, memoizing: memo)
        #expect((judge.memo != nil) == memo)
        var verdicts: [String] = []
        let outcome = WhatIfRun.run(job, judge: judge, options: ReadOptions(selection: .all), diagnostics: { _ in },
            reachOnly: reach, sessionsFirst: sessionsFirst) { verdicts.append(JSONWriter.string($0.json)) }
        return (verdicts, outcome.summary.text(markdown: false, width: 200))
    }

    static let denyAll = (try? JSONParser.parse(#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"#)) ?? .null
    static let conditioned = (try? JSONParser.parse(#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":"eu-west-1"},"ArnNotLike":{"aws:PrincipalARN":"arn:aws:iam::*:role/deploy"},"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}]}"#)) ?? .null
    static func deny(_ actions: String, notAction: Bool = false) -> JSONValue {
        (try? JSONParser.parse(#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","\#(notAction ? "NotAction" : "Action")":\#(actions),"Resource":"*"}]}"#)) ?? .null
    }
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
        // Policies that cover some actions only: the records of other events are not replayed.
        // ListBuckets is s3:ListAllMyBuckets (the builder's action, through AWS's name for it).
        ([.attach(.scp, name: "NoListing", document: deny(#"["s3:ListAllMyBuckets","EC2:Describe*"]"#), to: "ou-a1b2-prod7k3q")], 2),
        ([.attach(.scp, name: "NoIAM", document: deny(#""iam:*""#), to: "r-a1b2")], 0),
        ([.attach(.scp, name: "OnlyS3", document: deny(#""s3:*""#, notAction: true), to: "ou-a1b2-prod7k3q")], 2),
    ])
    func theSameVerdictsAsReplayingEveryRecord(_ changes: [OrganizationChange], changed: Int) throws {
        let reached = try Self.outcome(changes, reach: true)
        let everything = try Self.outcome(changes, reach: false, memo: false)
        #expect(reached.verdicts == everything.verdicts)
        #expect(reached.summary == everything.summary)
        #expect(everything.verdicts.count == changed)
    }

    /// One read of the archive (sessions indexed as they are read, failures judged once every file is) gives
    /// what reading the sessions in a pass of their own gives.
    @Test(arguments: [
        [OrganizationChange.attach(.scp, name: "DenyAll", document: denyAll, to: "ou-a1b2-prod7k3q")],
        [.attach(.scp, name: "Conditions", document: conditioned, to: "r-a1b2")],
        [.detach(policyID: "p-7tr41lpr", from: "ou-a1b2-prod7k3q")],
        [.attach(.rcp, name: "DenyAll", document: denyAllResources, to: "555566667777")],
    ])
    func oneReadJudgesAsReadingTheSessionsFirst(_ changes: [OrganizationChange]) throws {
        let once = try Self.outcome(changes, reach: true)
        #expect(once.verdicts == (try Self.outcome(changes, reach: true, sessionsFirst: true)).verdicts)
        #expect(once.summary == (try Self.outcome(changes, reach: true, sessionsFirst: true)).summary)
    }

    /// Successful calls need their sessions only when an SCP or RCP can read the session's tags.
    @Test func successfulCallsNeedSessionsOnlyForTheirTags() throws {
        let snapshot = Snapshot.load(directory: Sample.snapshot).snapshot
        func needs(_ text: String) throws -> Bool {
            let document = try JSONParser.parse(text)
            return WhatIfJudge(snapshot: snapshot,
                candidate: try snapshot.applying([.attach(.scp, name: "Change", document: document, to: "r-a1b2")]))
                .succeededCallsNeedSessions
        }
        #expect(try !needs(#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"#))
        #expect(try needs(#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalTag/team":"data"}}}]}"#))
        #expect(try needs(#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"arn:aws:s3:::${aws:username}"}]}"#))
    }

    @Test func onlyTheTouchedAccountsAreNamed() throws {
        let snapshot = Snapshot.load(directory: Sample.snapshot).snapshot
        let judge = WhatIfJudge(snapshot: snapshot,
            candidate: try snapshot.applying([.attach(.scp, name: "DenyAll", document: Self.denyAll, to: "ou-a1b2-data9m4x")]))
        let reach = try #require(judge.reachableRecords)
        #expect(reach.mentioning == ["555566667777"])
        #expect(reach.settledAccounts == ["111111111111", "222233334444"])
        #expect(reach.eventSources.isEmpty)
        // Deny-all covers every action.
        #expect(reach.events?.admits(eventSource: "iam.amazonaws.com", eventName: "CreateUser") == true)
    }

    /// A call is reached only when a policy that differs covers its action; when an account moves, or a
    /// differing policy has `NotAction`, every action may change.
    @Test func onlyTheActionsAChangedPolicyCoversAreReached() throws {
        let snapshot = Snapshot.load(directory: Sample.snapshot).snapshot
        func events(_ document: JSONValue) throws -> ReachableEvents? {
            let judge = WhatIfJudge(snapshot: snapshot,
                candidate: try snapshot.applying([.attach(.scp, name: "Change", document: document, to: "ou-a1b2-data9m4x")]))
            return try #require(judge.reachableRecords).events
        }
        let ec2 = try #require(try events(Self.deny(#"["ec2:RunInstances","S3:Get*"]"#)))
        #expect(ec2.admits(eventSource: "ec2.amazonaws.com", eventName: "RunInstances"))
        #expect(!ec2.admits(eventSource: "ec2.amazonaws.com", eventName: "DescribeInstances"))
        // HeadObject is authorized as s3:GetObject.
        #expect(ec2.admits(eventSource: "s3.amazonaws.com", eventName: "HeadObject"))
        #expect(!ec2.admits(eventSource: "s3.amazonaws.com", eventName: "PutObject"))
        let everything = try #require(try events(Self.deny(#""ec2:RunInstances""#, notAction: true)))
        #expect(everything.admits(eventSource: "s3.amazonaws.com", eventName: "PutObject"))
        var moved = ChangedPolicies()
        moved.add(.known([[], []]), .known([[], [], []]))
        #expect(moved.events(reference: .bundled) == nil)
    }
}
