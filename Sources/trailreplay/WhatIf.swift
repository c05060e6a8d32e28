import Analysis
import ArgumentParser
import Foundation
import Pipeline
import ReplayResults
import Snapshot
import TrailJSON
import TrailReader

/// `trailreplay whatif`: which past calls a candidate SCP or RCP change would deny (or allow).
struct WhatIf: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "Replay every call of the logs against a candidate policy change: which would it newly deny or allow?",
        discussion: """
            Every record is judged. A call that succeeded passed every layer, so it is judged on the layers \
            the change touches alone (the SCPs and RCPs for --attach and --detach) and is newly denied when \
            the candidate denies it there (explicitly, or by leaving a level without an Allow) while today's \
            policies do not. --candidate DIR is a second snapshot, a copy of the first with files changed, for \
            any change (an identity policy, a boundary, a bucket policy); the layers it changes are found per \
            call. A call that was denied is replayed on every \
            layer and is newly allowed when the candidate allows it. AWS's exemptions hold: the management \
            account, service-linked roles and AWS service principals are not restricted by SCPs; RCPs apply \
            only to the services AWS lists.

            Each --attach-to pairs with an --attach-scp, then with an --attach-rcp, in the order given; each \
            --detach-from with a --detach (--from and --to are the time filters, as for extract). A candidate policy is a policy document file, as `aws organizations create-policy \
            --content file://…` takes it.

            Exit status: 0 when no call would be newly denied, 3 when some would, 1 when some input could not \
            be read, 2 when the output cannot be written, 64 on usage errors (a bad candidate file or target).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case jsonl, table, json, md
    }

    @OptionGroup var input: ReadArguments

    @Option(help: ArgumentHelp("The policy snapshot directory (today's policies).", valueName: "dir"))
    var snapshot: String

    @Option(name: .customLong("attach-scp"), help: ArgumentHelp("A candidate SCP document to attach.", valueName: "file"))
    var attachSCPs: [String] = []

    @Option(name: .customLong("attach-rcp"), help: ArgumentHelp("A candidate RCP document to attach.", valueName: "file"))
    var attachRCPs: [String] = []

    @Option(name: .customLong("attach-to"), help: ArgumentHelp("The root, OU or account id to attach to.", valueName: "target"))
    var targets: [String] = []

    @Option(name: .customLong("detach"), help: ArgumentHelp("An attached SCP or RCP to detach.", valueName: "policy-id"))
    var detaches: [String] = []

    @Option(name: .customLong("detach-from"), help: ArgumentHelp("The root, OU or account id to detach from.", valueName: "target"))
    var detachTargets: [String] = []

    @Option(help: ArgumentHelp("A candidate snapshot: a copy of --snapshot with files changed.", valueName: "dir"))
    var candidate: String?

    @Option(help: "Output format: jsonl, table, json or md (the summary as Markdown, for a pull-request comment).")
    var format: Format = .jsonl

    @Option(name: .shortAndLong, help: "Write the results to this file instead of standard output.")
    var output: String?

    func validate() throws {
        if let problem = SnapshotUnavailable.check(snapshot) { throw ValidationError(problem.description) }
        try refuseOutputConflict(output, option: "--output",
            inputs: input.paths + [snapshot] + attachSCPs + attachRCPs + [candidate].compactMap { $0 })
        guard !attachSCPs.isEmpty || !attachRCPs.isEmpty || !detaches.isEmpty || candidate != nil else {
            throw ValidationError("give a change: --attach-scp FILE --attach-to TARGET, --attach-rcp FILE --attach-to TARGET, --detach ID --detach-from TARGET or --candidate DIR")
        }
        guard targets.count == attachSCPs.count + attachRCPs.count else {
            throw ValidationError("give one --attach-to for each --attach-scp and --attach-rcp (\(attachSCPs.count + attachRCPs.count)), not \(targets.count)")
        }
        guard detachTargets.count == detaches.count else {
            throw ValidationError("give one --detach-from for each --detach (\(detaches.count)), not \(detachTargets.count)")
        }
    }

    func run() throws {
        let options = ReadOptions(selection: .all, filter: try input.filter(), maxRecordBytes: input.maxRecordSize)
        var changes: [OrganizationChange] = []
        var candidateSnapshot: CandidateSnapshot?
        do {
            if let candidate { candidateSnapshot = try CandidateSnapshot.load(directory: candidate, today: snapshot) }
            for (file, target) in zip(attachSCPs, targets) { changes.append(try WhatIfRun.attachment(.scp, file: file, to: target)) }
            for (file, target) in zip(attachRCPs, targets.dropFirst(attachSCPs.count)) {
                changes.append(try WhatIfRun.attachment(.rcp, file: file, to: target))
            }
        } catch {
            printError("error: \(error)")
            throw ExitCode(64)
        }
        changes += zip(detaches, detachTargets).map { OrganizationChange.detach(policyID: $0, from: $1) }
        let job = try AnalysisJob.start(paths: input.paths, snapshot: snapshot, options: options, jobs: input.jobs)
        if let candidateSnapshot, let candidate {
            printError(candidateSnapshot.changeLine(directory: candidate))
        }
        let changed: Snapshot
        do {
            changed = try (candidateSnapshot?.snapshot ?? job.snapshot).applying(changes)
        } catch {
            printError("error: \(error)")
            throw ExitCode(64)
        }
        let out = try OutputStream.open(output)
        var writeError: Error?
        var table = TextTable(headers: ["event", "change", "principal", "action", "layer", "policy", "statement"])
        var first = true
        if format == .json { try? out.write(#"{"changes":["#) }
        let outcome = WhatIfRun.run(job, judge: WhatIfJudge(snapshot: job.snapshot, candidate: changed,
            scope: candidateSnapshot?.scope ?? .organization), options: options,
            diagnostics: printError) { verdict in
            do {
                switch format {
                case .jsonl: try out.write(JSONWriter.string(verdict.json) + "\n")
                case .json: try out.write((first ? "" : ",") + JSONWriter.string(verdict.json))
                case .table:
                    table.add([verdict.eventID ?? "-", verdict.change.rawValue, verdict.principal ?? "-", verdict.action ?? "-",
                        verdict.layer?.rawValue ?? "-",
                        verdict.policyName ?? verdict.policy ?? "-", verdict.statement ?? verdict.detail ?? "-"])
                case .md: break
                }
            } catch {
                writeError = writeError ?? error
            }
            first = false
        }
        let summary = outcome.summary
        do {
            let width = TerminalWidth.current(environment: ProcessInfo.processInfo.environment)
            switch format {
            case .jsonl: printError(summary.text(markdown: false, width: width))
            case .json: try out.write(#"],"summary":"# + JSONWriter.string(summary.json) + "}\n")
            case .table: try out.write((table.rows.isEmpty ? "" : table.render(width: width) + "\n") + summary.text(markdown: false, width: width))
            case .md: try out.write(summary.text(markdown: true))
            }
            try out.flush()
        } catch {
            writeError = writeError ?? error
        }
        for failure in job.attributor.policyFailures where failure.isInSnapshot { printError("error: " + failure.description) }
        printError(outcome.statistics.summary(selectedName: "calls replayed", notSelectedName: "beyond the change's reach"))
        if let writeError {
            printError("error: \(writeError)")
            throw ExitStatus.fatal
        }
        if job.hasFailures || outcome.statistics.hasFailures { throw ExitStatus.partialFailure }
        if summary.newlyDenied > 0 { throw ExitStatus.newDenies }
    }
}
