import PolicyLanguage
import NightlyReport
import ReplayResults
import Testing
import TrailJSON

struct ReportPeriodTests {
    @Test func rejectsWhatIsNotADay() {
        for text in ["2026-02-30", "2026-13-01", "2026-1-01", "yesterday", "2026-11-28T00:00:00Z", ""] {
            #expect(ReportPeriod.day(text) == nil, "\(text)")
        }
    }

    @Test func labels() {
        #expect(ReportPeriod.day("2026-11-28")?.label == "2026-11-28")
        #expect(ReportPeriod(from: "2026-11-28T06:00:00Z", to: "2026-11-28T18:00:00Z").label
            == "2026-11-28T06:00:00Z to 2026-11-28T18:00:00Z")
    }
}

struct NightlyReportTests {
    static func deny(_ principal: String, _ statement: String, at time: String) -> Attribution {
        Attribution(eventTime: time, account: "111122223333", principal: principal, action: "s3:GetObject",
            decision: .explicitDeny, denies: [.init(layer: .scp, policy: "p-1", statement: statement)])
    }

    @Test func newDeniesAreTheSignaturesTheBaselineLacks() throws {
        let period = try #require(ReportPeriod.day("2026-11-28"))
        let baseline = try #require(ReportPeriod.day("2026-11-27"))
        let report = NightlyReport(period: period, baseline: baseline,
            attributions: [
                NightlyReportTests.deny("alice", "Old", at: "2026-11-28T01:00:00Z"),
                NightlyReportTests.deny("alice", "New", at: "2026-11-28T05:00:00Z"),
                NightlyReportTests.deny("alice", "New", at: "2026-11-28T02:30:00Z"),
                NightlyReportTests.deny("bob", "Old", at: "2026-11-28T23:00:00Z"),
            ],
            baselineAttributions: [NightlyReportTests.deny("alice", "Old", at: "2026-11-27T12:00:00Z")])
        #expect(report.newDenies.map(\.signature.statement) == ["p-1#New", "p-1#Old"])
        #expect(report.newDenies.map(\.signature.principal) == ["alice", "bob"])
        #expect(report.newDenies.first?.count == 2)
        #expect(report.newDenies.first?.firstSeen == "2026-11-28T02:30:00Z")
        #expect(report.byHour[1] == 1 && report.byHour[2] == 1 && report.byHour[5] == 1 && report.byHour[23] == 1)
        #expect(report.byHour.reduce(0, +) == report.summary.total)
    }

    @Test func signaturesOfImplicitAndUnreproducedDenies() {
        let implicit = Attribution(principal: "p", action: "a", decision: .implicitDeny,
            missingAllows: [.init(layer: .scp, level: 1), .init(layer: .identity), .init(layer: .scp, level: 0)])
        #expect(DenySignature(implicit) == DenySignature(principal: "p", action: "a", layers: [.identity, .scp],
            statement: "(no Allow)"))
        let unknown = Attribution(decision: .unknown, reportedLayer: .rcp)
        #expect(DenySignature(unknown) == DenySignature(principal: "(unknown)", action: "(unknown)", layers: [.rcp],
            statement: "(not reproduced)"))
    }

    @Test func aNewSessionOfARoleIsNotANewDeny() throws {
        let period = try #require(ReportPeriod.day("2026-11-28"))
        let baseline = try #require(ReportPeriod.day("2026-11-27"))
        func run(_ session: String, at time: String) -> Attribution {
            Attribution(eventTime: time, principal: "arn:aws:sts::1:assumed-role/deploy/\(session)", action: "ec2:RunInstances",
                decision: .explicitDeny, denies: [.init(layer: .scp, policy: "p-1", statement: "NoCompute")])
        }
        let report = NightlyReport(period: period, baseline: baseline,
            attributions: [run("ci-run-4712", at: "2026-11-28T01:00:00Z")],
            baselineAttributions: [run("ci-run-4711", at: "2026-11-27T01:00:00Z")])
        #expect(report.newDenies.isEmpty)
        #expect(report.summary.byPrincipal == ["arn:aws:iam::1:role/deploy": 1])
    }

    @Test func htmlEscapesWhatItShows() throws {
        let period = try #require(ReportPeriod.day("2026-11-28"))
        let baseline = try #require(ReportPeriod.day("2026-11-27"))
        let report = NightlyReport(period: period, baseline: baseline,
            attributions: [NightlyReportTests.deny("<script>alert(1)</script>", "S&P", at: "2026-11-28T01:00:00Z")],
            baselineAttributions: [])
        #expect(!report.html.contains("<script>"))
        #expect(report.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(report.html.contains("p-1#S&amp;P"))
    }
}

/// CloudTrail delivers a call at least once: the report counts each eventID once and shows the other deliveries.
struct DuplicateDeliveryReportTests {
    static func call(_ id: String?, _ statement: String, at time: String) -> Attribution {
        var result = NightlyReportTests.deny("alice", statement, at: time)
        result.eventID = id
        return result
    }

    @Test func eachCallIsCountedOnceAndTheDuplicatesAreShown() throws {
        let period = try #require(ReportPeriod.day("2026-11-28"))
        let baseline = try #require(ReportPeriod.day("2026-11-27"))
        let calls = [
            Self.call("e1", "New", at: "2026-11-28T01:00:00Z"),
            Self.call("e2", "New", at: "2026-11-28T02:00:00Z"),
            Self.call("e1", "New", at: "2026-11-28T01:00:00Z"),
            Self.call(nil, "Other", at: "2026-11-28T03:00:00Z"),
            Self.call(nil, "Other", at: "2026-11-28T03:00:00Z"),
        ]
        let report = NightlyReport(period: period, baseline: baseline, attributions: calls,
            baselineAttributions: [Self.call("b1", "Old", at: "2026-11-27T01:00:00Z"),
                Self.call("b1", "Old", at: "2026-11-27T01:00:00Z")],
            duplicateDeliveries: 2)
        #expect(report.summary.total == 4, "e1 once; the two records without an eventID cannot be told apart")
        #expect(report.baselineTotal == 1)
        #expect(report.duplicateDeliveries == 3, "2 left out by the store, 1 given twice")
        #expect(report.newDenies.map(\.count) == [2, 2])
        #expect(report.byHour.reduce(0, +) == 4)
        #expect(report.markdown.contains("**4 authorization failures** (3 duplicate deliveries): "))
        #expect(report.html.contains("<span class=\"number\">3</span><span class=\"caption\">duplicate deliveries"))
        #expect(JSONWriter.string(report.json).contains(#""total":4,"duplicateDeliveries":3,"#))

        let single = NightlyReport(period: period, baseline: baseline, attributions: Array(calls.prefix(3)),
            baselineAttributions: [])
        #expect(single.duplicateDeliveriesNote == " (1 duplicate delivery)")
        let none = NightlyReport(period: period, baseline: baseline, attributions: Array(calls.prefix(2)),
            baselineAttributions: [])
        #expect(none.duplicateDeliveriesNote.isEmpty)
        #expect(!none.html.contains("duplicate deliveries"))
    }
}
