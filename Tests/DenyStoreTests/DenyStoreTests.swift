import PolicyLanguage
import CivilTime
@testable import DenyStore
import Foundation
import GRDB
import ReplayResults
import Testing

struct DenyStoreTests {
    struct Crash: Error {}

    /// A fresh directory for one test's store, removed afterwards by the caller.
    static func temporaryPath() -> String {
        let directory = NSTemporaryDirectory() + "denystore-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    static func attribution(_ n: Int) -> Attribution {
        Attribution(eventID: "event-\(n)", eventTime: "2026-11-2\(n % 3)T10:00:0\(n % 10)Z", account: "111122223333",
            principal: "arn:aws:iam::111122223333:user/alice", action: "s3:GetObject",
            resources: ["arn:aws:s3:::bucket/key\(n)"], errorCode: "AccessDenied", decision: .explicitDeny,
            denies: [.init(layer: .identity, policy: "deny-s3", statement: "DenyAll")], reportedLayer: .identity,
            agreement: true)
    }

    static func file(_ path: String, hash: String, outcome: StoredFile.Outcome = .ok) -> StoredFile {
        StoredFile(path: path, size: 100, modifiedAt: 1_700_000_000.5, contentHash: hash, recordsRead: 3,
            recordsSelected: 3, outcome: outcome)
    }

    @Test func migratesAnEmptyFile() throws {
        let directory = DenyStoreTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/store.sqlite"
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        let store = try DenyStore(path: path)
        #expect(try store.appliedMigrations() == [StoreSchema.v1, StoreSchema.v2])
        #expect(try store.files().isEmpty)
        let reopened = try DenyStore(path: path)
        #expect(try reopened.appliedMigrations() == [StoreSchema.v1, StoreSchema.v2])
        let readOnly = try DenyStore(path: path, readOnly: true)
        #expect(try readOnly.runs().isEmpty)
    }

    // WAL with synchronous=NORMAL: a commit per file without an fsync per commit, never a corrupt store
    // (https://www.sqlite.org/pragma.html#pragma_synchronous, https://www.sqlite.org/wal.html).
    @Test func writesInWALModeWithoutAnFsyncPerCommit() throws {
        let directory = DenyStoreTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try DenyStore(path: directory + "/store.sqlite")
        let (mode, synchronous) = try store.queue.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        #expect(mode == "wal")
        #expect(synchronous == 1)
    }

    @Test func refusesWhatIsNotAStore() throws {
        let directory = DenyStoreTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(throws: StoreError.self) { try DenyStore(path: directory + "/missing.sqlite", readOnly: true) }
        let text = directory + "/notes.txt"
        _ = FileManager.default.createFile(atPath: text, contents: Data("not a database at all, just words".utf8))
        #expect(throws: StoreError.self) { try DenyStore(path: text) }
    }

    @Test func reprocessingTheSameContentAddsNothing() throws {
        let directory = DenyStoreTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try DenyStore(path: directory + "/store.sqlite")
        let run = try store.beginRun(command: "analyze", snapshot: "snap", snapshotDigest: "d1")
        let results = (1...3).map(DenyStoreTests.attribution)
        #expect(try store.record(DenyStoreTests.file("/logs/a.json.gz", hash: "aaa"), attributions: results, runID: run)
            == FileAddition(stored: true, added: results))
        #expect(try store.record(DenyStoreTests.file("/logs/a.json.gz", hash: "aaa"), attributions: results, runID: run)
            == FileAddition(stored: false))
        #expect(try !store.record(DenyStoreTests.file("/copy/a.json.gz", hash: "aaa"), attributions: results, runID: run).stored)
        #expect(try store.allAttributions() == results)
        #expect(try store.files().map(\.path) == ["/logs/a.json.gz"])
        #expect(try store.contains(contentHash: "aaa"))
        #expect(try store.contains(path: "/logs/a.json.gz", size: 100, modifiedAt: 1_700_000_000.5))
        #expect(try !store.contains(path: "/logs/a.json.gz", size: 101, modifiedAt: 1_700_000_000.5))
    }

    /// The store keeps each result's full JSON, so the fixes come back as `analyze` printed them.
    @Test func fixesAreKeptWithTheResult() throws {
        let directory = DenyStoreTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try DenyStore(path: directory + "/store.sqlite")
        let run = try store.beginRun(command: "analyze", snapshot: "/snap", snapshotDigest: "d")
        var result = DenyStoreTests.attribution(1)
        result.fixes = [.init(layer: .identity, policy: "deny-s3", change: .removeStatement, statement: "DenyAll",
            detail: "remove it")]
        try store.record(DenyStoreTests.file("/logs/f.json.gz", hash: "fff"), attributions: [result], runID: run)
        #expect(try store.allAttributions() == [result])
    }

    @Test func newContentAtTheSamePathReplacesTheOld() throws {
        let directory = DenyStoreTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try DenyStore(path: directory + "/store.sqlite")
        let run = try store.beginRun(command: "tail", snapshot: "snap", snapshotDigest: "d1")
        try store.record(DenyStoreTests.file("/logs/a.jsonl", hash: "v1"), attributions: [DenyStoreTests.attribution(1)], runID: run)
        try store.record(DenyStoreTests.file("/logs/a.jsonl", hash: "v2"),
            attributions: [DenyStoreTests.attribution(1), DenyStoreTests.attribution(2)], runID: run)
        #expect(try store.allAttributions().map(\.eventID) == ["event-1", "event-2"])
        #expect(try store.files().map(\.contentHash) == ["v2"])
    }

    @Test func aFailedFileKeepsNoAttributions() throws {
        let directory = DenyStoreTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try DenyStore(path: directory + "/store.sqlite")
        let run = try store.beginRun(command: "tail", snapshot: "snap", snapshotDigest: "d1")
        var file = DenyStoreTests.file("/logs/cut.json.gz", hash: "cut", outcome: .failed)
        file.diagnostics = ["error: /logs/cut.json.gz: truncated gzip stream"]
        try store.record(file, attributions: [DenyStoreTests.attribution(1)], runID: run)
        #expect(try store.allAttributions().isEmpty)
        #expect(try store.files() == [file])
    }

    @Test func aCrashMidFileLeavesNothingOfIt() throws {
        let directory = DenyStoreTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try DenyStore(path: directory + "/store.sqlite")
        let run = try store.beginRun(command: "tail", snapshot: "snap", snapshotDigest: "d1")
        try store.record(DenyStoreTests.file("/logs/a.json.gz", hash: "aaa"), attributions: [DenyStoreTests.attribution(1)], runID: run)
        let results = (2...6).map(DenyStoreTests.attribution)
        #expect(throws: StoreError.self) {
            try store.record(DenyStoreTests.file("/logs/b.json.gz", hash: "bbb"), attributions: results, runID: run,
                interruption: { ordinal in if ordinal == 3 { throw Crash() } })
        }
        #expect(try store.files().map(\.path) == ["/logs/a.json.gz"])
        #expect(try store.allAttributions().map(\.eventID) == ["event-1"])
        #expect(try !store.contains(contentHash: "bbb"))
        #expect(try store.record(DenyStoreTests.file("/logs/b.json.gz", hash: "bbb"), attributions: results, runID: run).stored)
        #expect(try store.allAttributions().count == 6)
    }

    @Test func runsAndTimeRanges() throws {
        let directory = DenyStoreTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try DenyStore(path: directory + "/store.sqlite")
        let run = try store.beginRun(command: "analyze", snapshot: "snap", snapshotDigest: "d1",
            at: Date(timeIntervalSince1970: 1_700_000_000))
        let file = DenyStoreTests.file("/logs/a.json.gz", hash: "aaa")
        let results = (0...5).map(DenyStoreTests.attribution)
        let addition = try store.record(file, attributions: results, runID: run)
        var counts = RunCounts()
        counts.add(file, addition)
        #expect(counts.attributions == results.count)
        try store.finishRun(run, counts: counts, at: Date(timeIntervalSince1970: 1_700_000_060))
        let runs = try store.runs()
        #expect(runs.count == 1)
        #expect(runs.first?.startedAt == "2023-11-14T22:13:20Z")
        #expect(runs.first?.endedAt == "2023-11-14T22:14:20Z")
        #expect(runs.first?.counts == counts)
        let day = try store.attributions(from: "2026-11-21T00:00:00Z", to: "2026-11-22T00:00:00Z")
        #expect(day.map(\.eventID) == ["event-1", "event-4"])
    }

    /// A report whose period is empty names the days the store holds: each day once, in order, whatever the
    /// storage order; calls without a readable event time add no day.
    @Test func daysWithCalls() throws {
        let directory = DenyStoreTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try DenyStore(path: directory + "/store.sqlite")
        #expect(try store.daysWithCalls().isEmpty)
        let run = try store.beginRun(command: "analyze", snapshot: "snap", snapshotDigest: "d1")
        var results = [5, 0, 3].map(DenyStoreTests.attribution)
        for (index, time) in [nil, "yesterday", "2026-12-01T00:00:00Z"].enumerated() {
            var other = DenyStoreTests.attribution(10 + index)
            other.eventTime = time
            results.append(other)
        }
        _ = try store.record(DenyStoreTests.file("/logs/a.json.gz", hash: "aaa"), attributions: results, runID: run)
        #expect(try store.daysWithCalls().map(\.description) == ["2026-11-20", "2026-11-22", "2026-12-01"])
    }
}
