import Foundation
import Pipeline
import Replay
import ReplayResults
import Testing
import TrailJSON
import TrailReader

/// An analysis split into parts, each with the index of the whole archive, gives what one run over the whole
/// gives: sessions issued in another part, duplicates first delivered in another part, the archive's changes.
struct ArchiveIndexTests {
    /// The index of `files`, as `trailreplay index` writes it (entries in file order).
    static func index(of files: [String]) -> [ArchiveIndex.Entry] {
        var entries: [ArchiveIndex.Entry] = []
        let logs = files.map { LogFile(path: $0, key: nil) }
        ArchiveIndexer(options: ReadOptions(), threads: 2).run(logs) { entries += $0.entries }
        return entries
    }

    static func attributions(_ job: AnalysisJob) -> [String] {
        AnalysisJobTests.results(of: job).flatMap(\.attributions).map { JSONWriter.string($0.json) }
    }

    /// A copy of the sample's failures and sessions in four files: a session issued in one file, used in another
    /// (in either order), and a failure delivered again in a later file.
    static func archive(issuingFirst: Bool, in work: String) throws -> [String] {
        let (issuing, using) = issuingFirst ? ("a-issues.json", "b-uses.json") : ("b-issues.json", "a-uses.json")
        try Sample.copy(Sample.fixtures + "/issues-builder-session.json", to: work, as: issuing)
        try Sample.copy(Sample.fixtures + "/uses-builder-session.json", to: work, as: using)
        try Sample.copy(Sample.firstFile, to: work, as: "c-first.json.gz")
        try Sample.copy(Sample.fixtures + "/uses-builder-session.json", to: work, as: "d-uses-again.json")
        return ["a", "b", "c", "d"].compactMap { prefix in
            (try? FileManager.default.contentsOfDirectory(atPath: work))?.first { $0.hasPrefix(prefix + "-") }
                .map { work + "/" + $0 }
        }
    }

    @Test(arguments: [true, false])
    func partsWithTheWholeIndexGiveTheWholeRunsResults(issuingFirst: Bool) throws {
        let work = Sample.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let files = try ArchiveIndexTests.archive(issuingFirst: issuingFirst, in: work)
        let whole = try LogPassTests.job(files)
        let expected = ArchiveIndexTests.attributions(whole)
        #expect(expected.count == 5, "four failures of the first file and the session's call, once")
        #expect(whole.statistics.duplicates == 1)

        let index = ArchiveIndex(ArchiveIndexTests.index(of: files))
        #expect(index.duplicateDeliveries == 1)
        for cut in 1..<files.count {
            var results: [String] = []
            var duplicates = 0
            for part in [Array(files[..<cut]), Array(files[cut...])] {
                let job = try LogPassTests.job(part)
                job.use(index)
                results += ArchiveIndexTests.attributions(job)
                duplicates += job.statistics.duplicates
                #expect(job.sessions.count == 1, "the session is known in every part")
            }
            #expect(results == expected, "cut after file \(cut)")
            #expect(duplicates == 1, "cut after file \(cut)")
        }
        let using = try #require(files.first { $0.contains("-uses") })
        let call = { (results: [String]) in results.first { $0.contains(Sample.eventID(8)) } }
        let alone = ArchiveIndexTests.attributions(try LogPassTests.job([using]))
        #expect(call(alone) != nil)
        #expect(call(alone) != call(expected), "without the index a part lacks the session issued in another file")
    }

    @Test func thePartsKnowTheArchivesPolicyChanges() throws {
        let changes = Sample.fixtures + "/policy-changes.json"
        let index = ArchiveIndex(ArchiveIndexTests.index(of: [changes, Sample.firstFile]))
        let job = try LogPassTests.job([Sample.firstFile])
        job.use(index)
        _ = AnalysisJobTests.results(of: job)
        let whole = try LogPassTests.job([changes, Sample.firstFile])
        _ = AnalysisJobTests.results(of: whole)
        #expect(job.policyChanges == whole.policyChanges)
        #expect(job.policyChanges.count == 6)
    }

    @Test func theIndexerKeepsOnlyWhatTheSessionIndexReadsAndTheAccountingBalances() throws {
        var reads: [FileReadResult] = []
        var entries: [ArchiveIndex.Entry] = []
        ArchiveIndexer(options: ReadOptions(), threads: 1).run([LogFile(path: Sample.sessionFile, key: nil)]) {
            reads.append($0.read)
            entries += $0.entries
        }
        let sessions = entries.compactMap { entry -> JSONValue? in
            if case .session(_, let record) = entry { return record }
            return nil
        }
        let session = try #require(sessions.first)
        #expect(sessions.count == 1)
        #expect(session["responseElements"]?["credentials"]?["sessionToken"] == nil)
        #expect(session["userIdentity"] == nil)
        #expect(session["eventID"]?.stringValue == Sample.eventID(7))
        let failures = entries.compactMap { entry -> String? in
            if case .failure(_, let eventID) = entry { return eventID }
            return nil
        }
        #expect(failures == [6, 8, 9, 10, 13].map(Sample.eventID), "every failure of the file, in record order")
        #expect(reads.first?.statistics.balances == true)
        #expect(reads.first?.statistics.recordsSelected == 5, "the session record is kept, not selected")
    }

    @Test func entriesRoundTripThroughTheirJSONLines() throws {
        let entries: [ArchiveIndex.Entry] = [
            .session(file: "a.json", record: ["eventName": "AssumeRole"]),
            .policyChange(file: "b.json", record: ["eventName": "PutUserPolicy"]),
            .failure(file: "c.json", eventID: Sample.eventID(1)),
        ]
        for entry in entries {
            let line = JSONWriter.string(entry.json)
            #expect(try ArchiveIndex.Entry(json: JSONParser.parse(line)) == entry)
        }
    }

    @Test func aBadLineIsOneDiagnosticWithItsNumberAndTheRestIsRead() throws {
        let work = Sample.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let path = work + "/index.jsonl"
        let lines = [
            JSONWriter.string(ArchiveIndex.Entry.failure(file: "a", eventID: Sample.eventID(1)).json),
            #"{"kind":"failure","file":"a"}"#,
            #"{"kind":"sessions","file":"a","record":{}}"#,
            "{not json",
            "",
            JSONWriter.string(ArchiveIndex.Entry.failure(file: "b", eventID: Sample.eventID(1)).json),
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let (index, read) = ArchiveIndex.read(path: path)
        #expect(read.lines == 2)
        #expect(read.unreadable == 3)
        #expect(read.diagnostics.map(\.record) == [2, 3, 4])
        #expect(read.diagnostics.map(\.file) == [path, path, path])
        #expect(read.diagnostics[0].message == "not an index entry: no `eventID`")
        #expect(read.diagnostics[1].message == "not an index entry: unknown kind `sessions`")
        #expect(index.duplicateDeliveries == 1)
        #expect(index.deliveredElsewhere(than: ["b"]) == [EventKey(Sample.eventID(1))])
        #expect(index.deliveredElsewhere(than: ["a"]).isEmpty)
        let missing = ArchiveIndex.read(path: work + "/absent.jsonl").read
        #expect(missing.failed)
        #expect(missing.diagnostics.map(\.description) == ["error: \(work)/absent.jsonl: cannot open the file"])
    }
}
