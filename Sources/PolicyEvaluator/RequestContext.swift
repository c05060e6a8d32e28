/// The request's condition keys and their values, looked up case-insensitively.
///
/// A key with several values is multivalued; the set qualifiers decide how they compare.
public struct RequestContext: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        var key: String
        var values: [String]
    }

    var entries: [String: Entry] = [:]
    /// The keys the evaluator implies (from the caller, the resource account), by folded key, kept apart from
    /// `entries` so that adding them copies no dictionary; a handful, looked up by a scan after `entries`.
    var implied: [(folded: String, entry: Entry)] = []

    public init() {}

    /// Builds a context from key/values pairs; later pairs for the same key replace earlier ones.
    public init(_ pairs: [(String, [String])]) {
        for (key, values) in pairs { self[key] = values }
    }

    /// Builds a context from a dictionary of key → values (keys differing only in case collapse).
    public init(_ dictionary: [String: [String]]) {
        for (key, values) in dictionary.sorted(by: { $0.key < $1.key }) { self[key] = values }
    }

    /// The values of `key` (any case), nil when the request does not carry it.
    public subscript(key: String) -> [String]? {
        get { values(lowercasedKey: key.lowercased()) }
        set {
            let folded = key.lowercased()
            implied.removeAll { $0.folded == folded }
            if let newValue {
                entries[folded] = Entry(key: key, values: newValue)
            } else {
                entries[folded] = nil
            }
        }
    }

    /// The values of an already lowercased key.
    func values(lowercasedKey: String) -> [String]? {
        if let entry = entries[lowercasedKey] { return entry.values }
        for item in implied where item.folded == lowercasedKey { return item.entry.values }
        return nil
    }

    /// Adds `values` for `key`, whose lowercased form is `folded`, unless the request already carries the key.
    mutating func setIfAbsent(_ key: String, lowercased folded: String, _ values: [String]) {
        guard self.values(lowercasedKey: folded) == nil else { return }
        if implied.isEmpty { implied.reserveCapacity(8) }
        implied.append((folded, Entry(key: key, values: values)))
    }

    /// Every key by its folded form, implied ones included.
    var allEntries: [String: Entry] {
        var all = entries
        for item in implied where all[item.folded] == nil { all[item.folded] = item.entry }
        return all
    }

    /// The keys as first written, sorted.
    public var keys: [String] { allEntries.values.map(\.key).sorted() }

    public static func == (lhs: RequestContext, rhs: RequestContext) -> Bool {
        lhs.allEntries == rhs.allEntries
    }
}
