import GRDB
import ReplayResults
import TrailJSON

/// How an attribution becomes a row: the full JSON that `analyze` prints, plus the columns that reports
/// filter and group on (the first denying statement, or the layers that gave no Allow).
struct AttributionRow {
    var ordinal: Int
    var attribution: Attribution

    func insert(_ db: Database, fileID: Int64) throws {
        let deny = attribution.denies.first
        let layer = deny?.layer.rawValue ?? attribution.missingAllows.map(\.layer.rawValue).joined(separator: ",")
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO attributions (fileID, ordinal, eventID, eventTime, account, region, principal, action,
                    errorCode, decision, layer, policy, statement, reportedLayer, agreement, reason, json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        try statement.execute(arguments: [
            fileID, ordinal, attribution.eventID, attribution.eventTime, attribution.account, attribution.region,
            attribution.principal, attribution.action, attribution.errorCode, attribution.decision.rawValue,
            layer.isEmpty ? nil : layer, deny?.policy, deny?.statement, attribution.reportedLayer?.rawValue,
            attribution.agreement, attribution.reason, JSONWriter.string(attribution.json),
        ])
    }

    /// The attribution a stored JSON column holds, or nil when it cannot be read back.
    static func decode(_ text: String) -> Attribution? {
        guard let value = try? JSONParser.parse(text) else { return nil }
        return Attribution(json: value)
    }
}
