@testable import DenyStore
import Foundation
import GRDB
import ReplayResults
import Testing
import TrailJSON

/// The same event can be delivered twice, in one file or in two; its `eventID` is the GUID that identifies one
/// event (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html),
/// so the store keeps each eventID once and counts the other deliveries.
@Suite struct EachEventOnceTests {
    static func anonymous(_ n: Int) -> Attribution {
        var result = DenyStoreTests.attribution(n)
        result.eventID = nil
        return result
    }

    @Test func aDuplicateInALaterFileOrNightAddsNothingButIsCounted() throws {
        let directory = DenyStoreTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try DenyStore(path: directory + "/store.sqlite")
        let night1 = try store.beginRun(command: "analyze", snapshot: "snap", snapshotDigest: "d")
        let a = DenyStoreTests.file("/logs/a.json.gz", hash: "aaa")
        let first = try store.record(a, attributions: [1, 2, 2, 3].map(DenyStoreTests.attribution), runID: night1)
        #expect(first == FileAddition(stored: true, added: [1, 2, 3].map(DenyStoreTests.attribution), duplicateDeliveries: 1))
        var b = DenyStoreTests.file("/logs/b.json.gz", hash: "bbb")
        b.duplicateDeliveries = 2  // left out by the caller (seen earlier in its run)
        let second = try store.record(b, attributions: [3, 4].map(DenyStoreTests.attribution), runID: night1)
        #expect(second == FileAddition(stored: true, added: [DenyStoreTests.attribution(4)], duplicateDeliveries: 3))
        var counts = RunCounts()
        counts.add(a, first)
        counts.add(b, second)
        try store.finishRun(night1, counts: counts)

        let night2 = try store.beginRun(command: "analyze", snapshot: "snap", snapshotDigest: "d")
        let c = DenyStoreTests.file("/logs/c.json.gz", hash: "ccc")
        let later = try store.record(c, attributions: [1, 5].map(DenyStoreTests.attribution) + [Self.anonymous(6), Self.anonymous(6)],
            runID: night2)
        // Records without an eventID cannot be told apart: both are kept.
        #expect(later.added.map(\.eventID) == ["event-5", nil, nil])
        #expect(later.duplicateDeliveries == 1)
        var counts2 = RunCounts()
        counts2.add(c, later)
        try store.finishRun(night2, counts: counts2)

        #expect(try store.allAttributions().map(\.eventID) == ["event-1", "event-2", "event-3", "event-4", "event-5", nil, nil])
        #expect(try store.files().map(\.duplicateDeliveries) == [1, 3, 1])
        #expect(try store.runs().map(\.counts.duplicateDeliveries) == [4, 1])
        #expect(try store.runs().map(\.counts.attributions) == [4, 3])
        // Per day of the call (event-3 on the 20th, event-1 on the 21st, event-2 on the 22nd); those the caller
        // left out carry no eventID and so no day.
        #expect(try store.duplicateDeliveries(from: "2026-11-20T00:00:00Z", to: "2026-11-21T00:00:00Z") == 1)
        #expect(try store.duplicateDeliveries(from: "2026-11-21T00:00:00Z", to: "2026-11-22T00:00:00Z") == 1)
        #expect(try store.duplicateDeliveries(from: "2026-11-20T00:00:00Z", to: "2026-11-23T00:00:00Z") == 3)
        #expect(try store.duplicateDeliveries(from: "2026-11-23T00:00:00Z", to: "2026-11-24T00:00:00Z") == 0)
    }

    /// A file that grows is stored again whole: a duplicate in it is counted once, not once per version.
    @Test func aDuplicateInAGrowingFileIsCountedOnce() throws {
        let directory = DenyStoreTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try DenyStore(path: directory + "/store.sqlite")
        let run = try store.beginRun(command: "tail", snapshot: "snap", snapshotDigest: "d")
        try store.record(DenyStoreTests.file("/logs/a.json.gz", hash: "aaa"), attributions: [DenyStoreTests.attribution(1)],
            runID: run)
        var counts = RunCounts()
        for version in 2...4 {
            let file = DenyStoreTests.file("/logs/grow.jsonl", hash: "v\(version)")
            let addition = try store.record(file, attributions: (1...version).map(DenyStoreTests.attribution), runID: run)
            #expect(addition.added == [DenyStoreTests.attribution(version)], "version \(version)")
            #expect(addition.duplicateDeliveries == (version == 2 ? 1 : 0), "version \(version)")
            counts.add(file, addition)
        }
        #expect(counts.duplicateDeliveries == 1)
        #expect(counts.attributions == 3)
        #expect(try store.files().map(\.duplicateDeliveries) == [0, 1])
        #expect(try store.duplicateDeliveries(from: "2026-11-20T00:00:00Z", to: "2026-11-23T00:00:00Z") == 1)
    }

    /// A JSON Lines file that grows by appends is stored again whole each time; only the appended records are new.
    @Test func aGrowingFileAddsOnlyItsNewRecords() throws {
        let directory = DenyStoreTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try DenyStore(path: directory + "/store.sqlite")
        let run = try store.beginRun(command: "tail", snapshot: "snap", snapshotDigest: "d")
        var seen: [Attribution] = []
        var records: [Attribution] = []
        for version in 1...4 {
            records += [DenyStoreTests.attribution(version), Self.anonymous(7)]
            let addition = try store.record(DenyStoreTests.file("/logs/grow.jsonl", hash: "v\(version)"),
                attributions: records, runID: run)
            #expect(addition.added == [DenyStoreTests.attribution(version), Self.anonymous(7)], "version \(version)")
            #expect(addition.duplicateDeliveries == 0)
            seen += addition.added
        }
        #expect(seen.count == 8)
        #expect(try store.allAttributions().count == 8)
        #expect(try store.files().map(\.contentHash) == ["v4"])
    }

    @Test func aFailedFileCountsOnlyWhatTheCallerLeftOut() throws {
        let directory = DenyStoreTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try DenyStore(path: directory + "/store.sqlite")
        let run = try store.beginRun(command: "tail", snapshot: "snap", snapshotDigest: "d")
        try store.record(DenyStoreTests.file("/logs/a.json.gz", hash: "aaa"), attributions: [DenyStoreTests.attribution(1)], runID: run)
        var cut = DenyStoreTests.file("/logs/cut.json.gz", hash: "cut", outcome: .failed)
        cut.duplicateDeliveries = 1
        let addition = try store.record(cut, attributions: [DenyStoreTests.attribution(1)], runID: run)
        #expect(addition == FileAddition(stored: true, added: [], duplicateDeliveries: 1))
        // Its first delivery is still to be stored when the file is read whole.
        #expect(try store.record(DenyStoreTests.file("/logs/b.json.gz", hash: "bbb"), attributions: [DenyStoreTests.attribution(2)],
            runID: run).added.map(\.eventID) == ["event-2"])
    }

    /// The first version's tables exactly as that version created them, with an eventID stored three times
    /// (twice in one night's files, once more the next night) and two rows without an eventID.
    static let firstVersion = """
        CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
        INSERT INTO grdb_migrations (identifier) VALUES ('v1: runs, files, attributions');
        CREATE TABLE "runs" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "command" TEXT NOT NULL, "startedAt" TEXT NOT NULL,
            "endedAt" TEXT, "snapshot" TEXT NOT NULL, "snapshotDigest" TEXT NOT NULL,
            "filesProcessed" INTEGER NOT NULL DEFAULT 0, "filesAlreadyStored" INTEGER NOT NULL DEFAULT 0,
            "filesFailed" INTEGER NOT NULL DEFAULT 0, "recordsRead" INTEGER NOT NULL DEFAULT 0,
            "attributions" INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE "files" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "path" TEXT NOT NULL, "size" INTEGER NOT NULL,
            "modifiedAt" DOUBLE NOT NULL, "contentHash" TEXT NOT NULL UNIQUE, "recordsRead" INTEGER NOT NULL,
            "recordsSelected" INTEGER NOT NULL, "recordsUnreadable" INTEGER NOT NULL, "outcome" TEXT NOT NULL,
            "diagnostics" TEXT NOT NULL, "runID" INTEGER NOT NULL REFERENCES "runs"("id"), "processedAt" TEXT NOT NULL);
        CREATE INDEX "files_on_path" ON "files"("path");
        CREATE TABLE "attributions" ("id" INTEGER PRIMARY KEY AUTOINCREMENT,
            "fileID" INTEGER NOT NULL REFERENCES "files"("id") ON DELETE CASCADE, "ordinal" INTEGER NOT NULL,
            "eventID" TEXT, "eventTime" TEXT, "account" TEXT, "region" TEXT, "principal" TEXT, "action" TEXT,
            "errorCode" TEXT, "decision" TEXT NOT NULL, "layer" TEXT, "policy" TEXT, "statement" TEXT,
            "reportedLayer" TEXT, "agreement" BOOLEAN, "reason" TEXT, "json" TEXT NOT NULL);
        CREATE INDEX "attributions_on_fileID" ON "attributions"("fileID");
        CREATE INDEX "attributions_on_eventTime" ON "attributions"("eventTime");
        INSERT INTO runs (id, command, startedAt, endedAt, snapshot, snapshotDigest, filesProcessed, attributions)
            VALUES (1, 'analyze', '2026-11-29T02:00:00Z', '2026-11-29T02:01:00Z', 'snap', 'd', 2, 5),
                   (2, 'analyze', '2026-11-30T02:00:00Z', '2026-11-30T02:01:00Z', 'snap', 'd', 1, 2);
        INSERT INTO files (id, path, size, modifiedAt, contentHash, recordsRead, recordsSelected, recordsUnreadable,
                outcome, diagnostics, runID, processedAt)
            VALUES (1, '/logs/a.json.gz', 100, 1.5, 'aaa', 3, 3, 0, 'ok', '', 1, '2026-11-29T02:00:30Z'),
                   (2, '/logs/b.json.gz', 100, 1.5, 'bbb', 2, 2, 0, 'ok', '', 1, '2026-11-29T02:00:40Z'),
                   (3, '/logs/c.json.gz', 100, 1.5, 'ccc', 2, 2, 0, 'ok', '', 2, '2026-11-30T02:00:30Z');
        """

    static func row(id: Int, fileID: Int, _ attribution: Attribution) -> String {
        let eventID = attribution.eventID.map { "'\($0)'" } ?? "NULL"
        return "INSERT INTO attributions (id, fileID, ordinal, eventID, eventTime, decision, json) VALUES "
            + "(\(id), \(fileID), \(id), \(eventID), '\(attribution.eventTime ?? "")', 'explicit-deny', "
            + "'\(JSONWriter.string(attribution.json).replacingOccurrences(of: "'", with: "''"))');"
    }

    @Test func aFirstVersionStoreWithDuplicatesMigratesKeepingTheFirst() throws {
        let directory = DenyStoreTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/old.sqlite"
        let rows = [
            Self.row(id: 1, fileID: 1, DenyStoreTests.attribution(1)),
            Self.row(id: 2, fileID: 1, DenyStoreTests.attribution(2)),
            Self.row(id: 3, fileID: 1, Self.anonymous(8)),
            Self.row(id: 4, fileID: 2, DenyStoreTests.attribution(1)),
            Self.row(id: 5, fileID: 2, Self.anonymous(8)),
            Self.row(id: 6, fileID: 3, DenyStoreTests.attribution(1)),
            Self.row(id: 7, fileID: 3, DenyStoreTests.attribution(3)),
        ]
        let old = try DatabaseQueue(path: path)
        try old.write { db in try db.execute(sql: Self.firstVersion + rows.joined(separator: "\n")) }
        try old.close()

        let store = try DenyStore(path: path)
        #expect(try store.appliedMigrations() == [StoreSchema.v1, StoreSchema.v2])
        #expect(try store.allAttributions().map(\.eventID) == ["event-1", "event-2", nil, nil, "event-3"])
        #expect(try store.files().map(\.duplicateDeliveries) == [0, 1, 1])
        let runs = try store.runs()
        #expect(runs.map(\.counts.duplicateDeliveries) == [1, 1])
        #expect(runs.map(\.counts.attributions) == [4, 1])
        #expect(try store.duplicateDeliveries(from: "2026-11-21T00:00:00Z", to: "2026-11-22T00:00:00Z") == 2)
        // From now on the store refuses a fourth delivery as it would any other.
        let run = try store.beginRun(command: "tail", snapshot: "snap", snapshotDigest: "d")
        let addition = try store.record(DenyStoreTests.file("/logs/d.json.gz", hash: "ddd"),
            attributions: [DenyStoreTests.attribution(1), DenyStoreTests.attribution(4)], runID: run)
        #expect(addition == FileAddition(stored: true, added: [DenyStoreTests.attribution(4)], duplicateDeliveries: 1))
        // A read-only open (as `report` does) accepts the migrated store.
        #expect(try DenyStore(path: path, readOnly: true).allAttributions().count == 6)
    }
}
