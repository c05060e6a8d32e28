import ArgumentParser
import Foundation
import Pipeline
import TrailJSON
import TrailReader

/// `trailreplay index`: what a part of an analysis needs to know of the rest of the archive, as JSON Lines.
struct Index: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the sessions, policy changes and failure eventIDs of CloudTrail logs as an archive index.",
        discussion: """
            The first stage of an analysis split over many processes (Scripts/spark/analyze.py): each process \
            indexes its files, the indexes are concatenated in file order, and each process then runs \
            `analyze --index INDEX` on its files, with the results a single `analyze` over the whole archive \
            would give. One JSON object per line: {"kind":"session","file","record"} (the fields of the \
            session-issuing record that matter), {"kind":"policyChange","file","record"} (the whole record) or \
            {"kind":"failure","file","eventID"}, in the order of the files and of their records.

            Exit status: 0 when everything was read, 1 when some file or record could not be read, 2 when the \
            output cannot be written, 64 on usage errors.
            """
    )

    @OptionGroup var input: ReadArguments

    @Option(name: .shortAndLong, help: "Write the index to this file instead of standard output.")
    var output: String?

    @Flag(help: "Only list the log files that would be read, one path per line, in the order they are read.")
    var list = false

    func validate() throws {
        try refuseOutputConflict(output, option: "--output", inputs: input.paths)
    }

    func run() throws {
        let options = ReadOptions(selection: .authorizationFailures, filter: try input.filter(),
            maxRecordBytes: input.maxRecordSize)
        let discovery = input.discover(options.filter)
        let out = try OutputStream.open(output)
        if list {
            do {
                for file in discovery.files { try out.write(file.path + "\n") }
                try out.flush()
            } catch {
                printError("error: \(error)")
                throw ExitStatus.fatal
            }
            if discovery.statistics.hasFailures { throw ExitStatus.partialFailure }
            return
        }
        var statistics = discovery.statistics
        var writeError: Error?
        let indexer = ArchiveIndexer(options: options, threads: input.threads)
        indexer.run(discovery.files) { file in
            file.read.diagnostics.forEach { printError($0.description) }
            statistics.add(file.read.statistics)
            for entry in file.entries where writeError == nil {
                do {
                    try out.write(JSONWriter.string(entry.json) + "\n")
                } catch {
                    writeError = error
                }
            }
        }
        do {
            try out.flush()
        } catch {
            writeError = writeError ?? error
        }
        printError(statistics.summary(selectedName: "authorization failures"))
        if let writeError {
            printError("error: \(writeError)")
            throw ExitStatus.fatal
        }
        if statistics.hasFailures { throw ExitStatus.partialFailure }
    }
}
