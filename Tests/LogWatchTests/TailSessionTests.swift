import DenyStore
import Foundation
import LogWatch
import ReplayResults
import Testing

/// `TailSession` without the command: what is printed, what is stored, and a restart over the same store.
@Suite(.serialized) struct TailSessionTests {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
    static let snapshot = root + "/SampleSnapshot"
    static let logs = root + "/SampleLogs"

    /// A copy of the sample archive in a fresh directory; the caller removes it.
    static func archiveCopy() throws -> String {
        let work = NSTemporaryDirectory() + "logwatch-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: logs, toPath: work + "/logs")
        return work
    }

    @Test func startUpPrintsEachFailureOnceAndARestartResumesFromTheStore() throws {
        let work = try TailSessionTests.archiveCopy()
        defer { try? FileManager.default.removeItem(atPath: work) }
        var printed: [Attribution] = []
        var lines: [String] = []
        let stop = StopSignal()
        let first = try TailSession(root: work + "/logs", snapshot: TailSessionTests.snapshot,
            store: work + "/store.sqlite", settle: 30, maxRecordBytes: 1 << 20,
            diagnostics: { lines.append($0) }, emit: { printed += $0 })
        try first.startUp(stop: stop)
        try first.finish()
        // 14 failures, …06 delivered again in the second file: 13 calls, each printed once.
        #expect(printed.count == 13, "\(lines)")
        #expect(first.printed == 13)
        #expect(Set(printed.compactMap(\.eventID)).count == 13)
        #expect(printed.first { $0.eventID == "5a3c0d2e-1b4f-4c6a-9e8d-000000000008" }?.denies.first?.layer == .session,
            "the session issued in the same file is used")
        #expect(first.recorder.summary == "store: 4 files added (0 failed), 0 already stored, 13 attributions added (1 duplicate delivery)")

        printed = []
        let second = try TailSession(root: work + "/logs", snapshot: TailSessionTests.snapshot,
            store: work + "/store.sqlite", settle: 30, maxRecordBytes: 1 << 20,
            diagnostics: { lines.append($0) }, emit: { printed += $0 })
        try second.startUp(stop: stop)
        try second.finish()
        #expect(printed.isEmpty, "nothing is printed twice after a restart")
        #expect(try DenyStore(path: work + "/store.sqlite", readOnly: true).allAttributions().count == 13)
    }

    @Test func anOutputErrorStopsThePrintingButNotTheStore() throws {
        struct Closed: Error {}
        let work = try TailSessionTests.archiveCopy()
        defer { try? FileManager.default.removeItem(atPath: work) }
        var calls = 0
        let session = try TailSession(root: work + "/logs", snapshot: TailSessionTests.snapshot,
            store: work + "/store.sqlite", settle: 30, maxRecordBytes: 1 << 20, diagnostics: { _ in },
            emit: { _ in
                calls += 1
                throw Closed()
            })
        try session.startUp(stop: StopSignal())
        #expect(session.outputError is Closed)
        #expect(calls == 1, "after the first error nothing more is printed")
        #expect(session.printed == 0)
        #expect(session.recorder.counts.filesProcessed == 4)
    }

    @Test func aNewFileReportedByTheWatchIsProcessed() throws {
        let work = try TailSessionTests.archiveCopy()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let incoming = work + "/incoming"
        try FileManager.default.createDirectory(atPath: incoming, withIntermediateDirectories: true)
        var printed: [Attribution] = []
        let session = try TailSession(root: incoming, snapshot: TailSessionTests.snapshot,
            store: work + "/store.sqlite", settle: 30, maxRecordBytes: 1 << 20, diagnostics: { _ in },
            emit: { printed += $0 })
        let stop = StopSignal()
        try session.startUp(stop: stop)
        #expect(printed.isEmpty)
        let source = work + "/logs/AWSLogs/555566667777/CloudTrail/us-east-1/2026/11/28/"
            + "555566667777_CloudTrail_us-east-1_20261128T0920Z_Dt5o6P7q8R9s0T1u.json.gz"
        try FileManager.default.copyItem(atPath: source, toPath: incoming + "/new.json.gz")
        try session.handle(ChangeBatch(paths: [incoming + "/new.json.gz"]), stop: stop)
        #expect(printed.count == 5)
        try session.handle(ChangeBatch(rescan: true), stop: stop)
        #expect(printed.count == 5, "a rescan does not process a done file again")
        try session.finish()
    }
}
