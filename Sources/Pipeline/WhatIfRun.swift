import Analysis
import Foundation
import PolicyLanguage
import Replay
import ReplayResults
import Snapshot
import TrailJSON
import TrailReader

/// `whatif`'s work: the candidate change read from its files, and every record of the archive judged.
public enum WhatIfRun {
    /// A candidate policy file that cannot be used, named with the reason.
    public struct CandidateError: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Reads a candidate SCP or RCP: a policy document as `aws organizations create-policy --content` takes
    /// it (JSON, or URL-encoded JSON), named by its file name. It must parse as a policy.
    public static func attachment(_ type: OrganizationPolicyType, file: String, to target: String) throws(CandidateError)
        -> OrganizationChange
    {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CandidateError(description: "`\(file)`: cannot read the candidate policy")
        }
        let document: JSONValue
        do {
            document = try PolicyDocumentDecoding.decode(text: String(decoding: data, as: UTF8.self))
            _ = try PolicyDocument.parse(json: document, id: file)
        } catch {
            throw CandidateError(description: "`\(file)`: not a usable policy: \(error)")
        }
        let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        return .attach(type, name: name, document: document, to: target)
    }

    /// What a run found, and the accounting of what it read (discovery's counts included).
    public struct Outcome: Sendable {
        public var summary: WhatIfSummary
        public var statistics: ReadStatistics
    }

    /// Judges every record of the job's files (successful calls and failures alike), handing each changed
    /// call to `emit` in file order. Records the change cannot reach (`WhatIfJudge.reachableRecords`) are
    /// judged unchanged from their bytes, without being decoded or replayed.
    public static func run(_ job: AnalysisJob, judge: WhatIfJudge, options: ReadOptions,
        diagnostics: (String) -> Void, emit: (WhatIfVerdict) -> Void) -> Outcome
    {
        run(job, judge: judge, options: options, diagnostics: diagnostics, reachOnly: true, emit: emit)
    }

    /// `reachOnly: false` replays every record (what the byte-level choice must agree with).
    static func run(_ job: AnalysisJob, judge: WhatIfJudge, options: ReadOptions,
        diagnostics: (String) -> Void, reachOnly: Bool, emit: (WhatIfVerdict) -> Void) -> Outcome
    {
        job.readSessions()
        var summary = WhatIfSummary()
        var statistics = job.statistics
        var reachable = options
        reachable.selection = (reachOnly ? judge.reachableRecords : nil).map(RecordSelection.failuresAndReachable) ?? .all
        let reader = LogFileReader(options: reachable)
        let builder = RequestBuilder()
        let sessions = job.sessions
        // Files are judged in parallel and their judgements taken in file order, so output and summary are
        // those of one file after another.
        OrderedParallelMap.run(job.files, threads: job.pipeline.threads) { file in
            var judged = FileJudgement()
            judged.read = reader.read(file) { selected in
                switch judge.judge(builder.build(selected.value, sessions: sessions)) {
                case .unchanged: judged.unchanged += 1
                case .changed(let verdict): judged.verdicts.append(verdict)
                case .notJudged(let reason): judged.notJudged[reason, default: 0] += 1
                }
            }
            return judged
        } consume: { _, judged in
            guard let result = judged.read else { return }
            // A record the change cannot reach is judged unchanged without being replayed.
            summary.judged += judged.unchanged + judged.verdicts.count + result.statistics.recordsNotSelected
            for verdict in judged.verdicts {
                summary.add(verdict)
                emit(verdict)
            }
            summary.notJudged.merge(judged.notJudged, uniquingKeysWith: +)
            result.diagnostics.forEach { diagnostics($0.description) }
            statistics.add(result.statistics)
        }
        return Outcome(summary: summary, statistics: statistics)
    }
}

/// One file's judgements, in its records' order.
private struct FileJudgement: Sendable {
    var read: FileReadResult?
    var unchanged = 0
    var verdicts: [WhatIfVerdict] = []
    var notJudged: [String: Int] = [:]
}
