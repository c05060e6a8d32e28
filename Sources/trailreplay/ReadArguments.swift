import ArgumentParser
import CivilTime
import CloudTrailS3
import TrailReader

/// The inputs and filters shared by every command that reads CloudTrail logs.
struct ReadArguments: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "CloudTrail log files or directories (S3 layout, any depth), s3://BUCKET/PREFIX URLs, or `-` for standard input.",
        discussion: "Gzip or plain JSON is recognized from the bytes. Accepts the {\"Records\":[…]} envelope, a bare array of records, JSON Lines (CloudTrail Lake, Athena, EventBridge archives) and `aws cloudtrail lookup-events` output."))
    var paths: [String]

    @Option(name: .customLong("account"), help: "Keep only this account (repeatable).")
    var accounts: [String] = []

    @Option(name: .customLong("region"), help: "Keep only this region (repeatable).")
    var regions: [String] = []

    @Option(help: "Keep events at or after this time: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]Z.")
    var from: String?

    @Option(help: "Keep events up to this time: YYYY-MM-DD (the whole day) or YYYY-MM-DDTHH:MM[:SS]Z (inclusive).")
    var to: String?

    @Option(help: ArgumentHelp("Report and skip records larger than this many bytes.", valueName: "bytes"))
    var maxRecordSize: Int = 64 << 20

    @Option(help: "Files to read in parallel (default: all cores; 16 when an input is s3://).")
    var jobs: Int?

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("give at least one file, directory, s3:// URL or `-`") }
        _ = try filter()
        if maxRecordSize < 1024 { throw ValidationError("--max-record-size must be at least 1024") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    /// The threads to read with: `--jobs`, else the default for these inputs.
    var threads: Int { LogInputs.threads(jobs: jobs, paths: paths) }

    /// The files the inputs (local paths and s3:// URLs) resolve to under `filter`, their problems printed.
    func discover(_ filter: ReadFilter) -> LogFileLocator.Discovery {
        let discovery = LogInputs(filter: filter).discover(paths, threads: threads, reportingEmptyInputs: true)
        discovery.diagnostics.forEach { printError($0.description) }
        return discovery
    }

    /// The filter the options describe.
    func filter() throws -> ReadFilter {
        do {
            return ReadFilter(accounts: Set(accounts), regions: Set(regions), time: try TimeRange(from: from, to: to))
        } catch {
            throw ValidationError(error.description)
        }
    }
}

/// Refuses, as a usage error before anything is opened for writing, an output that is one of the inputs or
/// lies inside an input folder (`OutputConflict`).
func refuseOutputConflict(_ output: String?, option: String, inputs: [String]) throws {
    if let output, let conflict = OutputConflict.check(output: output, option: option, inputs: inputs) {
        throw ValidationError(conflict.description)
    }
}
