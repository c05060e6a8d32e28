import GRDB
import ReplayResults
import TrailJSON

/// How an attribution becomes a row: the full JSON that `analyze` prints, plus the columns that reports
/// filter and group on (the first denying statement, or the layers that gave no Allow).
struct AttributionRow {
    var ordinal: Int
    var attribution: Attribution
    let json: String

    /// `json` is the attribution's JSON text when it was already written.
    init(ordinal: Int, attribution: Attribution, json: String? = nil) {
        self.ordinal = ordinal
        self.attribution = attribution
        self.json = json ?? JSONWriter.string(attribution.json)
    }

    /// Inserts the row; returns false, inserting nothing, when the store already holds its eventID.
    func insert(_ db: Database, fileID: Int64) throws -> Bool {
        let deny = attribution.denies.first
        let layer = deny?.layer.rawValue ?? attribution.missingAllows.map(\.layer.rawValue).joined(separator: ",")
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO attributions (fileID, ordinal, eventID, eventTime, account, region, principal, action,
                    errorCode, decision, layer, policy, statement, reportedLayer, agreement, reason, json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (eventID) DO NOTHING
                """)
        try statement.execute(arguments: [
            fileID, ordinal, attribution.eventID, attribution.eventTime, attribution.account, attribution.region,
            attribution.principal, attribution.action, attribution.errorCode, attribution.decision.rawValue,
            layer.isEmpty ? nil : layer, deny?.policy, deny?.statement, attribution.reportedLayer?.rawValue,
            attribution.agreement, attribution.reason, json,
        ])
        return db.changesCount > 0
    }

    /// Notes that this file delivered again the eventID of a stored row (the row goes when the file's row does).
    func insertDuplicateDelivery(_ db: Database, fileID: Int64) throws {
        guard let eventID = attribution.eventID else { return }
        try db.cachedStatement(sql: "INSERT INTO duplicateDeliveries (fileID, eventID) VALUES (?, ?)")
            .execute(arguments: [fileID, eventID])
    }

    /// The attribution a stored JSON column holds, or nil when it cannot be read back.
    static func decode(_ text: String) -> Attribution? {
        guard let value = try? JSONParser.parse(text) else { return nil }
        return Attribution(json: value)
    }
}

/// What the stored version of a file held before a new version replaces it: its rows are stored again with
/// the new version but are not new to the store. Rows without an eventID are recognised by their JSON.
struct EarlierVersion {
    private var eventIDs: Set<String>
    private var anonymous: [String: Int] = [:]
    /// The duplicate deliveries counted for the earlier version.
    let duplicateDeliveries: Int

    /// No earlier version: the path is new to the store.
    init() {
        eventIDs = []
        duplicateDeliveries = 0
    }

    init(_ db: Database, path: String) throws {
        duplicateDeliveries = try Int.fetchOne(db.cachedStatement(sql: "SELECT SUM(duplicateDeliveries) FROM files WHERE path = ?"),
            arguments: [path]) ?? 0
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT attributions.eventID AS eventID, attributions.json AS json
            FROM attributions JOIN files ON files.id = attributions.fileID WHERE files.path = ?
            """), arguments: [path])
        eventIDs = []
        for row in rows {
            if let id: String = row["eventID"] {
                eventIDs.insert(id)
            } else {
                anonymous[row["json"], default: 0] += 1
            }
        }
    }

    /// Whether the earlier version held this attribution (each anonymous row answers once).
    mutating func takeBack(_ attribution: Attribution, json: String) -> Bool {
        if let id = attribution.eventID { return eventIDs.contains(id) }
        guard let count = anonymous[json], count > 0 else { return false }
        anonymous[json] = count - 1
        return true
    }
}
