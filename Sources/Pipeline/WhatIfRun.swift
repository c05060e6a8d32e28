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
    /// call to `emit`: first the calls that succeeded and are newly denied, in file order, as the files are
    /// read; then the failures that are newly allowed, in file order, once every file is read (a failure is
    /// judged on every layer, with its session, whose issuing record may be in any file). Records the change
    /// cannot reach (`WhatIfJudge.reachableRecords`) are judged unchanged from their bytes, without being
    /// decoded or replayed. The archive is read once, unless successful calls need their sessions too
    /// (`WhatIfJudge.succeededCallsNeedSessions`): then the sessions are read first.
    public static func run(_ job: AnalysisJob, judge: WhatIfJudge, options: ReadOptions,
        diagnostics: (String) -> Void, emit: (WhatIfVerdict) -> Void) -> Outcome
    {
        run(job, judge: judge, options: options, diagnostics: diagnostics, reachOnly: true, emit: emit)
    }

    /// `reachOnly: false` replays every record (what the byte-level choice must agree with); `sessionsFirst`
    /// reads the sessions in a pass of their own whether or not successful calls need them.
    static func run(_ job: AnalysisJob, judge: WhatIfJudge, options: ReadOptions,
        diagnostics: (String) -> Void, reachOnly: Bool, sessionsFirst: Bool = false, emit: (WhatIfVerdict) -> Void) -> Outcome
    {
        let sessionsFirst = sessionsFirst || judge.succeededCallsNeedSessions
        if sessionsFirst { job.readSessions() }
        var summary = WhatIfSummary()
        var statistics = job.statistics
        var reachable = options
        if reachOnly, var reach = judge.reachableRecords {
            if !sessionsFirst { reach.issuers = EventNames(["sts.amazonaws.com": SessionIndex.issuingEvents]) }
            reachable.selection = .failuresAndReachable(reach)
        } else {
            reachable.selection = .all
        }
        let reader = LogFileReader(options: reachable)
        let builder = RequestBuilder()
        let spill = FailureSpill(memoryLimit: job.spillThreshold)
        var sessions = job.sessions
        // Successful calls are judged without sessions unless they were read first (they do not need them).
        let passSessions = sessionsFirst ? job.sessions : SessionIndex()
        var waiting: [FileJudgement] = []
        OrderedParallelMap.run(job.files, threads: job.pipeline.threads) { file in
            var judged = FileJudgement()
            judged.read = reader.read(file) { selected in
                if selected.isAuthorizationFailure {
                    judged.failures.append(ordinal: selected.ordinal, bytes: selected.bytes, spill: spill)
                    return
                }
                if !sessionsFirst, SessionIndex.issuingEvent(of: selected.value) != nil { judged.sessions.append(selected.value) }
                guard selected.withinReach else { return }
                judged.count(judge.judge(builder.build(selected.value, sessions: passSessions)))
            }
            return judged
        } consume: { _, judged in
            guard let result = judged.read else { return }
            var judged = judged
            for record in judged.sessions { sessions.add(record) }
            judged.sessions = []
            summary.take(judged)
            judged.verdicts.forEach(emit)
            (judged.verdicts, judged.notJudged) = ([], [:])
            result.diagnostics.forEach { diagnostics($0.description) }
            judged.read?.diagnostics = []
            waiting.append(judged)
        }
        if let problem = spill.spillProblem {
            diagnostics("warning: the failures awaiting their judgement were kept in memory: \(problem)")
        }
        let index = sessions
        let files = waiting
        waiting = []
        OrderedParallelMap.run(Array(files.indices), threads: job.pipeline.threads) { position in
            var judged = FileJudgement()
            guard var read = files[position].read else { return judged }
            files[position].failures.decode(spill: spill, into: &read) { record in
                judged.count(judge.judge(builder.build(record, sessions: index)))
            }
            judged.read = read
            return judged
        } consume: { _, judged in
            guard let read = judged.read else { return }
            summary.take(judged, counting: false)
            judged.verdicts.forEach(emit)
            read.diagnostics.forEach { diagnostics($0.description) }
            statistics.add(read.statistics)
        }
        return Outcome(summary: summary, statistics: statistics)
    }
}

/// One file's judgements, in its records' order: of its successful calls while it is read, of its failures
/// once every file is.
private struct FileJudgement: Sendable {
    var read: FileReadResult?
    var unchanged = 0
    var verdicts: [WhatIfVerdict] = []
    var notJudged: [String: Int] = [:]
    /// The failures, until every session is known.
    var failures = PendingFailures()
    /// The session-issuing records, for the index.
    var sessions: [JSONValue] = []

    mutating func count(_ judgement: WhatIfJudge.Judgement) {
        switch judgement {
        case .unchanged: unchanged += 1
        case .changed(let verdict): verdicts.append(verdict)
        case .notJudged(let reason): notJudged[reason, default: 0] += 1
        }
    }
}

extension WhatIfSummary {
    /// Counts a file's judgements; a record the change cannot reach is judged unchanged without being replayed
    /// (counted with the file's first judgements, `counting` its records beyond the reach).
    fileprivate mutating func take(_ judged: FileJudgement, counting: Bool = true) {
        let beyondReach = counting ? judged.read?.statistics.recordsNotSelected ?? 0 : 0
        self.judged += judged.unchanged + judged.verdicts.count + beyondReach
        for verdict in judged.verdicts { add(verdict) }
        notJudged.merge(judged.notJudged, uniquingKeysWith: +)
    }
}
