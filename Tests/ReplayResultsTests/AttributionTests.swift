import PolicyLanguage
import Testing
import TrailJSON
@testable import ReplayResults

@Suite struct AttributionTests {
    static let explicit = Attribution(eventID: "e1", eventTime: "2026-11-28T09:00:00Z", account: "1", region: "us-east-1",
        principal: "arn:aws:iam::1:user/a", action: "s3:GetObject", resources: ["arn:aws:s3:::b/k"], errorCode: "AccessDenied",
        decision: .explicitDeny, denies: [.init(layer: .resource, policy: "arn:aws:s3:::b", statement: "DenyAll")],
        reportedLayer: .resource, agreement: true)
    static let implicit = Attribution(eventID: "e2", principal: "arn:aws:iam::1:user/a", action: "iam:ListRoles",
        decision: .implicitDeny, missingAllows: [.init(layer: .identity)], reportedLayer: .scp, agreement: false)
    static let unknown = Attribution(eventID: "e3", principal: "arn:aws:iam::1:user/b", action: "kinesis:PutRecord",
        decision: .unknown, reason: "resource policy not in the snapshot")

    @Test func jsonKeepsTheDocumentedKeysInOrderAndRoundTrips() throws {
        let json = Self.explicit.json
        #expect(json.objectValue?.keys == ["eventID", "eventTime", "account", "region", "principal", "action", "resources",
            "errorCode", "decision", "denies", "missingAllows", "fixes", "reportedLayer", "reportedPolicy", "agreement",
            "missingContext", "reason"])
        #expect(JSONWriter.string(json).contains(#""decision":"explicit-deny""#))
        #expect(Attribution(json: try JSONParser.parse(JSONWriter.string(json))) == Self.explicit)
        #expect(Attribution(json: Self.implicit.json) == Self.implicit)
    }

    @Test func fixesRoundTripThroughTheJSON() throws {
        var result = Self.implicit
        result.fixes = [
            .init(layer: .identity, policy: "arn:aws:iam::1:user/a", change: .addStatement,
                statement: ["Effect": "Allow", "Action": "iam:ListRoles", "Resource": "*"], detail: "attach it"),
            .init(layer: .scp, level: 1, policy: "ou-ab12-prod", change: .meetCondition, statement: "RequireMFA",
                requestContext: ["aws:MultiFactorAuthPresent": ["true"]], detail: "sign in with MFA"),
        ]
        let text = JSONWriter.string(result.json)
        #expect(text.contains(#""fixes":[{"layer":"identity","policy":"arn:aws:iam::1:user/a","change":"add-statement","statement":{"Effect":"Allow","Action":"iam:ListRoles","Resource":"*"},"detail":"attach it"},{"layer":"scp","level":1,"policy":"ou-ab12-prod","change":"meet-condition","statement":"RequireMFA","requestContext":{"aws:MultiFactorAuthPresent":["true"]},"detail":"sign in with MFA"}]"#), "\(text)")
        #expect(Attribution(json: try JSONParser.parse(text)) == result)
    }

    @Test func summaryCountsEveryBreakdown() {
        var summary = AttributionSummary()
        [Self.explicit, Self.implicit, Self.unknown, Self.explicit].forEach { summary.add($0) }
        #expect(summary.total == 4)
        #expect(summary.byDecision == ["explicit-deny": 2, "implicit-deny": 1, "unknown": 1])
        #expect(summary.byLayer == [.resource: 2, .identity: 1])
        #expect(summary.byStatement == ["arn:aws:s3:::b#DenyAll": 2])
        #expect(summary.byPrincipal == ["arn:aws:iam::1:user/a": 3, "arn:aws:iam::1:user/b": 1])
        #expect(summary.reproduced == 3 && summary.notReproduced == 1)
        #expect(summary.reasons == ["resource policy not in the snapshot": 1])
        #expect(summary.agreed == 2 && summary.disagreed == 1 && summary.unreported == 1)
        #expect(summary.json["total"] == .number("4"))
        let text = SummaryText.render(summary)
        #expect(text.contains("authorization failures: 4; reproduced 3, not reproduced 1"))
        #expect(text.contains("arn:aws:s3:::b#DenyAll  2"))
    }
}
