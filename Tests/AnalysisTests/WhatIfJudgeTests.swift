import Analysis
import Foundation
import Replay
import ReplayResults
import Snapshot
import Testing
import TrailJSON

/// `whatif`'s judgement of past calls against candidate SCP/RCP changes, on SampleSnapshot's organization
/// (root r-a1b2; OU Production ou-a1b2-prod7k3q holding 222233334444; management account 111111111111).
@Suite struct WhatIfJudgeTests {
    static let snapshot = Snapshot.load(directory: SampleFixesTests.root + "/SampleSnapshot").snapshot

    static func document(_ statements: String) -> JSONValue {
        (try? JSONParser.parse(#"{"Version":"2012-10-17","Statement":["# + statements + "]}")) ?? .null
    }

    static let denyEC2 = document(#"{"Sid":"NoEC2","Effect":"Deny","Action":"ec2:*","Resource":"*"}"#)

    /// A successful call, or a failed one with `errorCode`, by `arn` (a user or an assumed-role session).
    static func record(_ arn: String, account: String, source: String = "ec2.amazonaws.com", event: String = "DescribeInstances",
        type: String? = nil, errorCode: String? = nil, message: String? = nil, parameters: String = "{}") -> JSONValue
    {
        let kind = type ?? (arn.contains(":assumed-role/") ? "AssumedRole" : "IAMUser")
        var text = #"{"eventVersion":"1.09","eventID":"e-\#(event)-\#(account)","eventTime":"2026-11-28T09:00:00Z","#
            + #""eventSource":"\#(source)","eventName":"\#(event)","awsRegion":"us-east-1","recipientAccountId":"\#(account)","#
            + #""sourceIPAddress":"198.51.100.7","userIdentity":{"type":"\#(kind)","arn":"\#(arn)","accountId":"\#(account)","#
            + #""principalId":"AIDAEXAMPLE","accessKeyId":"AKIAEXAMPLE"},"requestParameters":\#(parameters)"#
        if let errorCode { text += #","errorCode":"\#(errorCode)","errorMessage":"\#(message ?? "")""# }
        return (try? JSONParser.parse(text + "}")) ?? .null
    }

    static func judge(_ changes: [OrganizationChange]) throws -> WhatIfJudge {
        WhatIfJudge(snapshot: snapshot, candidate: try snapshot.applying(changes))
    }

    @Test func aCandidateSCPNewlyDeniesCallsUnderItsTargetOnly() throws {
        let judge = try Self.judge([.attach(.scp, name: "NoEC2", document: Self.denyEC2, to: "ou-a1b2-prod7k3q")])
        let inside = RequestBuilder().build(Self.record("arn:aws:iam::222233334444:user/bob", account: "222233334444"))
        guard case .changed(let verdict) = judge.judge(inside) else { Issue.record("\(judge.judge(inside))"); return }
        #expect(verdict.change == .newlyDenied)
        #expect(verdict.layer == .scp && verdict.policyName == "NoEC2" && verdict.statement == "NoEC2")
        #expect(verdict.action == "ec2:DescribeInstances")
        // 555566667777 is under the Data OU, which the candidate is not attached to.
        let outside = RequestBuilder().build(Self.record("arn:aws:iam::555566667777:user/x", account: "555566667777"))
        #expect(judge.judge(outside) == .unchanged)
    }

    // "SCPs don't affect users or roles in the management account" and "SCPs do not affect service-linked
    // roles" (AWS Organizations user guide, "Service control policies (SCPs)", Tasks and entities not
    // restricted by SCPs).
    @Test func theManagementAccountAndServiceLinkedRolesAreExempt() throws {
        let judge = try Self.judge([.attach(.scp, name: "NoEC2", document: Self.denyEC2, to: "r-a1b2")])
        let management = RequestBuilder().build(Self.record("arn:aws:iam::111111111111:user/admin", account: "111111111111"))
        #expect(judge.judge(management) == .unchanged)
        let linked = RequestBuilder().build(Self.record(
            "arn:aws:sts::222233334444:assumed-role/AWSServiceRoleForAutoScaling/AutoScaling", account: "222233334444"))
        #expect(judge.judge(linked) == .unchanged)
        let workload = RequestBuilder().build(Self.record("arn:aws:iam::222233334444:user/bob", account: "222233334444"))
        #expect(judge.judge(workload) != .unchanged)
    }

    // "sts:GetCallerIdentity: no permissions are required … even if an explicit deny" (STS API reference).
    @Test func getCallerIdentityCannotBeDenied() throws {
        let judge = try Self.judge([.attach(.scp, name: "NoSTS", document: Self.document(#"{"Effect":"Deny","Action":"sts:*","Resource":"*"}"#),
            to: "r-a1b2")])
        let request = RequestBuilder().build(Self.record("arn:aws:iam::222233334444:user/bob", account: "222233334444",
            source: "sts.amazonaws.com", event: "GetCallerIdentity"))
        #expect(judge.judge(request) == .unchanged)
    }

    @Test func aCandidateThatLeavesALevelWithoutAnAllowDenies() throws {
        // Detaching FullAWSAccess from the OU leaves that level with no Allow: every call under it is denied.
        let judge = try Self.judge([.detach(policyID: "p-FullAWSAccess", from: "ou-a1b2-prod7k3q")])
        let request = RequestBuilder().build(Self.record("arn:aws:iam::222233334444:user/bob", account: "222233334444"))
        guard case .changed(let verdict) = judge.judge(request) else { Issue.record("\(judge.judge(request))"); return }
        #expect(verdict.layer == .scp && verdict.statement == nil && verdict.detail != nil)
    }

    @Test func detachingTheDenyingSCPNewlyAllowsTheCallItDenied() throws {
        let judge = try Self.judge([.detach(policyID: "p-7tr41lpr", from: "ou-a1b2-prod7k3q")])
        // The session's issuing record, without a session policy: without it the session layer is unknown.
        var sessions = SessionIndex()
        _ = sessions.add(try JSONParser.parse(#"{"eventSource":"sts.amazonaws.com","eventName":"AssumeRole","eventID":"e-issue","requestParameters":{"roleArn":"arn:aws:iam::222233334444:role/deploy","roleSessionName":"ci-run-1"},"responseElements":{"credentials":{"accessKeyId":"AKIAEXAMPLE"},"assumedRoleUser":{"assumedRoleId":"AIDAEXAMPLE:ci-run-1","arn":"arn:aws:sts::222233334444:assumed-role/deploy/ci-run-1"}}}"#))
        let denied = RequestBuilder().build(Self.record("arn:aws:sts::222233334444:assumed-role/deploy/ci-run-1", account: "222233334444",
            source: "cloudtrail.amazonaws.com", event: "StopLogging", errorCode: "AccessDenied",
            message: "User: arn:aws:sts::222233334444:assumed-role/deploy/ci-run-1 is not authorized to perform: cloudtrail:StopLogging with an explicit deny in a service control policy",
            parameters: #"{"name":"arn:aws:cloudtrail:us-east-1:222233334444:trail/org-trail"}"#), sessions: sessions)
        #expect(judge.base.replay(denied).attribution.denies.map(\.layer) == [.scp])
        guard case .changed(let verdict) = judge.judge(denied) else { Issue.record("\(judge.judge(denied))"); return }
        #expect(verdict.change == .newlyAllowed)
        #expect(verdict.layer == .scp && verdict.policyName == "ProtectCloudTrail" && verdict.statement == "ProtectTrails")
    }

    @Test func badTargetsAndDetachesAreRefusedWithTheirName() {
        #expect(throws: OrganizationChangeError.self) {
            try Self.snapshot.applying([.attach(.scp, name: "x", document: Self.denyEC2, to: "ou-nope")])
        }
        do {
            _ = try Self.snapshot.applying([.detach(policyID: "p-7tr41lpr", from: "r-a1b2")])
            Issue.record("a policy not attached to the root was detached from it")
        } catch {
            #expect(error.description == "policy `p-7tr41lpr` is not attached to `r-a1b2` in the snapshot")
        }
    }

    @Test func theSummaryGroupsByAccountRoleAndAction() {
        var summary = WhatIfSummary()
        for (i, session) in ["a", "b", "c"].enumerated() {
            summary.add(WhatIfVerdict(eventID: "e\(i)", eventTime: "2026-11-2\(i + 1)T00:00:00Z", account: "1", region: "us-east-1",
                principal: "arn:aws:sts::1:assumed-role/deploy/\(session)", action: "ec2:RunInstances", resources: ["*"],
                change: .newlyDenied, layer: .scp, policy: "candidate:candidate-1", statement: "NoEC2"))
        }
        #expect(summary.groups.count == 1)
        #expect(summary.groups.first?.count == 3)
        #expect(summary.groups.first?.principal == "arn:aws:iam::1:role/deploy")
        #expect(summary.groups.first?.first == "2026-11-21T00:00:00Z" && summary.groups.first?.last == "2026-11-23T00:00:00Z")
        #expect(summary.groups.first?.example == "e0")
        #expect(summary.newlyDenied == 3)
        #expect(summary.text(markdown: true).contains("| newly-denied | 1 | arn:aws:iam::1:role/deploy | ec2:RunInstances | 3 |"))
    }
}
