import Analysis
import Foundation
import Pipeline
import ReplayResults
import Testing
import TrailReader

/// `AnalysisJob`: the snapshot, the discovery, standard input, skipped files and the accounting.
struct AnalysisJobTests {
    /// Runs a job to its end and collects what it produced.
    static func results(of job: AnalysisJob) -> [AnalysisPipeline.FileResults] {
        var files: [AnalysisPipeline.FileResults] = []
        job.run { files.append($0) }
        return files
    }

    @Test func standardInputIsSpooledAndReadForSessionsAndFailures() throws {
        let pipe = Pipe()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Sample.sessionFile))
        let writer = Thread {
            pipe.fileHandleForWriting.write(bytes)
            try? pipe.fileHandleForWriting.close()
        }
        writer.start()
        var lines: [String] = []
        let job = try AnalysisJob(paths: ["-"], snapshot: Sample.snapshot, options: ReadOptions(), jobs: 1,
            standardInput: pipe.fileHandleForReading, diagnostics: { lines.append($0) })
        let attributions = AnalysisJobTests.results(of: job).flatMap(\.attributions)
        #expect(job.sessions.count == 1, "the AssumeRole record of standard input is indexed")
        let call = attributions.first { $0.eventID == Sample.eventID(8) }
        #expect(call?.denies.first?.layer == .session)
        #expect(call?.denies.first?.statement == "NoNewInstances")
        #expect(job.statistics.recordsSelected == 5, "…06, …08, …09, …0a and …0d")
        job.finish()
        #expect(lines.last?.hasPrefix("files: 1 read") == true, "\(lines)")
        #expect(lines.last?.hasSuffix("; sessions from the input: 1") == true)
    }

    @Test func skippedFilesAreCountedAndNeverRead() throws {
        var lines: [String] = []
        let job = try AnalysisJob(paths: [Sample.logs], snapshot: Sample.snapshot, options: ReadOptions(), jobs: 2,
            diagnostics: { lines.append($0) }, skip: { $0.path == Sample.sessionFile })
        #expect(job.files.map(\.path).contains(Sample.sessionFile) == false)
        let results = AnalysisJobTests.results(of: job)
        #expect(job.sessions.count == 0, "the skipped file's AssumeRole record is not read")
        #expect(results.count == 3)
        #expect(!results.flatMap(\.attributions).contains { $0.eventID == Sample.eventID(8) })
        #expect(job.statistics.skippedByReason["already stored"] == 1)
        #expect(job.statistics.filesRead == 3)
        #expect(!job.hasFailures)
    }

    @Test func eventIDsSeenBeforeAreCountedAsDuplicatesAndReplayedOnce() throws {
        let work = Sample.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try Sample.copy(Sample.firstFile, to: work, as: "a.json.gz")
        try Sample.copy(Sample.firstFile, to: work, as: "b.json.gz")
        let job = try AnalysisJob(paths: [work], snapshot: Sample.snapshot, options: ReadOptions(), jobs: 2,
            diagnostics: { _ in })
        let results = AnalysisJobTests.results(of: job)
        #expect(results.map(\.attributions.count) == [4, 0], "the second copy's failures are not replayed again")
        #expect(job.statistics.duplicates == 4, "every failure of the second copy was seen in the first")
        #expect(job.statistics.recordsSelected == 8)
    }

    @Test func theSampleArchiveAddsUp() throws {
        var lines: [String] = []
        let job = try AnalysisJob(paths: [Sample.logs], snapshot: Sample.snapshot, options: ReadOptions(), jobs: 2,
            diagnostics: { lines.append($0) })
        let results = AnalysisJobTests.results(of: job)
        #expect(results.flatMap(\.attributions).count == 13, "…06 is delivered twice and replayed once")
        #expect(job.statistics.duplicates == 1, "…06 is delivered twice")
        #expect(job.statistics.balances)
        job.finish()
        #expect(lines.last == job.statistics.summary(selectedName: "authorization failures")
            + "; sessions from the input: 1")
    }

    @Test func aMissingSnapshotIsATypedError() {
        #expect(throws: AnalysisJob.StartError.snapshotUnavailable(.missing(directory: "/nonexistent/snapshot"))) {
            try AnalysisJob(paths: [Sample.logs], snapshot: "/nonexistent/snapshot", options: ReadOptions(),
                jobs: 1, diagnostics: { _ in })
        }
    }
}
