import CivilTime
import PolicyLanguage
@testable import NightlyReport
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

    @Test func deniesFixedAfterTheCallAreTheirOwnFigure() throws {
        let period = try #require(ReportPeriod.day("2026-11-28"))
        var fixed = NightlyReportTests.deny("alice", "NoUserListing", at: "2026-11-28T09:00:00Z")
        fixed.policyChanges = [PolicyChangeNote(time: "2026-11-28T09:30:00Z", eventName: "PutUserPolicy", eventID: "e-fix",
            by: "arn:aws:iam::111122223333:user/admin", policy: "p-1")]
        var unrelated = NightlyReportTests.deny("bob", "Other", at: "2026-11-28T10:00:00Z")
        unrelated.policyChanges = [PolicyChangeNote(time: "2026-11-28T11:00:00Z", eventName: "PutUserPolicy", eventID: "e-other",
            by: nil, policy: "p-2")]
        let report = NightlyReport(period: period, baseline: try #require(ReportPeriod.day("2026-11-27")),
            attributions: [fixed, unrelated, NightlyReportTests.deny("carol", "Other", at: "2026-11-28T12:00:00Z")],
            baselineAttributions: [])
        // Only alice's deny was fixed: bob's later change is to a policy that did not deny him.
        #expect(report.summary.sinceFixed == 1)
        #expect(report.markdown.contains("3 reproduced (1 denied, since fixed)"))
        #expect(report.json["deniedSinceFixed"] == .number("1"))
        #expect(report.html.contains("denied, since fixed"))
        let none = NightlyReport(period: period, baseline: try #require(ReportPeriod.day("2026-11-27")),
            attributions: [NightlyReportTests.deny("carol", "Other", at: "2026-11-28T12:00:00Z")], baselineAttributions: [])
        #expect(!none.markdown.contains("since fixed") && none.json["deniedSinceFixed"] == nil)
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

    @Test func newDeniesNameTheSCPButMatchRowsStoredWithoutTheName() throws {
        let period = try #require(ReportPeriod.day("2026-11-28"))
        let baseline = try #require(ReportPeriod.day("2026-11-27"))
        let arn = "arn:aws:organizations::111111111111:policy/o-a1b2c3d4e5/service_control_policy/p-7tr41lpr"
        func deny(named: Bool, at time: String) -> Attribution {
            Attribution(eventTime: time, principal: "arn:aws:iam::1:user/a", action: "cloudtrail:StopLogging", decision: .explicitDeny,
                denies: [.init(layer: .scp, policy: arn, policyName: named ? "ProtectCloudTrail" : nil, statement: "ProtectTrails")])
        }
        #expect(DenySignature(deny(named: true, at: "x")) == DenySignature(deny(named: false, at: "x")))
        let old = NightlyReport(period: period, baseline: baseline, attributions: [deny(named: true, at: "2026-11-28T01:00:00Z")],
            baselineAttributions: [deny(named: false, at: "2026-11-27T01:00:00Z")])
        #expect(old.newDenies.isEmpty)
        let new = NightlyReport(period: period, baseline: baseline, attributions: [deny(named: true, at: "2026-11-28T01:00:00Z")],
            baselineAttributions: [])
        #expect(new.markdown.contains("| ProtectCloudTrail (p-7tr41lpr)#ProtectTrails |"), "\(new.markdown)")
        #expect(new.html.contains("ProtectCloudTrail"))
    }

    @Test func htmlEscapesWhatItShows() throws {
        let period = try #require(ReportPeriod.day("2026-11-28"))
        let baseline = try #require(ReportPeriod.day("2026-11-27"))
        let report = NightlyReport(period: period, baseline: baseline,
            attributions: [NightlyReportTests.deny("<script>alert(1)</script>", "S&P", at: "2026-11-28T01:00:00Z")],
            baselineAttributions: [])
        #expect(!report.html.contains("<script>"))
        #expect(report.html.contains("<span class=\"t\">&lt;script&gt;alert(1)&lt;/</span><wbr><span class=\"t\">script&gt;</span>"))
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

/// Long names in the HTML report: whole in chart labels (wrapped onto tspans), broken only between tokens in
/// tables, times never broken, code spans as <code>.
struct ReportLayoutTests {
    static let role = "arn:aws:iam::444455556666:role/AWSReservedSSO_PlatformEngineeringAdministratorAccess_0123456789abcdef"

    @Test func namesBreakAfterTheirSeparatorsOnly() {
        #expect(TokenBreaks.segments("arn:aws:iam::111122223333:role/deploy-prod")
            == ["arn:", "aws:", "iam::", "111122223333:", "role/", "deploy-prod"])
        #expect(TokenBreaks.segments("p-1#Deny, two words") == ["p-1#", "Deny,", " ", "two ", "words"])
        #expect(TokenBreaks.lines("arn:aws:iam::111122223333:role/deploy-prod", width: 30)
            == ["arn:aws:iam::111122223333:", "role/deploy-prod"])
        #expect(TokenBreaks.lines("short", width: 30) == ["short"])
        #expect(TokenBreaks.lines("", width: 30) == [""])
        // A token longer than a line is the one place a line ends inside a token.
        #expect(TokenBreaks.lines("role/abcdefghij", width: 4) == ["role", "/abc", "defg", "hij"])
        #expect(TokenBreaks.lines("ab cd", width: 2) == ["ab ", "cd"])
        for width in [8, 20, 40, 54] {
            let lines = TokenBreaks.lines(ReportLayoutTests.role + "#DenyEverything outside the approved regions", width: width)
            #expect(lines.joined() == ReportLayoutTests.role + "#DenyEverything outside the approved regions")
            #expect(lines.allSatisfy { $0.trimmingSuffixSpace.count <= width }, "\(lines)")
        }
    }

    @Test func chartLabelsAreWholeLinesOfTheFullName() {
        let statement = ReportLayoutTests.role + "#inline:guardrails#DenyLeavingTheOrganization"
        let svg = SVGBarChart(id: "c", title: "t", bars: [(statement, 3), ("scp", 1)], orientation: .horizontal)
        let chart = svg.render()
        #expect(!chart.contains("\u{2026}"))
        #expect(chart.contains("width=\"100%\"") && chart.contains("viewBox=\"0 0 \(SVGBarChart.width) "))
        #expect(svg.labelCharacters == 71, "the longest token, the role name with its `#`, is not cut")
        let lines = TokenBreaks.lines(statement, width: svg.labelCharacters)
        #expect(lines == ["arn:aws:iam::444455556666:role/",
            "AWSReservedSSO_PlatformEngineeringAdministratorAccess_0123456789abcdef#",
            "inline:guardrails#DenyLeavingTheOrganization"])
        for line in lines { #expect(chart.contains(">\(line)</tspan>")) }
        #expect(chart.contains("<title>\(statement): 3</title>"))

        let short = SVGBarChart(id: "s", title: "t", bars: [("permissions-boundary", 2), ("scp", 1)], orientation: .horizontal)
        #expect(short.labelCharacters == 20, "short labels leave the bars the room")
        let huge = SVGBarChart(id: "h", title: "t", bars: [(String(repeating: "x", count: 200), 1)], orientation: .horizontal)
        #expect(huge.labelCharacters == SVGBarChart.maxCharacters)
        #expect(huge.labelWidth + 56 < SVGBarChart.width / 10 * 9, "bars keep some room")
    }

    @Test func tableCellsBreakOnlyBetweenTokensAndTimesNever() {
        #expect(HTMLText.breakable("arn:aws:s3:::b-1/k") == "<span class=\"t\">arn:</span><wbr><span class=\"t\">aws:</span><wbr>"
            + "<span class=\"t\">s3:::</span><wbr><span class=\"t\">b-1/</span><wbr><span class=\"t\">k</span>")
        #expect(HTMLText.breakable("a <b>") == "<span class=\"t\">a</span> <span class=\"t\">&lt;b&gt;</span>")
        #expect(HTMLText.time("2026-11-28T14:02:00Z") == "<time datetime=\"2026-11-28T14:02:00Z\">2026-11-28T14:02:00Z</time>")
    }

    @Test func codeSpansBecomeCodeElements() {
        #expect(HTMLText.inline("account `1` and `2`") == "<span class=\"t\">account</span> <code><span class=\"t\">1</span></code>"
            + " <span class=\"t\">and</span> <code><span class=\"t\">2</span></code>")
        #expect(HTMLText.inline("a `b") == "<span class=\"t\">a</span> <span class=\"t\">`b</span>", "an unpaired backtick stays")
        #expect(HTMLText.plain("for `x` and `y`") == "for x and y")
    }

    @Test func theHTMLShowsNoBacktickAndTheMarkdownKeepsThem() throws {
        let period = try #require(ReportPeriod.day("2026-11-28"))
        let baseline = try #require(ReportPeriod.day("2026-11-27"))
        let unknown = Attribution(eventTime: "2026-11-28T01:00:00Z", principal: "p", action: "a", decision: .unknown,
            reason: "no resource control policies for account `111122223333`")
        let report = NightlyReport(period: period, baseline: baseline, attributions: [unknown], baselineAttributions: [])
        #expect(!report.html.contains("`"))
        #expect(report.html.contains("<code><span class=\"t\">111122223333</span></code>"))
        #expect(report.markdown.contains("| no resource control policies for account `111122223333` | 1 |"))
    }
}

/// What the report says beside its numbers so that they read right: the baseline's size beside the new count,
/// and which days the store holds when the period has nothing.
struct ReportContextTests {
    static let period = ReportPeriod.day("2026-11-30")!
    static let baseline = ReportPeriod.day("2026-11-29")!
    static let storeDays = ["2026-11-28", "2026-11-27", "2026-11-28"].compactMap(CivilDate.init)

    @Test func storeDaysAreSpansOfConsecutiveDays() {
        let days = ["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-03", "2024-02-29"].compactMap(CivilDate.init)
        #expect(StoreDays(days).description == "2024-02-29, 2026-02-27 to 2026-03-01, 2026-03-03 (5 days)")
        #expect(StoreDays([]).description == "no calls")
        #expect(StoreDays(Array(days.prefix(1))).description == "2026-02-27 (1 day)")
        let scattered = (0..<6).map { CivilDate(daysSinceEpoch: 20_000 + 2 * $0) }
        #expect(StoreDays(scattered).description == "6 days from 2024-10-04 to 2024-10-14, in 6 separate spans")
    }

    @Test func anEmptyPeriodNamesTheDaysTheStoreHolds() {
        let report = NightlyReport(period: Self.period, baseline: Self.baseline, attributions: [],
            baselineAttributions: [], storeDays: Self.storeDays)
        let note = "No authorization failures on 2026-11-30; the store holds 2026-11-27 to 2026-11-28 (2 days)."
        #expect(report.emptyPeriodNote == note)
        #expect(report.markdown.contains("\n\(note)\n"))
        #expect(!report.markdown.contains("**0 authorization failures**"))
        #expect(report.markdown.contains("None: the period has no authorization failures."))
        #expect(report.html.contains("<p class=\"note\" id=\"empty-period\">"))
        #expect(JSONWriter.string(report.json).contains(#""storeDays":[{"from":"2026-11-27","to":"2026-11-28","days":2}]"#))
        let range = NightlyReport(period: ReportPeriod(from: "2026-11-30T06:00:00Z", to: "2026-11-30T18:00:00Z"),
            baseline: Self.baseline, attributions: [], baselineAttributions: [], storeDays: [])
        #expect(range.emptyPeriodNote
            == "No authorization failures from 2026-11-30T06:00:00Z to 2026-11-30T18:00:00Z; the store holds no calls.")
    }

    @Test func theNewCountStandsBesideTheBaselineSize() {
        let calls = (0..<3).map { NightlyReportTests.deny("alice", "S\($0)", at: "2026-11-30T0\($0):00:00Z") }
        let report = NightlyReport(period: Self.period, baseline: Self.baseline, attributions: calls,
            baselineAttributions: [], storeDays: Self.storeDays + [CivilDate("2026-11-30")!])
        #expect(report.emptyPeriodNote == nil)
        #expect(report.markdown.contains("## New since the baseline: 3 — baseline 2026-11-29: 0 calls\n"))
        #expect(report.markdown.contains("The baseline has no calls on 2026-11-29, so every deny signature of the period "
            + "counts as new; the store holds 2026-11-27 to 2026-11-28, 2026-11-30 (3 days)."))
        #expect(report.html.contains("<span class=\"number\">3</span><span class=\"caption\">new since the baseline</span>"
            + "<span class=\"detail\">baseline 2026-11-29: 0 calls</span>"))
        #expect(JSONWriter.string(report.json).contains(#""baseline":{"from":"2026-11-29T00:00:00Z","to":"2026-11-30T00:00:00Z","total":0}"#))
        let one = NightlyReport(period: Self.period, baseline: Self.baseline, attributions: calls,
            baselineAttributions: [NightlyReportTests.deny("alice", "S0", at: "2026-11-29T01:00:00Z")])
        #expect(one.baselineNote == "baseline 2026-11-29: 1 call")
        #expect(one.emptyBaselineNote == nil)
    }
}

extension String {
    /// Without one trailing space (a line's last space is not drawn).
    fileprivate var trimmingSuffixSpace: Substring { hasSuffix(" ") ? dropLast() : self[...] }
}
