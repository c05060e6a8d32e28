import CivilTime
import Foundation
import GRDB
import ReplayResults

/// The embedded SQLite store of attributed denies, processed files and runs.
///
/// Each file is written in one transaction (its row, its attributions, its counts), so a crash mid-file
/// leaves the store as if the file had not been started; a file whose content is already stored adds nothing.
public struct DenyStore: Sendable {
    public let path: String
    let queue: DatabaseQueue

    /// Opens (creating and migrating when writable) the store at `path`.
    public init(path: String, readOnly: Bool = false) throws(StoreError) {
        self.path = path
        if readOnly && !FileManager.default.fileExists(atPath: path) {
            throw StoreError.cannotOpen(path: path, reason: "no such file")
        }
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.busyMode = .timeout(30)
        configuration.label = "DenyStore"
        if !readOnly {
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                // Each file is one transaction: in WAL mode, NORMAL syncs at checkpoints instead of at every
                // commit and still never corrupts the store (https://www.sqlite.org/pragma.html#pragma_synchronous).
                // A power loss can lose the last files recorded; the next run finds them unstored and adds them.
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                // 256 KiB of page cache instead of SQLite's 2 MiB: writes append and the indexes' pages stay in the
                // operating system's cache; measured no slower on the bench archive, 1.8 MB less at the peak.
                try db.execute(sql: "PRAGMA cache_size = -256")
                // A checkpoint every 16,384 pages (64 MiB of log) instead of every 1,000: each checkpoint syncs the log
                // and the store, and the writer waits for it; on the bench archive 17 syncs instead of 155 (0.21 s
                // waiting instead of 0.42 s), and a page changed often is copied to the store once per checkpoint.
                // The log's index in memory grows by 32 KiB per 4,096 pages (https://www.sqlite.org/wal.html).
                try db.execute(sql: "PRAGMA wal_autocheckpoint = 16384")
            }
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            if readOnly {
                let current = try queue.read { db in try StoreSchema.migrator.hasCompletedMigrations(db) }
                guard current else {
                    throw StoreError.cannotOpen(path: path,
                        reason: "not a deny store of this version (write to it with `analyze --store` or `tail` first)")
                }
            } else {
                try StoreSchema.migrator.migrate(queue)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.cannotOpen(path: path, reason: DenyStore.reason(error))
        }
    }

    /// Starts a run row and returns its id.
    public func beginRun(command: String, snapshot: String, snapshotDigest: String, at date: Date = Date())
        throws(StoreError) -> Int64
    {
        try write("start a run") { db in
            try db.execute(
                sql: "INSERT INTO runs (command, startedAt, snapshot, snapshotDigest) VALUES (?, ?, ?, ?)",
                arguments: [command, DenyStore.timestamp(date), snapshot, snapshotDigest])
            return db.lastInsertedRowID
        }
    }

    /// Records the end of a run and what it did.
    public func finishRun(_ id: Int64, counts: RunCounts, at date: Date = Date()) throws(StoreError) {
        try write("finish the run") { db in
            try db.execute(
                sql: """
                    UPDATE runs SET endedAt = ?, filesProcessed = ?, filesAlreadyStored = ?, filesFailed = ?,
                        recordsRead = ?, attributions = ?, duplicateDeliveries = ? WHERE id = ?
                    """,
                arguments: [DenyStore.timestamp(date), counts.filesProcessed, counts.filesAlreadyStored,
                    counts.filesFailed, counts.recordsRead, counts.attributions, counts.duplicateDeliveries, id])
        }
    }

    /// Whether a file with these bytes is already stored.
    public func contains(contentHash: String) throws(StoreError) -> Bool {
        try read("look up a content hash") { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM files WHERE contentHash = ?)",
                arguments: [contentHash]) ?? false
        }
    }

    /// Whether a file is stored at `path` with this size and modification time (a resume skips it unread).
    public func contains(path: String, size: Int, modifiedAt: Double) throws(StoreError) -> Bool {
        try read("look up a file") { db in
            try Bool.fetchOne(db,
                sql: "SELECT EXISTS (SELECT 1 FROM files WHERE path = ? AND size = ? AND modifiedAt = ?)",
                arguments: [path, size, modifiedAt]) ?? false
        }
    }

    /// Stores one file and its attributions in one transaction, each eventID once: a record whose eventID the
    /// store already holds (from another file, a later night, or earlier in this file) is a duplicate delivery,
    /// counted in the file's row and kept in `duplicateDeliveries` (for the report), not stored again. Nothing is stored when the same content already is. A row for
    /// the same path with other content (an earlier, incomplete version of the file) is replaced, so that no
    /// record is counted twice. A failed file keeps no attributions.
    @discardableResult
    public func record(_ file: StoredFile, attributions: [Attribution], runID: Int64) throws(StoreError)
        -> FileAddition
    {
        try record(file, attributions: attributions, runID: runID, interruption: { _ in })
    }

    /// `record`, with a hook called before each attribution row (tests use it to crash mid-file).
    func record(_ file: StoredFile, attributions: [Attribution], runID: Int64,
        interruption: (Int) throws -> Void) throws(StoreError) -> FileAddition
    {
        try write("record `\(file.path)`") { db in
            try DenyStore.record(file, attributions: attributions, runID: runID, in: db, interruption: interruption)
        }
    }

    /// Records several files in one transaction (each still whole or not at all): what each added, in order.
    /// A later file of the batch sees the earlier ones, as if each had been recorded alone. `json`, when given,
    /// is each attribution's JSON text already written (the output's), stored as it is.
    public func record(_ files: [(file: StoredFile, attributions: [Attribution], json: [String]?)], runID: Int64)
        throws(StoreError) -> [FileAddition]
    {
        guard let first = files.first else { return [] }
        return try write("record `\(first.file.path)` and \(files.count - 1) more files") { db in
            try files.map { entry in
                try DenyStore.record(entry.file, attributions: entry.attributions, json: entry.json, runID: runID, in: db,
                    interruption: { _ in })
            }
        }
    }

    private static func record(_ file: StoredFile, attributions: [Attribution], json: [String]? = nil, runID: Int64,
        in db: Database, interruption: (Int) throws -> Void) throws -> FileAddition
    {
        let exists = try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM files WHERE contentHash = ?)"),
            arguments: [file.contentHash]) ?? false
        if exists { return FileAddition(stored: false) }
        // A path seen before is a file that grew or was rewritten: its earlier version gives way to this one.
        let replaces = try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM files WHERE path = ?)"),
            arguments: [file.path]) ?? false
        var earlier = replaces ? try EarlierVersion(db, path: file.path) : EarlierVersion()
        if replaces { try db.cachedStatement(sql: "DELETE FROM files WHERE path = ?").execute(arguments: [file.path]) }
        try db.cachedStatement(
            sql: """
                INSERT INTO files (path, size, modifiedAt, contentHash, recordsRead, recordsSelected,
                    recordsUnreadable, outcome, diagnostics, runID, processedAt, duplicateDeliveries)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [file.path, file.size, file.modifiedAt, file.contentHash, file.recordsRead,
                file.recordsSelected, file.recordsUnreadable, file.outcome.rawValue,
                file.diagnostics.joined(separator: "\n"), runID, DenyStore.timestamp(Date()),
                file.duplicateDeliveries])
        let fileID = db.lastInsertedRowID
        var addition = FileAddition(stored: true, duplicateDeliveries: file.duplicateDeliveries)
        guard file.outcome != .failed else { return addition }
        for (ordinal, attribution) in attributions.enumerated() {
            try interruption(ordinal)
            let text = json.flatMap { $0.indices.contains(ordinal) ? $0[ordinal] : nil }
            let row = AttributionRow(ordinal: ordinal + 1, attribution: attribution, json: text)
            guard try row.insert(db, fileID: fileID) else {
                try row.insertDuplicateDelivery(db, fileID: fileID)
                addition.duplicateDeliveries += 1
                continue
            }
            if !earlier.takeBack(attribution, json: row.json) { addition.added.append(attribution) }
        }
        if addition.duplicateDeliveries != file.duplicateDeliveries {
            try db.execute(sql: "UPDATE files SET duplicateDeliveries = ? WHERE id = ?",
                arguments: [addition.duplicateDeliveries, fileID])
        }
        // Those of the version replaced were counted when it was stored.
        addition.duplicateDeliveries = max(0, addition.duplicateDeliveries - earlier.duplicateDeliveries)
        return addition
    }

    func write<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try queue.write(body)
        } catch {
            throw StoreError.cannotWrite(path: path, operation: operation, reason: DenyStore.reason(error))
        }
    }

    func read<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try queue.read(body)
        } catch {
            throw StoreError.cannotRead(path: path, operation: operation, reason: DenyStore.reason(error))
        }
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return (error.message ?? "\(error.resultCode)").lowercased()
        }
        return "\(error)"
    }

    /// An ISO 8601 UTC timestamp with seconds, as CloudTrail writes `eventTime`.
    public static func timestamp(_ date: Date) -> String {
        UTCTime(secondsSinceEpoch: date.timeIntervalSince1970).description
    }
}
