import ArgumentParser
import CivilTime
import DenyStore
import Foundation
import NightlyReport
import TrailJSON

/// `trailreplay report`: the nightly report of a period's denies from the deny store, and what is new in it.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report a period's attributed denies from the deny store, and which of them are new.",
        discussion: """
            Reads the attributions whose event time falls in the period — --date DAY (a UTC day; the default \
            is yesterday), or --from and --to — and reports totals; counts by layer, account, principal, \
            action and policy statement (the top --top of each); how many were reproduced, and why not; and \
            agreement with the layer AWS reported.

            New since the baseline: the deny signatures (principal × action × layer × policy statement) of \
            the period that did not occur in the baseline period, --baseline DAY (default: the day before the \
            period). This is what a nightly job is for; --fail-on-new exits with status 3 when there are any.

            Formats: md (Markdown, for chat and tickets), json (for machines: every breakdown in full, and \
            `total`, the number of authorization failures in the period), html (one self-contained page with inline SVG charts; \
            nothing is fetched). The output is the same for the same store and options.

            Exit status: 0 on success, 2 when the store cannot be read or the output cannot be written, \
            3 with --fail-on-new when there are new denies, 64 on usage errors.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case md, html, json
    }

    @Option(help: ArgumentHelp("The deny store written by `analyze --store` or `tail`.", valueName: "file"))
    var store: String

    @Option(help: ArgumentHelp("Report this UTC day (YYYY-MM-DD); the default is yesterday.", valueName: "day"))
    var date: String?

    @Option(help: "Start of the period: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]Z (with --to).")
    var from: String?

    @Option(help: "End of the period: YYYY-MM-DD (the whole day) or YYYY-MM-DDTHH:MM[:SS]Z (inclusive).")
    var to: String?

    @Option(help: ArgumentHelp("The UTC day to compare with; the default is the day before the period.",
        valueName: "day"))
    var baseline: String?

    @Option(help: "Output format: md, html or json.")
    var format: Format = .md

    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(help: "How many entries each top list shows.")
    var top: Int = 10

    @Flag(help: "Exit with status 3 when the period has denies that the baseline did not have.")
    var failOnNew = false

    func validate() throws {
        _ = try periods()
        if top < 1 { throw ValidationError("--top must be at least 1") }
    }

    /// The period and its baseline that the options describe.
    func periods(today: Date = Date()) throws -> (ReportPeriod, ReportPeriod) {
        let period: ReportPeriod
        if let date {
            guard from == nil && to == nil else { throw ValidationError("give either --date or --from and --to") }
            period = ReportPeriod(day: try Self.day(date, option: "--date"))
        } else if from != nil || to != nil {
            let range: TimeRange
            do {
                range = try TimeRange(from: from, to: to)
            } catch {
                throw ValidationError(error.description)
            }
            guard let start = range.from, let end = range.to else { throw ValidationError("--from and --to go together") }
            period = ReportPeriod(from: start, to: end)
        } else {
            period = ReportPeriod(day: UTCTime(secondsSinceEpoch: today.timeIntervalSince1970).date.previous)
        }
        let baselineDay: CivilDate
        if let baseline {
            baselineDay = try Self.day(baseline, option: "--baseline")
        } else {
            guard let first = period.firstDay else { throw ValidationError("cannot tell which day precedes the period") }
            baselineDay = first.previous
        }
        return (period, ReportPeriod(day: baselineDay))
    }

    /// A UTC day given as an option, strictly (no 30 February).
    static func day(_ text: String, option: String) throws -> CivilDate {
        guard let day = CivilDate(text) else { throw ValidationError("cannot read \(option) `\(text)`: use YYYY-MM-DD") }
        return day
    }

    func run() throws {
        let (period, baselinePeriod) = try periods()
        let report: NightlyReport
        do {
            let denyStore = try DenyStore(path: store, readOnly: true)
            report = NightlyReport(period: period, baseline: baselinePeriod,
                attributions: try denyStore.attributions(from: period.from, to: period.to),
                baselineAttributions: try denyStore.attributions(from: baselinePeriod.from, to: baselinePeriod.to),
                duplicateDeliveries: try denyStore.duplicateDeliveries(from: period.from, to: period.to), top: top)
        } catch {
            printError("error: \(error)")
            throw ExitStatus.fatal
        }
        do {
            let out = try OutputStream(path: output)
            switch format {
            case .md: try out.write(report.markdown)
            case .html: try out.write(report.html)
            case .json: try out.write(JSONWriter.string(report.json) + "\n")
            }
            try out.flush()
        } catch {
            printError("error: \(error)")
            throw ExitStatus.fatal
        }
        printError("report: \(report.summary.total) authorization failures\(report.duplicateDeliveriesNote) in \(period.label), "
            + "\(report.newDenies.count) new deny signatures since \(baselinePeriod.label)")
        if failOnNew && !report.newDenies.isEmpty { throw ExitStatus.newDenies }
    }
}
