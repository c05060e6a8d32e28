import GRDB

/// The store's tables, as versioned migrations from the first version: an existing store is brought up to
/// date when opened, and a new empty file gets every migration in order.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: runs, files, attributions") { db in
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
        return migrator
    }
}
