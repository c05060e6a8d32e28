/// The request's condition keys and their values, looked up case-insensitively.
///
/// A key with several values is multivalued; the set qualifiers decide how they compare. Held as flat arrays
/// scanned by hash (a request carries tens of keys at most), which is several times cheaper per lookup than hashing
/// into a dictionary.
public struct RequestContext: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        var key: String
        var values: [String]
    }

    /// The folded keys' hashes, the folded keys and their entries, in the order the keys were first set.
    private var hashes: [UInt64] = []
    private var folded: [String] = []
    private var entries: [Entry] = []
    /// The keys the evaluator implies (from the caller, the resource account), kept apart from the request's so that
    /// adding them copies nothing; looked up after them.
    private var implied: [ImpliedValue] = []

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
        get { values(ContextKey(key.lowercased()))?.array }
        set {
            let key = (ContextKey(key.lowercased()), key)
            implied.removeAll { $0.key.key.folded == key.0.folded }
            let position = index(key.0)
            switch (position, newValue) {
            case (let i?, let values?):
                entries[i] = Entry(key: key.1, values: values)
            case (let i?, nil):
                hashes.remove(at: i)
                folded.remove(at: i)
                entries.remove(at: i)
            case (nil, let values?):
                hashes.append(key.0.hash)
                folded.append(key.0.folded)
                entries.append(Entry(key: key.1, values: values))
            case (nil, nil):
                break
            }
        }
    }

    private func index(_ key: ContextKey) -> Int? {
        hashes.withUnsafeBufferPointer { hashes in
            for i in hashes.indices where hashes[i] == key.hash && folded[i] == key.folded { return i }
            return nil
        }
    }

    /// The values of a folded key, nil when the request does not carry it.
    func values(_ key: ContextKey) -> ContextValues? {
        if let i = index(key) { return ContextValues(entries[i].values) }
        for item in implied where item.hash == key.hash && item.key.key.folded == key.folded { return item.values }
        return nil
    }

    /// Adds `values` for `key` unless the request already carries it.
    mutating func setIfAbsent(_ key: ImpliedKey, _ values: ContextValues) {
        let hash = key.hash
        for i in hashes.indices where hashes[i] == hash && key.key.folded == folded[i] { return }
        guard !implied.contains(where: { $0.key == key }) else { return }
        if implied.isEmpty { implied.reserveCapacity(8) }
        implied.append(ImpliedValue(key: key, hash: hash, values: values))
    }

    /// Every key by its folded form, implied ones included.
    var allEntries: [String: Entry] {
        var all: [String: Entry] = [:]
        for (key, entry) in zip(folded, entries) { all[key] = entry }
        for item in implied where all[item.key.key.folded] == nil {
            all[item.key.key.folded] = Entry(key: item.key.spelled, values: item.values.array)
        }
        return all
    }

    /// The keys as first written, sorted.
    public var keys: [String] { allEntries.values.map(\.key).sorted() }

    public static func == (lhs: RequestContext, rhs: RequestContext) -> Bool {
        lhs.allEntries == rhs.allEntries
    }
}

/// A condition key the evaluator implies from the caller or the resource's account when the request lacks it.
enum ImpliedKey: UInt8, Sendable, CaseIterable {
    case principalArn, principalAccount, principalType, userName, userID, principalIsAWSService, principalServiceName
    case resourceAccount

    /// The key as AWS spells it.
    var spelled: String {
        switch self {
        case .principalArn: "aws:PrincipalArn"
        case .principalAccount: "aws:PrincipalAccount"
        case .principalType: "aws:PrincipalType"
        case .userName: "aws:username"
        case .userID: "aws:userid"
        case .principalIsAWSService: "aws:PrincipalIsAWSService"
        case .principalServiceName: "aws:PrincipalServiceName"
        case .resourceAccount: "aws:ResourceAccount"
        }
    }

    /// The folded key's hash (`ContextKey.hash`), as a constant: implying a key then touches no string.
    var hash: UInt64 {
        switch self {
        case .principalArn: 0x579e_f7ad_dad3_9949
        case .principalAccount: 0x33ca_3adf_0d39_7391
        case .principalType: 0xb33a_0dc9_6f5b_008e
        case .userName: 0xf380_4c0d_bd96_dd04
        case .userID: 0x553d_2301_fac4_e30a
        case .principalIsAWSService: 0xb175_a0b9_40db_051e
        case .principalServiceName: 0x6260_90bc_8279_82c6
        case .resourceAccount: 0xbcc2_5615_331d_7047
        }
    }

    /// The key folded, with its hash.
    var key: ContextKey {
        switch self {
        case .principalArn: .principalArn
        case .principalAccount: .principalAccount
        case .principalType: .principalType
        case .userName: .userName
        case .userID: .userID
        case .principalIsAWSService: .principalIsAWSService
        case .principalServiceName: .principalServiceName
        case .resourceAccount: .resourceAccount
        }
    }
}

/// An implied key's values (a struct, not a tuple, so that a list of them is destroyed by specialized code).
struct ImpliedValue: Sendable {
    let key: ImpliedKey
    /// The folded key's hash, compared first.
    let hash: UInt64
    let values: ContextValues
}

/// A condition key folded to lowercase, with its hash, made once for a key looked up often.
struct ContextKey: Sendable {
    let folded: String
    let hash: UInt64

    /// `folded` must already be lowercase.
    init(_ folded: String) {
        self.folded = folded
        hash = Self.hash(folded)
    }

    /// The hash of the bytes, or 0 for a key that some other spelling equals as a String (canonical equivalence):
    /// one with a non-ASCII byte, or with `;`, `` ` `` or `K`, which U+037E, U+1FEF and U+212A decompose to. Keys that
    /// are equal as Strings so always have equal hashes.
    static func hash(_ key: String) -> UInt64 {
        var key = key
        return key.withUTF8 { bytes in
            let ambiguous = bytes.contains { $0 >= 0x80 || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "`") || $0 == UInt8(ascii: "K") }
            return ambiguous ? 0 : ActionKey.hash(bytes)
        }
    }

    static let principalArn = ContextKey("aws:principalarn")
    static let principalAccount = ContextKey("aws:principalaccount")
    static let principalType = ContextKey("aws:principaltype")
    static let userName = ContextKey("aws:username")
    static let userID = ContextKey("aws:userid")
    static let principalIsAWSService = ContextKey("aws:principalisawsservice")
    static let principalServiceName = ContextKey("aws:principalservicename")
    static let resourceAccount = ContextKey("aws:resourceaccount")
    static let federatedProvider = ContextKey("aws:federatedprovider")
    static let canonicalUser = ContextKey("s3:canonicaluser")
}
