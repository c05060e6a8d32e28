import PolicyLanguage
import Testing
import TrailJSON
@testable import ReplayResults

/// How results read to an engineer on call: principals grouped by role, what was missing said once, one
/// wording for the comparison with AWS's message, and short reasons on single lines.
@Suite struct SummaryPresentationTests {
    static func session(_ role: String, _ name: String, account: String = "222233334444", decision: Attribution.Decision = .explicitDeny,
        missing: [String] = []) -> Attribution
    {
        var result = Attribution(principal: "arn:aws:sts::\(account):assumed-role/\(role)/\(name)", action: "ec2:RunInstances",
            decision: decision, denies: decision == .explicitDeny ? [.init(layer: .identity, policy: "p", statement: "s")] : [])
        result.missing = missing
        return result
    }

    @Test func principalsAreGroupedByRoleWithTheirSessionCount() {
        var summary = AttributionSummary()
        for name in ["ci-run-1", "ci-run-2", "ci-run-3", "ci-run-2"] { summary.add(Self.session("deploy", name)) }
        summary.add(Attribution(principal: "arn:aws:iam::222233334444:user/alice", decision: .implicitDeny))
        #expect(summary.byPrincipal == ["arn:aws:iam::222233334444:role/deploy": 4, "arn:aws:iam::222233334444:user/alice": 1])
        #expect(summary.sessions(of: "arn:aws:iam::222233334444:role/deploy") == "3")
        #expect(summary.sessions(of: "arn:aws:iam::222233334444:user/alice") == "-")
        #expect(summary.json["sessionsByPrincipal"] == ["arn:aws:iam::222233334444:role/deploy": .number("3")])
        let text = SummaryText.render(summary)
        #expect(text.contains("arn:aws:iam::222233334444:role/deploy  4      3"), "\(text)")
        #expect(!text.contains("ci-run-1"))
        // The per-call result keeps its session.
        #expect(Self.session("deploy", "ci-run-1").sessionName == "ci-run-1")
    }

    @Test func sessionNamesPerRoleAreBounded() {
        var summary = AttributionSummary()
        for i in 0..<(AttributionSummary.sessionNameLimit + 50) { summary.add(Self.session("worker", "s\(i)")) }
        #expect(summary.sessionNames["arn:aws:iam::222233334444:role/worker"]?.count == AttributionSummary.sessionNameLimit)
        #expect(summary.sessions(of: "arn:aws:iam::222233334444:role/worker") == "1000+")
        #expect(summary.byPrincipal["arn:aws:iam::222233334444:role/worker"] == AttributionSummary.sessionNameLimit + 50)
    }

    @Test func whatWasMissingIsCountedOncePerCall() {
        let gap = "account `555566667777` (not in the snapshot)"
        var summary = AttributionSummary()
        for i in 0..<40 { summary.add(Self.session("deploy", "r\(i)", decision: .unknown, missing: [gap, gap])) }
        summary.add(Self.session("deploy", "x", decision: .unknown, missing: ["bucket `b` (not in the snapshot)"]))
        #expect(summary.byMissing == [gap: 40, "bucket `b` (not in the snapshot)": 1])
        let text = SummaryText.render(summary)
        #expect(text.contains("missing from the snapshot or the input"))
        #expect(text.components(separatedBy: "555566667777").count == 2, "said once: \(text)")
    }

    @Test func theComparisonWithAWSIsWordedOneWayEverywhere() {
        let agrees = Attribution(decision: .explicitDeny, reportedLayer: .scp, agreement: true)
        var differs = agrees
        differs.agreement = false
        let unknown = Attribution(decision: .unknown, reportedLayer: .resource)
        let silent = Attribution(decision: .implicitDeny)
        #expect([agrees, differs, unknown, silent].map(\.comparison) == [.agrees, .differs, .notCompared, .notCompared])
        #expect([agrees, differs, unknown, silent].map(\.awsSaid) == ["scp (agrees)", "scp (differs)", "resource (not compared)", "not compared"])
        #expect(AttributionTable.row(unknown).last == "resource (not compared)")
        #expect(AttributionLine.text(differs).contains("(AWS said scp: differs)"))
        var summary = AttributionSummary()
        [agrees, differs, unknown, silent].forEach { summary.add($0) }
        #expect(SummaryText.render(summary).contains("1 agree, 1 differ, 2 not compared"))
        #expect(summary.json["agreement"]?["notCompared"] == .number("2"))
    }

    @Test func aTailLineShowsTheShortReasonOfAnUnknownResult() {
        var result = Attribution(eventID: "e9", principal: "arn:aws:iam::1:user/a", action: "kinesis:PutRecord", decision: .unknown,
            missingAllows: [.init(layer: .resource)])
        result.reason = "resource policy of `arn:aws:kinesis:us-east-1:1:stream/s`: no listing of `kinesis`; the session's issuing record is not in the input"
        let line = AttributionLine.text(result)
        #expect(line.contains("not reproduced: resource policy of `arn:aws:kinesis:us-east-1:1:stream/s`: no listing of `kinesis`  ["), "\(line)")
        #expect(!line.contains("issuing record"))
        let long = String(repeating: "word ", count: 60)
        let short = AttributionLine.shortened(long)
        #expect(short.count <= 122 && short.hasSuffix(" …") && !short.hasSuffix("wor …"))
    }

    @Test func missingRoundTripsThroughTheJSONOnlyWhenPresent() throws {
        let result = Self.session("deploy", "r", decision: .unknown, missing: ["bucket `b` (not in the snapshot)"])
        #expect(result.json["missing"] == .array([.string("bucket `b` (not in the snapshot)")]))
        #expect(Attribution(json: try JSONParser.parse(JSONWriter.string(result.json))) == result)
        #expect(Self.session("deploy", "r").json["missing"] == nil)
    }

    @Test func policiesAreNamedBesideTheirIds() throws {
        let scp = Attribution.Deny(layer: .scp, policy: "arn:aws:organizations::111111111111:policy/o-a1b2c3d4e5/service_control_policy/p-7tr41lpr",
            policyName: "ProtectCloudTrail", statement: "ProtectTrails")
        #expect(scp.policyLabel == "ProtectCloudTrail (p-7tr41lpr)")
        // A managed policy's ARN already says its name.
        let managed = Attribution.Deny(layer: .identity, policy: "arn:aws:iam::1:policy/RequireMFA", policyName: "RequireMFA", statement: "s")
        #expect(managed.policyLabel == "arn:aws:iam::1:policy/RequireMFA")
        let result = Attribution(decision: .explicitDeny, denies: [scp])
        #expect(AttributionTable.row(result)[5] == "ProtectCloudTrail (p-7tr41lpr)")
        #expect(result.json["denies"]?.arrayValue?.first?["policyName"] == .string("ProtectCloudTrail"))
        #expect(Attribution(json: try JSONParser.parse(JSONWriter.string(result.json))) == result)
        var summary = AttributionSummary()
        summary.add(result)
        #expect(summary.byStatement == ["ProtectCloudTrail (p-7tr41lpr)#ProtectTrails": 1])
    }
}
