import Analysis
import ArgumentParser
import Foundation
import Pipeline
import Replay
import Snapshot
import TrailJSON
import TrailReader

/// `trailreplay explain`: one denied call, explained for a person.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain one denied call: the request as rebuilt, each layer's verdict, and what would have to change.",
        discussion: """
            EVENT is an eventID to look for in PATHs (or a prefix of one, as `analyze --format table` shows \
            it: a prefix that names several events is refused with the candidates), or a file holding the \
            record (any input shape). The PATHs are also searched for the STS records that issued the \
            caller's session.
            """
    )

    @Argument(help: "An eventID or a unique prefix of one, or a file holding one record.")
    var event: String

    @Option(help: ArgumentHelp("The policy snapshot directory.", valueName: "dir"))
    var snapshot: String

    @Argument(help: "CloudTrail logs to search for the event, its session and the policy changes since.")
    var paths: [String] = []

    @OptionGroup var snapshotTime: SnapshotTimeArgument

    func validate() throws {
        if let problem = SnapshotUnavailable.check(snapshot) { throw ValidationError(problem.description) }
    }

    func run() throws {
        let isFile = FileManager.default.fileExists(atPath: event)
        guard isFile || !paths.isEmpty else {
            throw ValidationError("`\(event)` is not a file: give the logs to search for it")
        }
        let sources = isFile ? [event] + paths : paths
        var lookup = EventIDLookup(query: event)
        let options = ReadOptions(selection: isFile ? .all : lookup.selection)
        let job = try AnalysisJob.start(paths: sources, snapshot: snapshot, options: options, jobs: nil)
        snapshotTime.apply(to: job)
        job.readSessionsAndPolicyChanges()
        var record: JSONValue?
        let reader = LogFileReader(options: options)
        for file in job.files where record == nil {
            if isFile && file.path != event { continue }
            let result = reader.read(file) { selected in
                if isFile {
                    if record == nil { record = selected.value }
                } else {
                    lookup.add(selected)
                }
            }
            result.diagnostics.forEach { printError($0.description) }
        }
        if !isFile {
            switch lookup.outcome {
            case .found(let found):
                record = found
            case .notFound:
                break
            case .ambiguous(let candidates, let more):
                throw ValidationError("`\(event)` names more than one event: "
                    + candidates.joined(separator: ", ") + (more ? ", …" : "") + "; give more of the eventID")
            }
        }
        guard let record else {
            printError("error: no record \(isFile ? "in `\(event)`" : "with an eventID starting `\(event)` in the given logs")")
            throw ExitStatus.fatal
        }
        let request = RequestBuilder().build(record, sessions: job.sessions)
        let outcome = job.replay(request)
        print(Explanation.render(request: request, outcome: outcome, afterFixes: job.attributor.decisionAfterFixes(outcome)),
            terminator: "")
        for failure in job.historical?.policyFailures ?? job.attributor.policyFailures {
            printError((failure.isInSnapshot ? "error: " : "warning: ") + failure.description)
        }
        if job.hasFailures { throw ExitStatus.partialFailure }
    }
}
