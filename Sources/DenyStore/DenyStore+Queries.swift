import GRDB
import ReplayResults

/// What reports and tests read back from the store.
extension DenyStore {
    /// The attributions whose event time is in `[from, to)` (ISO 8601 UTC strings), in time order.
    public func attributions(from: String, to: String) throws(StoreError) -> [Attribution] {
        try read("read attributions") { db in
            let texts = try String.fetchAll(db,
                sql: "SELECT json FROM attributions WHERE eventTime >= ? AND eventTime < ? ORDER BY eventTime, id",
                arguments: [from, to])
            return texts.compactMap(AttributionRow.decode)
        }
    }

    /// How many times the calls stored with an event time in `[from, to)` were delivered again (by the same
    /// file or another); the stored attributions count each call once.
    public func duplicateDeliveries(from: String, to: String) throws(StoreError) -> Int {
        try read("read duplicate deliveries") { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM duplicateDeliveries
                JOIN attributions ON attributions.eventID = duplicateDeliveries.eventID
                WHERE attributions.eventTime >= ? AND attributions.eventTime < ?
                """, arguments: [from, to]) ?? 0
        }
    }

    /// Every stored attribution, in storage order.
    public func allAttributions() throws(StoreError) -> [Attribution] {
        try read("read attributions") { db in
            try String.fetchAll(db, sql: "SELECT json FROM attributions ORDER BY id").compactMap(AttributionRow.decode)
        }
    }

    /// Every stored file, by path.
    public func files() throws(StoreError) -> [StoredFile] {
        try read("read files") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM files ORDER BY path").map { row in
                let diagnostics: String = row["diagnostics"]
                return StoredFile(path: row["path"], size: row["size"], modifiedAt: row["modifiedAt"],
                    contentHash: row["contentHash"], recordsRead: row["recordsRead"],
                    recordsSelected: row["recordsSelected"], recordsUnreadable: row["recordsUnreadable"],
                    outcome: StoredFile.Outcome(rawValue: row["outcome"]) ?? .failed,
                    diagnostics: diagnostics.isEmpty ? [] : diagnostics.components(separatedBy: "\n"),
                    duplicateDeliveries: row["duplicateDeliveries"])
            }
        }
    }

    /// Every run, oldest first.
    public func runs() throws(StoreError) -> [StoredRun] {
        try read("read runs") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY id").map { row in
                var counts = RunCounts()
                counts.filesProcessed = row["filesProcessed"]
                counts.filesAlreadyStored = row["filesAlreadyStored"]
                counts.filesFailed = row["filesFailed"]
                counts.recordsRead = row["recordsRead"]
                counts.attributions = row["attributions"]
                counts.duplicateDeliveries = row["duplicateDeliveries"]
                return StoredRun(id: row["id"], command: row["command"], startedAt: row["startedAt"],
                    endedAt: row["endedAt"], snapshot: row["snapshot"], snapshotDigest: row["snapshotDigest"],
                    counts: counts)
            }
        }
    }

    /// The applied migrations, oldest first.
    public func appliedMigrations() throws(StoreError) -> [String] {
        try read("read the schema version") { db in try StoreSchema.migrator.appliedMigrations(db) }
    }
}
