import ArgumentParser
import Foundation
import Pipeline
import ReplayResults
import TrailJSON

/// `trailreplay summarize`: the summary of results written earlier, as `analyze` prints it.
struct Summarize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Summarize analyze results (JSON Lines) as analyze does: the parts of a split run as one.",
        discussion: """
            Reads the JSON Lines that `analyze` wrote (several files are one set of results) and prints the \
            summary analyze prints after them: as text, or as the JSON of `analyze --format json`'s "summary". \
            With --index (the archive's index), the duplicate deliveries of the archive are counted too.

            Exit status: 0 when every line was a result, 1 when some file or line could not be read, 2 when \
            the output cannot be written, 64 on usage errors.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: ArgumentHelp("Result files (JSON Lines, plain or gzip).", valueName: "results"))
    var paths: [String]

    @Option(help: ArgumentHelp("The archive's index, for its duplicate deliveries (`trailreplay index`).",
        valueName: "file"))
    var index: String?

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(name: .shortAndLong, help: "Write the summary to this file instead of standard output.")
    var output: String?

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("give at least one result file") }
        try refuseOutputConflict(output, option: "--output", inputs: paths + (index.map { [$0] } ?? []))
    }

    func run() throws {
        var (summary, reads) = ResultFiles.summarize(paths)
        if let index {
            let (archive, read) = ArchiveIndex.read(path: index)
            reads.append(read)
            summary.duplicateDeliveries = archive.duplicateDeliveries
        }
        reads.flatMap(\.diagnostics).forEach { printError($0.description) }
        let out = try OutputStream.open(output)
        do {
            switch format {
            case .text: try out.write(SummaryText.render(summary) + "\n")
            case .json: try out.write(JSONWriter.string(summary.json) + "\n")
            }
            try out.flush()
        } catch {
            printError("error: \(error)")
            throw ExitStatus.fatal
        }
        if reads.contains(where: \.hasFailures) { throw ExitStatus.partialFailure }
    }
}
