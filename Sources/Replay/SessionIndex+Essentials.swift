import TrailJSON

extension SessionIndex {
    /// The top-level members of a record that `index(_:)` and `essentials(of:)` read: a reader need build no other.
    public static let recordMembers: Set<String> = [
        "eventSource", "eventName", "eventID", "eventTime", "errorCode", "requestParameters", "responseElements",
    ]

    /// The part of a session-issuing record that `index(_:)` reads, as a record of the same shape: what an archive
    /// index keeps of it so that another process can rebuild the same session. Nil for any other record.
    ///
    /// Kept: the event's source, name, id and time; `requestParameters` `policy`, `policyArns`, `tags`,
    /// `transitiveTagKeys`, `sourceIdentity`; `responseElements` `credentials.accessKeyId`, `assumedRoleUser`,
    /// `federatedUser`. The session token and everything else are left out.
    public static func essentials(of record: JSONValue) -> JSONValue? {
        guard issuingEvent(of: record) != nil else { return nil }
        func pick(_ object: JSONValue?, _ keys: [String]) -> JSONValue? {
            guard let object = object?.objectValue else { return nil }
            let members = keys.compactMap { key in object[key].map { JSONObject.Member(key: key, value: $0) } }
            return .object(JSONObject(members))
        }
        var members = ["eventSource", "eventName", "eventID", "eventTime"].compactMap { key in
            record[key].map { JSONObject.Member(key: key, value: $0) }
        }
        if let parameters = pick(record["requestParameters"],
            ["policy", "policyArns", "tags", "transitiveTagKeys", "sourceIdentity"])
        {
            members.append(.init(key: "requestParameters", value: parameters))
        }
        if var response = pick(record["responseElements"], ["assumedRoleUser", "federatedUser"])?.objectValue {
            if let credentials = pick(record["responseElements"]?["credentials"], ["accessKeyId"]) {
                response.members.insert(.init(key: "credentials", value: credentials), at: 0)
            }
            members.append(.init(key: "responseElements", value: .object(response)))
        }
        return .object(JSONObject(members))
    }
}
