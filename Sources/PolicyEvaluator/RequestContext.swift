/// The request's condition keys and their values, looked up case-insensitively.
///
/// A key with several values is multivalued; the set qualifiers decide how they compare.
public struct RequestContext: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        var key: String
        var values: [String]
    }

    var entries: [String: Entry] = [:]

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
        get { entries[key.lowercased()]?.values }
        set {
            if let newValue {
                entries[key.lowercased()] = Entry(key: key, values: newValue)
            } else {
                entries[key.lowercased()] = nil
            }
        }
    }

    /// The values of an already lowercased key.
    func values(lowercasedKey: String) -> [String]? {
        entries[lowercasedKey]?.values
    }

    /// Adds `values` for `key`, whose lowercased form is `folded`, unless the request already carries the key.
    mutating func setIfAbsent(_ key: String, lowercased folded: String, _ values: [String]) {
        if entries[folded] == nil { entries[folded] = Entry(key: key, values: values) }
    }

    /// The number of keys.
    var count: Int { entries.count }

    /// Makes room for `capacity` keys, so that adding implied keys copies the entries once.
    mutating func reserveCapacity(_ capacity: Int) {
        entries.reserveCapacity(capacity)
    }

    /// The keys as first written, sorted.
    public var keys: [String] { entries.values.map(\.key).sorted() }
}
