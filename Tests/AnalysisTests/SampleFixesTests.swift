import Foundation
import PolicyEvaluator
import Testing
import TrailJSON
import TrailReader
@testable import Analysis
import Replay
import Snapshot

/// The fixes proposed for every denial of SampleLogs against SampleSnapshot, checked by applying each one to
/// the replayed request and its layers and deciding again.
@Suite struct SampleFixesTests {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url.path
    }()

    static func outcomes() -> [ReplayOutcome] {
        let attributor = SnapshotAttributor(snapshot: Snapshot.load(directory: root + "/SampleSnapshot").snapshot)
        let files = LogFileLocator().discover([root + "/SampleLogs"]).files
        let pipeline = AnalysisPipeline(options: ReadOptions(), threads: 1)
        let sessions = pipeline.sessions(in: files)
        let reader = LogFileReader(options: ReadOptions(selection: .authorizationFailures))
        var outcomes: [ReplayOutcome] = []
        for file in files {
            _ = reader.read(file) { outcomes.append(attributor.replay(RequestBuilder().build($0.value, sessions: sessions))) }
        }
        return outcomes
    }

    @Test func everySampleDenialGetsFixesThatFlipIt() throws {
        let outcomes = Self.outcomes()
        let attributor = SnapshotAttributor(snapshot: Snapshot.load(directory: Self.root + "/SampleSnapshot").snapshot)
        let reproduced = outcomes.filter { $0.attribution.reproduced }
        #expect(reproduced.count >= 12)
        for outcome in reproduced {
            let name = outcome.attribution.eventID ?? "?"
            let request = try #require(outcome.request)
            let policies = try #require(outcome.policies)
            #expect(!outcome.fixes.isEmpty, "\(name)")
            #expect(outcome.attribution.fixes.count == outcome.fixes.count)
            for fix in outcome.fixes {
                var changed = request
                for (key, values) in fix.requestContext { changed.context[key] = values }
                let after = Authorizer().evaluate(request: changed, policies: try policies.applying(fix))
                if let target = fix.target, fix.change == .removeStatement {
                    let before = outcome.decision?.denies.filter { $0.policy == target.policy }.count ?? 0
                    #expect(after.denies.filter { $0.policy == target.policy }.count < before, "\(name): \(fix.explanation)")
                } else if let target = fix.target {
                    #expect(!after.denies.contains { $0.policy == target.policy && $0.statementIndex == target.index }, "\(name): \(fix.explanation)")
                } else {
                    #expect(!after.missingAllows.contains { $0.layer == fix.layer && $0.level == fix.level }, "\(name): \(fix.explanation)")
                }
            }
            #expect(attributor.decisionAfterFixes(outcome)?.decision == .allow, "\(name): \(outcome.fixes.map(\.explanation))")
        }
    }

    @Test func theMFADenialIsFixedBySigningInWithMFA() throws {
        let mfa = try #require(Self.outcomes().first { $0.attribution.denies.first?.statement == "BlockMostAccessUnlessSignedInWithMFA" })
        #expect(mfa.fixes.map(\.change) == [.meetCondition])
        #expect(mfa.fixes.first?.detail.hasPrefix("sign in with MFA") == true)
        let json = JSONWriter.string(mfa.attribution.json)
        #expect(json.contains(#""fixes":[{"layer":"identity","#), "\(json)")
    }
}

/// `explain` prints the same fixes and whether, applied together, they let the call through.
@Suite struct ExplanationFixesTests {
    @Test func explainPrintsTheFixesAndTheirEffect() throws {
        let attributor = SnapshotAttributor(snapshot: Snapshot.load(directory: SampleFixesTests.root + "/SampleSnapshot").snapshot)
        let files = LogFileLocator().discover([SampleFixesTests.root + "/SampleLogs"]).files
        let reader = LogFileReader(options: ReadOptions(selection: .authorizationFailures))
        var requests: [RebuiltRequest] = []
        for file in files { _ = reader.read(file) { requests.append(RequestBuilder().build($0.value)) } }
        let mfa = try #require(requests.first { $0.eventID?.hasSuffix("000000000004") == true })
        let outcome = attributor.replay(mfa)
        let text = Explanation.render(request: mfa, outcome: outcome, afterFixes: attributor.decisionAfterFixes(outcome))
        #expect(text.contains("what would have to change\n  - identity: meet-condition `arn:aws:iam::222233334444:policy/RequireMFA`"), "\(text)")
        #expect(text.contains("    aws:MultiFactorAuthPresent = true\n  with these changes the replay allows the call"), "\(text)")
        // The sentence does not name the policy and statement its line already names.
        #expect(text.components(separatedBy: "BlockMostAccessUnlessSignedInWithMFA").count == 4, "\(text)")
    }

    @Test func explainNamesTheOUAnSCPIsAttachedToAndThePolicyByName() throws {
        let attributor = SnapshotAttributor(snapshot: Snapshot.load(directory: SampleFixesTests.root + "/SampleSnapshot").snapshot)
        let files = LogFileLocator().discover([SampleFixesTests.root + "/SampleLogs"]).files
        let reader = LogFileReader(options: ReadOptions(selection: .authorizationFailures))
        var requests: [RebuiltRequest] = []
        for file in files { _ = reader.read(file) { requests.append(RequestBuilder().build($0.value)) } }
        let trails = try #require(requests.first { $0.eventID?.hasSuffix("000000000009") == true })
        let outcome = attributor.replay(trails)
        let text = Explanation.render(request: trails, outcome: outcome, afterFixes: attributor.decisionAfterFixes(outcome))
        #expect(text.contains("  - scp (level 1: OU Production (ou-a1b2-prod7k3q)): edit-statement"), "\(text)")
        #expect(text.contains("DENY by ProtectCloudTrail (p-7tr41lpr), statement ProtectTrails"), "\(text)")
        #expect(outcome.levelNames[.scp] == ["root r-a1b2", "OU Production (ou-a1b2-prod7k3q)", "account 222233334444"])
    }
}
