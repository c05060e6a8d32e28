import Analysis
import ArgumentParser
import DenyStore
import Foundation
import Pipeline
import Replay
import ReplayResults
import S3Access
import Snapshot
import TrailJSON
import TrailReader

/// `trailreplay analyze`: replay every authorization failure against a policy snapshot and attribute it.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay each authorization failure against a policy snapshot and say which layer denied it.",
        discussion: """
            Reads each input once, keeping the STS records that issue sessions (so that session policies are \
            replayed, not guessed) and the authorization failures; once every file is read, each failure becomes \
            a request (principal, action, resource, context), is evaluated against the snapshot, and is \
            attributed to the layer, policy and statement that denied it — or reported as not reproducible, with \
            the reason. Each eventID is replayed once; later deliveries of it are counted in the summary.

            Output: one JSON object per failure (jsonl, the default) with a summary on stderr; a table with the \
            summary (table); or one JSON document with the results and the summary (json).

            With --store FILE, every file read, its attributions and the run are also written to the deny \
            store (SQLite, created when missing), one transaction per file; a file whose content is already \
            stored adds nothing, so re-running a night's batch is safe. The output is the same as without it. \
            With --skip-stored, files stored with the same path, size and modification time are not read at \
            all (not even for their sessions, and their results are not printed again): a nightly \
            run over a growing archive reads only the new files. --store keeps whole files, so it does not go \
            with the record filters (--from, --to, --account, --region).

            With --index FILE (written by `trailreplay index` over the whole archive), the inputs are analyzed \
            as one part of that archive: sessions issued in other parts are known, and a failure first \
            delivered in another part is counted as a duplicate, not replayed (Scripts/spark/analyze.py).

            Exit status: 0 when every input and the snapshot were read, 1 when some file, record or snapshot \
            file could not be read (everything else is still analyzed), 2 when the output cannot be written, \
            64 on usage errors.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case jsonl, table, json
    }

    @OptionGroup var input: ReadArguments

    @Option(help: ArgumentHelp("The policy snapshot directory (see the README for its layout).", valueName: "dir"))
    var snapshot: String

    @OptionGroup var snapshotTime: SnapshotTimeArgument

    @Option(help: "Output format: jsonl, table or json.")
    var format: Format = .jsonl

    @Option(name: .shortAndLong, help: "Write the results to this file instead of standard output.")
    var output: String?

    @Option(help: ArgumentHelp("Also write every file, attribution and this run to this deny store (SQLite).",
        valueName: "file"))
    var store: String?

    @Flag(help: "With --store: do not read the files stored with the same path, size and modification time.")
    var skipStored = false

    @Option(help: ArgumentHelp("Analyze the inputs as a part of the archive this index describes (`trailreplay index`).",
        valueName: "file"))
    var index: String?

    @Flag(help: "With --format table: one line per result, however wide (default: fit COLUMNS or the terminal, else 160).")
    var wide = false

    func validate() throws {
        if let problem = SnapshotUnavailable.check(snapshot) { throw ValidationError(problem.description) }
        try refuseOutputConflict(output, option: "--output",
            inputs: input.paths + [snapshot] + (store.map { [$0] } ?? []) + (index.map { [$0] } ?? []))
        try refuseOutputConflict(store, option: "--store", inputs: input.paths + [snapshot])
        guard store != nil else {
            if skipStored { throw ValidationError("--skip-stored needs --store") }
            return
        }
        if input.paths.contains("-") {
            throw ValidationError("--store cannot record standard input: give files or directories")
        }
        if let url = input.paths.first(where: S3Location.isS3URL) {
            throw ValidationError("--store records local files (their size and modification time): it cannot record `\(url)`")
        }
        if input.from != nil || input.to != nil || !input.accounts.isEmpty || !input.regions.isEmpty {
            throw ValidationError("--store keeps whole files: it cannot be combined with --from, --to, --account or "
                + "--region (`report` selects the period)")
        }
    }

    func run() throws {
        let options = ReadOptions(selection: .authorizationFailures, filter: try input.filter(),
            maxRecordBytes: input.maxRecordSize)
        let stored: DenyStore?
        do {
            stored = try skipStored ? store.map { path throws(StoreError) in try DenyStore(path: path) } : nil
        } catch {
            printError("error: \(error)")
            throw ExitStatus.fatal
        }
        let job = try AnalysisJob.start(paths: input.paths, snapshot: snapshot, options: options, jobs: input.jobs) {
            file in
            guard let stored, let stamp = FileStamp(path: file.path) else { return false }
            return (try? stored.contains(path: file.path, size: stamp.size, modifiedAt: stamp.modifiedAt)) ?? false
        }
        snapshotTime.apply(to: job)
        var indexFailed = false
        if let index {
            let (archive, read) = ArchiveIndex.read(path: index, maxLineBytes: input.maxRecordSize)
            read.diagnostics.forEach { printError($0.description) }
            indexFailed = read.hasFailures
            job.use(archive)
        }
        let out = try OutputStream.open(output)
        var recorder: StoreRecorder?
        if let store {
            do {
                recorder = try StoreRecorder(path: store, command: "analyze", snapshot: snapshot)
                recorder?.batchSize = 32
            } catch {
                printError("error: \(error)")
                throw ExitStatus.fatal
            }
        }
        var storeError: (any Error)?

        var summary = AttributionSummary()
        var table = TextTable(headers: AttributionTable.headers)
        var first = true
        var writeError: Error?
        if format == .json { try? out.write(#"{"results":["#) }
        let progress = ProgressLine(total: job.files.count)
        job.run(hashing: recorder != nil) { sofar in
            progress.update(files: sofar.files, bytes: sofar.bytesRead, records: sofar.records, failures: sofar.failures)
        } _: { file in
            progress.finish()
            file.read.diagnostics.forEach { printError($0.description) }
            if storeError == nil, recorder != nil {
                do {
                    if case .notStored(let reason) = try recorder?.store(file) {
                        printError("error: \(file.read.file.path): not stored: \(reason)")
                    }
                } catch {
                    storeError = error
                }
            }
            for (result, json) in zip(file.attributions, file.json) {
                summary.add(result)
                do {
                    switch format {
                    case .jsonl:
                        try out.write(json + "\n")
                    case .json:
                        try out.write((first ? "" : ",") + json)
                    case .table:
                        table.add(AttributionTable.row(result))
                    }
                } catch {
                    writeError = writeError ?? error
                }
                first = false
            }
        }
        progress.finish()
        summary.duplicateDeliveries = job.statistics.duplicates
        do {
            switch format {
            case .jsonl:
                printError(SummaryText.render(summary))
            case .json:
                try out.write(#"],"summary":"# + JSONWriter.string(summary.json) + "}\n")
            case .table:
                let width = wide ? nil : TerminalWidth.current(environment: ProcessInfo.processInfo.environment)
                let events = UniquePrefix.prefixes(of: table.rows.map(\.[0]).filter { $0 != "-" })
                table.rows = table.rows.map { row in [events[row[0]] ?? row[0]] + row.dropFirst() }
                try out.write(table.render(width: width) + "\n" + SummaryText.render(summary, width: width))
            }
            try out.flush()
        } catch {
            writeError = writeError ?? error
        }
        job.finish()
        if var current = recorder, storeError == nil {
            do {
                try current.finish()
                printError(current.summary)
            } catch {
                storeError = error
            }
        }
        if let storeError {
            printError("error: \(storeError)")
            throw ExitStatus.fatal
        }
        if let writeError {
            printError("error: \(writeError)")
            throw ExitStatus.fatal
        }
        if job.hasFailures || indexFailed { throw ExitStatus.partialFailure }
    }
}

extension AnalysisJob {
    /// Starts a job for a command, its problems printed on stderr; one that cannot start is a usage error.
    static func start(paths: [String], snapshot: String, options: ReadOptions, jobs: Int?,
        skip: (LogFile) -> Bool = { _ in false }) throws -> AnalysisJob
    {
        do {
            return try AnalysisJob(paths: paths, snapshot: snapshot, options: options, jobs: jobs,
                diagnostics: printError, skip: skip)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
