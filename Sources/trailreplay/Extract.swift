import ArgumentParser
import Foundation
import TrailReader

/// `trailreplay extract`: the authorization failures of an archive as JSON Lines.
struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract authorization-failure records from CloudTrail logs as JSON Lines.",
        discussion: """
            Reads every input in parallel and writes each authorization failure (AccessDenied, \
            Client.UnauthorizedOperation, VpceAccessDenied, …; not authentication failures such as \
            InvalidClientTokenId) as one line, in the order of the files' paths and of the records in each file. \
            Problems are reported on stderr with the file and record they concern, and the run ends with an \
            accounting line.

            Exit status: 0 when everything was read, 1 when some file or record could not be read or an input \
            held no log (the output still holds everything that could), 2 when the output or a temporary \
            file could not be written, 64 on usage errors.
            """
    )

    @OptionGroup var input: ReadArguments

    @Flag(help: "Extract every record, not only authorization failures.")
    var all = false

    @Flag(help: "Drop records whose eventID was already written (CloudTrail may deliver a record twice).")
    var dedupe = false

    @Option(name: .shortAndLong, help: "Write the records to this file instead of standard output.")
    var output: String?

    @Flag(help: "Do not print the accounting line.")
    var quiet = false

    func validate() throws {
        try refuseOutputConflict(output, option: "--output", inputs: input.paths)
    }

    func run() throws {
        let options = ReadOptions(selectAll: all, filter: try input.filter(), maxRecordBytes: input.maxRecordSize)
        let discovery = input.discover(options.filter)

        let out = try OutputStream.open(output)

        var statistics = discovery.statistics
        var seen = Set<EventKey>()
        var writeError: Error?
        var spillFailed = false
        let progress = ProgressLine(total: discovery.files.count)
        var filesDone = 0
        let reader = LogFileReader(options: options)
        OrderedParallelMap.run(discovery.files, threads: input.threads) {
            file in
            let batch = RecordBatch()
            let result = reader.read(file) { record in batch.append(record.bytes, eventID: record.eventID) }
            return (result, batch)
        } consume: { _, item in
            let (result, batch) = item
            var fileStatistics = result.statistics
            result.diagnostics.forEach { printError($0.description) }
            if let spillError = batch.spillError {
                spillFailed = true
                printError("error: \(result.file.displayName): \(spillError); \(batch.linesDropped) of its records not written")
            }
            do {
                try batch.forEachLine { entry, line in
                    if let key = entry.key, !seen.insert(key).inserted {
                        fileStatistics.duplicates += 1
                        if dedupe {
                            fileStatistics.duplicatesDropped += 1
                            return
                        }
                    }
                    if writeError == nil { try out.write(line) }
                }
            } catch let error as SpillError {
                spillFailed = true
                printError("error: \(result.file.displayName): \(error); the rest of its records not written")
            } catch {
                writeError = writeError ?? error
            }
            statistics.add(fileStatistics)
            filesDone += 1
            progress.update(files: filesDone, bytes: statistics.compressedBytes, records: statistics.recordsRead, failures: statistics.recordsSelected)
        }
        progress.finish()
        do {
            try out.flush()
        } catch {
            writeError = writeError ?? error
        }
        if !quiet {
            printError(statistics.summary(selectedName: all ? "extracted" : "authorization failures"))
        }
        if let writeError {
            printError("error: \(writeError)")
            throw ExitStatus.fatal
        }
        if spillFailed { throw ExitStatus.fatal }
        if statistics.hasFailures { throw ExitStatus.partialFailure }
    }
}
