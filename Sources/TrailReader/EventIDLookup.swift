import TrailJSON

/// Finds the one record an eventID or a prefix of it names (a table shows the shortest unique prefix).
///
/// An exact eventID wins; otherwise the prefix must name one event, or one authorization failure among
/// the records it names (the table's prefixes are unique among failures). Repeated deliveries of one
/// event are one candidate.
public struct EventIDLookup {
    public let query: String
    /// How many candidates an ambiguous prefix names.
    public static let candidatesShown = 10

    public enum Outcome {
        case found(JSONValue)
        case notFound
        /// The candidates (at most `candidatesShown`, sorted), and whether there were more.
        case ambiguous([String], more: Bool)
    }

    private var exact: JSONValue?
    private var firstOfEach: [String: JSONValue] = [:]
    private var failures: Set<String> = []
    private var moreCandidates = false

    public init(query: String) {
        self.query = query
    }

    /// The selection that hands this lookup its candidates.
    public var selection: RecordSelection { .eventIDPrefix(query) }

    public mutating func add(_ record: SelectedRecord) {
        guard let id = record.eventID, id.hasPrefix(query) else { return }
        if id == query {
            if exact == nil { exact = record.value }
            return
        }
        if record.isAuthorizationFailure { failures.insert(id) }
        guard firstOfEach[id] == nil else { return }
        // Beyond the candidates shown, only failures are kept (they decide an otherwise ambiguous prefix).
        if firstOfEach.count > Self.candidatesShown && !record.isAuthorizationFailure {
            moreCandidates = true
            return
        }
        firstOfEach[id] = record.value
    }

    public var outcome: Outcome {
        if let exact { return .found(exact) }
        if firstOfEach.count == 1 && !moreCandidates, let only = firstOfEach.values.first { return .found(only) }
        if failures.count == 1, let id = failures.first, let record = firstOfEach[id] { return .found(record) }
        if firstOfEach.isEmpty { return .notFound }
        let ids = (failures.count > 1 ? Array(failures) : Array(firstOfEach.keys)).sorted()
        return .ambiguous(Array(ids.prefix(Self.candidatesShown)),
            more: ids.count > Self.candidatesShown || moreCandidates)
    }
}
