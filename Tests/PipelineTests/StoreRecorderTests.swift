import Analysis
import DenyStore
import Foundation
import Pipeline
import Testing
import TrailReader

/// `StoreRecorder`: each file in one transaction, each content once, the outcome of a file and the run's counts.
struct StoreRecorderTests {
    /// The results of analyzing every file under `directory`, in path order.
    static func analyze(_ directory: String) throws -> [AnalysisPipeline.FileResults] {
        let job = try AnalysisJob(paths: [directory], snapshot: Sample.snapshot, options: ReadOptions(), jobs: 1,
            diagnostics: { _ in })
        var files: [AnalysisPipeline.FileResults] = []
        job.run(hashing: true) { files.append($0) }
        return files
    }

    @Test func theSameContentIsStoredOnceWhateverItsName() throws {
        let work = Sample.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try FileManager.default.createDirectory(atPath: work + "/logs", withIntermediateDirectories: true)
        try Sample.copy(Sample.firstFile, to: work + "/logs", as: "a.json.gz")
        try Sample.copy(Sample.firstFile, to: work + "/logs", as: "b.json.gz")
        let files = try StoreRecorderTests.analyze(work + "/logs")

        var recorder = try StoreRecorder(path: work + "/store.sqlite", command: "analyze", snapshot: Sample.snapshot)
        #expect(try recorder.store(files[0]) == .added(FileAddition(stored: true, added: files[0].attributions)))
        #expect(try recorder.store(files[1]) == .alreadyStored)
        #expect(try recorder.store(files[0]) == .alreadyStored, "storing a file again adds nothing")
        try recorder.finish()
        #expect(recorder.counts.filesProcessed == 1)
        #expect(recorder.counts.filesAlreadyStored == 2)
        #expect(recorder.counts.attributions == 4)
        #expect(recorder.summary == "store: 1 files added (0 failed), 2 already stored, 4 attributions added")

        let store = try DenyStore(path: work + "/store.sqlite", readOnly: true)
        #expect(try store.files().map(\.path) == [work + "/logs/a.json.gz"])
        #expect(try store.files().map(\.contentHash) == [LogPassTests.firstFileSHA256], "`sha256sum` of the file")
        #expect(try store.allAttributions().count == 4)
        let stamp = try #require(FileStamp(path: work + "/logs/b.json.gz"))
        #expect(try recorder.isStored(work + "/logs/a.json.gz", stamp: stamp))
        #expect(try !recorder.isStored(work + "/logs/b.json.gz", stamp: stamp), "b was recognized by content only")
    }

    /// Files written in batches (one transaction each) store what one transaction per file stores, with the
    /// same counts: within a batch, a later file sees the earlier ones.
    @Test(arguments: [2, 3, 100])
    func batchesStoreWhatOneFileAtATimeStores(batchSize: Int) throws {
        let work = Sample.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try FileManager.default.createDirectory(atPath: work + "/logs", withIntermediateDirectories: true)
        try Sample.copy(Sample.firstFile, to: work + "/logs", as: "a.json.gz")
        try Sample.copy(Sample.firstFile, to: work + "/logs", as: "b.json.gz")
        let files = try StoreRecorderTests.analyze(work + "/logs") + StoreRecorderTests.analyze(Sample.logs)
        func stored(_ size: Int) throws -> (summary: String, rows: [String], files: [String]) {
            let path = work + "/store-\(size).sqlite"
            var recorder = try StoreRecorder(path: path, command: "analyze", snapshot: Sample.snapshot)
            recorder.batchSize = size
            for file in files {
                let outcome = try recorder.store(file)
                if size > 1 { #expect(outcome == .queued) }
            }
            try recorder.finish()
            let store = try DenyStore(path: path, readOnly: true)
            return (recorder.summary, try store.allAttributions().compactMap(\.eventID), try store.files().map(\.path))
        }
        let alone = try stored(1), batched = try stored(batchSize)
        #expect(batched.summary == alone.summary)
        #expect(batched.rows == alone.rows)
        #expect(batched.files == alone.files)
        #expect(alone.files.filter { $0.hasSuffix("/b.json.gz") }.isEmpty, "b has a's content")
    }

    @Test func aFileCutShortIsRecordedAsFailedWithoutItsAttributions() throws {
        let work = Sample.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try FileManager.default.createDirectory(atPath: work + "/logs", withIntermediateDirectories: true)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Sample.firstFile))
        _ = FileManager.default.createFile(atPath: work + "/logs/cut.json.gz", contents: bytes.prefix(bytes.count / 2))
        let files = try StoreRecorderTests.analyze(work + "/logs")

        var recorder = try StoreRecorder(path: work + "/store.sqlite", command: "analyze", snapshot: Sample.snapshot)
        #expect(try recorder.store(files[0]) == .added(FileAddition(stored: true)), "nothing of a failed file is added")
        #expect(recorder.counts.filesFailed == 1)
        #expect(recorder.counts.attributions == 0)
        let stored = try DenyStore(path: work + "/store.sqlite", readOnly: true).files()
        #expect(stored.map(\.outcome) == [.failed])
        #expect(stored.first?.diagnostics.isEmpty == false)
    }

    @Test func aFileGoneBeforeItIsStoredIsLeftOutWithTheReason() throws {
        let work = Sample.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try FileManager.default.createDirectory(atPath: work + "/logs", withIntermediateDirectories: true)
        let path = try Sample.copy(Sample.firstFile, to: work + "/logs", as: "a.json.gz")
        let files = try StoreRecorderTests.analyze(work + "/logs")
        try FileManager.default.removeItem(atPath: path)

        var recorder = try StoreRecorder(path: work + "/store.sqlite", command: "analyze", snapshot: Sample.snapshot)
        guard case .notStored(let reason) = try recorder.store(files[0]) else {
            Issue.record("a file that is gone cannot be stored")
            return
        }
        #expect(reason.contains("a.json.gz"), "\(reason)")
        #expect(recorder.counts == RunCounts())
    }

    @Test func aNewRunKeepsTheEarlierCountsInTheSummary() throws {
        let work = Sample.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        // Each file analyzed alone, as a watch does: a run of `analyze` would not replay …06 twice.
        let paths = try StoreRecorderTests.analyze(Sample.logs).map(\.read.file.path)
        let files = try paths.prefix(2).flatMap { try StoreRecorderTests.analyze($0) }
        var recorder = try StoreRecorder(path: work + "/store.sqlite", command: "tail", snapshot: Sample.snapshot)
        #expect(try recorder.store(files[0]) == .added(FileAddition(stored: true, added: files[0].attributions)))
        try recorder.beginNewRun(command: "tail", snapshot: Sample.snapshot)
        // The second file delivers …06 again: not added, counted in the second run.
        #expect(try recorder.store(files[1]) == .added(FileAddition(stored: true,
            added: files[1].attributions.filter { $0.eventID != Sample.eventID(6) }, duplicateDeliveries: 1)))
        try recorder.finish()
        let runs = try DenyStore(path: work + "/store.sqlite", readOnly: true).runs()
        #expect(runs.map(\.counts.filesProcessed) == [1, 1])
        #expect(runs.map(\.counts.duplicateDeliveries) == [0, 1])
        #expect(recorder.summary.hasPrefix("store: 2 files added (0 failed), 0 already stored"))
    }
}
