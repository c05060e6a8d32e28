import GRDB

/// The store's tables, as versioned migrations from the first version: an existing store is brought up to
/// date when opened, and a new empty file gets every migration in order.
enum StoreSchema {
    static let v1 = "v1: runs, files, attributions"
    static let v2 = "v2: each eventID once, duplicate deliveries counted"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(v1) { db in
            try db.create(table: "runs") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("command", .text).notNull()
                t.column("startedAt", .text).notNull()
                t.column("endedAt", .text)
                t.column("snapshot", .text).notNull()
                t.column("snapshotDigest", .text).notNull()
                t.column("filesProcessed", .integer).notNull().defaults(to: 0)
                t.column("filesAlreadyStored", .integer).notNull().defaults(to: 0)
                t.column("filesFailed", .integer).notNull().defaults(to: 0)
                t.column("recordsRead", .integer).notNull().defaults(to: 0)
                t.column("attributions", .integer).notNull().defaults(to: 0)
            }
            try db.create(table: "files") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("path", .text).notNull().indexed()
                t.column("size", .integer).notNull()
                t.column("modifiedAt", .double).notNull()
                t.column("contentHash", .text).notNull().unique()
                t.column("recordsRead", .integer).notNull()
                t.column("recordsSelected", .integer).notNull()
                t.column("recordsUnreadable", .integer).notNull()
                t.column("outcome", .text).notNull()
                t.column("diagnostics", .text).notNull()
                t.column("runID", .integer).notNull().references("runs")
                t.column("processedAt", .text).notNull()
            }
            try db.create(table: "attributions") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("fileID", .integer).notNull().indexed().references("files", onDelete: .cascade)
                t.column("ordinal", .integer).notNull()
                t.column("eventID", .text)
                t.column("eventTime", .text).indexed()
                t.column("account", .text)
                t.column("region", .text)
                t.column("principal", .text)
                t.column("action", .text)
                t.column("errorCode", .text)
                t.column("decision", .text).notNull()
                t.column("layer", .text)
                t.column("policy", .text)
                t.column("statement", .text)
                t.column("reportedLayer", .text)
                t.column("agreement", .boolean)
                t.column("reason", .text)
                t.column("json", .text).notNull()
            }
        }
        migrator.registerMigration(v2, migrate: eachEventOnce)
        return migrator
    }

    /// CloudTrail delivers at least once, so a store of the first version may hold an eventID more than once.
    /// The first row stored of each eventID is kept; each later one is deleted and counted as a duplicate
    /// delivery of its file and of the run that stored it (whose `attributions` then counts distinct calls),
    /// and kept in `duplicateDeliveries` (file, eventID) so that a report can tell them per period.
    /// Rows without an eventID are never taken for duplicates.
    static func eachEventOnce(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE files ADD COLUMN duplicateDeliveries INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE runs ADD COLUMN duplicateDeliveries INTEGER NOT NULL DEFAULT 0;
            CREATE TABLE duplicateDeliveries (
                fileID INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE, eventID TEXT NOT NULL);
            CREATE INDEX duplicateDeliveries_on_fileID ON duplicateDeliveries (fileID);
            CREATE INDEX duplicateDeliveries_on_eventID ON duplicateDeliveries (eventID);
            CREATE TEMPORARY TABLE laterDeliveries AS
                SELECT attributions.id AS id, attributions.fileID AS fileID, attributions.eventID AS eventID,
                    files.runID AS runID
                FROM attributions JOIN files ON files.id = attributions.fileID
                WHERE attributions.eventID IS NOT NULL AND attributions.id NOT IN
                    (SELECT MIN(id) FROM attributions WHERE eventID IS NOT NULL GROUP BY eventID);
            INSERT INTO duplicateDeliveries (fileID, eventID) SELECT fileID, eventID FROM laterDeliveries ORDER BY id;
            UPDATE files SET duplicateDeliveries =
                (SELECT COUNT(*) FROM laterDeliveries WHERE laterDeliveries.fileID = files.id);
            UPDATE runs SET
                duplicateDeliveries = (SELECT COUNT(*) FROM laterDeliveries WHERE laterDeliveries.runID = runs.id),
                attributions = MAX(0, attributions
                    - (SELECT COUNT(*) FROM laterDeliveries WHERE laterDeliveries.runID = runs.id));
            DELETE FROM attributions WHERE id IN (SELECT id FROM laterDeliveries);
            DROP TABLE laterDeliveries;
            CREATE UNIQUE INDEX attributions_eventID ON attributions (eventID);
            """)
    }
}
