import PolicyLanguage

/// Which statements of a policy can apply to a request, worked out when the policy is compiled, so that an
/// evaluation visits only those.
///
/// Actions: every action a statement names exactly gets its own list of the statements that cover it, wildcards
/// and NotAction resolved at compile time (no Action test is left for them). An action named nowhere exactly falls
/// back to its service's list: the statements with a wildcard action of that service (`s3:Get*`) and those that
/// may cover any service (`*`, `s*:Get*`, NotAction); failing that, to the latter alone. The fallback lists are
/// tested against the action as usual. Every list keeps statement order, so reasons come out as when every
/// statement is tested.
///
/// Resources: each statement's Resource patterns give literal prefixes one of which a matching resource starts
/// with; a statement whose prefixes the resource lacks is passed over before any matcher is touched.
///
/// Everything lives in plain-value buffers the index owns (hash tables by open addressing, lists, prefixes), so
/// that a lookup copies and reference-counts nothing. Immutable after `init`, hence safe to share.
final class PolicyIndex: @unchecked Sendable {
    /// Int32 words: exact-name slots, service slots (an entry number or -1), two words per entry (where its list
    /// starts and ends in `words`), the lists of statement positions, three words per statement gate (where its
    /// spans start in `words`, how many, -1 letting every resource through; 1 when passing the gate is matching the
    /// Resource), two words per span (where its bytes start in `bytes` and how many).
    private let words: UnsafeMutablePointer<Int32>
    private let wordCount: Int
    /// The resource prefixes' bytes.
    private let bytes: UnsafeMutablePointer<UInt8>
    /// Per entry, its name's hash and its name (compared on a hash hit).
    private let hashes: [UInt64]
    private let names: [String]
    private let exactSlots: (start: Int, count: Int)
    private let serviceSlots: (start: Int, count: Int)
    private let entriesStart: Int
    private let gatesStart: Int
    /// The list of the statements that may cover any service.
    private let general: Range<Int>
    /// The statements, owned by `owner`, as unretained references: reaching one retains nothing.
    private let statements: UnsafeMutablePointer<Unmanaged<CompiledStatement>>
    private let owner: [CompiledStatement]

    init(_ statements: [CompiledStatement]) {
        var exactNames: [String] = []
        var seenExact = Set<String>()
        var wildByService: [String: [Int]] = [:]
        var serviceOrder: [String] = []
        var generalStatements: [Int] = []
        for (i, statement) in statements.enumerated() {
            // Every ASCII exact name gets a list, NotAction's and wildcard services' too: so an ASCII action without
            // one equals no ASCII exact name of the policy, which `matchesBeyondExactNames` relies on.
            for name in statement.action.exact.sorted() where name.utf8.allSatisfy({ $0 < 0x80 }) && seenExact.insert(name).inserted {
                exactNames.append(name)
            }
            switch Self.classify(statement.statement.action) {
            case .general:
                generalStatements.append(i)
            case .specific(let wildServices):
                for service in wildServices {
                    if wildByService[service] == nil { serviceOrder.append(service) }
                    if wildByService[service]?.last != i { wildByService[service, default: []].append(i) }
                }
            }
        }
        let exactLists = exactNames.map { name in statements.indices.filter { statements[$0].action.matches(name) } }
        let serviceLists = serviceOrder.map { Set(wildByService[$0] ?? []).union(generalStatements).sorted() }
        let entryNames = exactNames + serviceOrder
        let lists = exactLists + serviceLists + [generalStatements]

        let exactCapacity = Self.capacity(for: exactNames.count)
        let serviceCapacity = Self.capacity(for: serviceOrder.count)
        var layout = [Int32](repeating: -1, count: exactCapacity + serviceCapacity)
        exactSlots = (0, exactCapacity)
        serviceSlots = (exactCapacity, serviceCapacity)
        entriesStart = layout.count
        layout += [Int32](repeating: 0, count: 2 * entryNames.count)
        var listRanges: [Range<Int>] = []
        for list in lists {
            let start = layout.count
            layout += list.map { Int32($0) }
            listRanges.append(start..<layout.count)
        }
        for (entry, range) in listRanges.dropLast().enumerated() {
            layout[entriesStart + 2 * entry] = Int32(range.lowerBound)
            layout[entriesStart + 2 * entry + 1] = Int32(range.upperBound)
        }
        general = listRanges[listRanges.count - 1]
        let hashes = entryNames.map { ActionKey.hash($0) }
        for entry in entryNames.indices {
            let (start, capacity) = entry < exactNames.count ? (0, exactCapacity) : (exactCapacity, serviceCapacity)
            var slot = Int(truncatingIfNeeded: hashes[entry]) & (capacity - 1)
            while layout[start + slot] >= 0 { slot = (slot + 1) & (capacity - 1) }
            layout[start + slot] = Int32(entry)
        }

        gatesStart = layout.count
        var spans: [Int32] = []
        var prefixBytes: [UInt8] = []
        let spansStart = gatesStart + 3 * statements.count
        for statement in statements {
            let decided: Int32 = statement.resource?.decidedByPrefixes == true ? 1 : 0
            guard let prefixes = statement.resource?.requiredPrefixes, !prefixes.contains(where: \.isEmpty) else {
                layout += [0, -1, decided]
                continue
            }
            layout += [Int32(spansStart + spans.count), Int32(prefixes.count), decided]
            for prefix in prefixes {
                spans += [Int32(prefixBytes.count), Int32(prefix.count)]
                prefixBytes += prefix
            }
        }
        layout += spans

        wordCount = layout.count
        words = UnsafeMutablePointer<Int32>.allocate(capacity: max(layout.count, 1))
        words.initialize(from: layout, count: layout.count)
        bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(prefixBytes.count, 1))
        bytes.initialize(from: prefixBytes, count: prefixBytes.count)
        self.hashes = hashes
        names = entryNames
        owner = statements
        self.statements = UnsafeMutablePointer<Unmanaged<CompiledStatement>>.allocate(capacity: max(statements.count, 1))
        self.statements.initialize(from: statements.map { Unmanaged.passUnretained($0) }, count: statements.count)
    }

    deinit {
        words.deallocate()
        bytes.deallocate()
        statements.deallocate()
    }

    /// A power of two at least twice `count` (so probes end at an empty slot), or 0 for no names.
    static func capacity(for count: Int) -> Int {
        guard count > 0 else { return 0 }
        var capacity = 4
        while capacity < 2 * count { capacity *= 2 }
        return capacity
    }

    /// The positions of the statements that can cover `key` (pass each to `statement(at:)`), and whether their
    /// Action must still be tested.
    func lookup(_ key: ActionKey) -> (range: Range<Int>, tested: Bool) {
        if let range = find(key.action, hash: key.actionHash, in: exactSlots) { return (range, false) }
        if !key.service.isEmpty, let range = find(key.service, hash: key.serviceHash, in: serviceSlots) {
            return (range, true)
        }
        return (general, true)
    }

    /// The statement at `position` of a list.
    func statement(at position: Int) -> Int { Int(words[position]) }

    /// Calls `body` with statement `index` of the policy, borrowed from the index (no retain).
    func withStatement<R>(_ index: Int, _ body: (CompiledStatement) -> R) -> R {
        statements[index]._withUnsafeGuaranteedRef(body)
    }

    private func find(_ name: String, hash: UInt64, in slots: (start: Int, count: Int)) -> Range<Int>? {
        guard slots.count > 0 else { return nil }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(words[slots.start + slot])
            if entry < 0 { return nil }
            if hashes[entry] == hash && names[entry] == name {
                return Int(words[entriesStart + 2 * entry])..<Int(words[entriesStart + 2 * entry + 1])
            }
            slot = (slot + 1) & mask
        }
    }

    /// Whether statement `index` may match the resource whose UTF-8 is `subject`.
    func admits(_ index: Int, _ subject: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = Int(words[gatesStart + 3 * index + 1])
        if count < 0 { return true }
        var span = Int(words[gatesStart + 3 * index])
        for _ in 0..<count {
            let start = Int(words[span])
            let length = Int(words[span + 1])
            span += 2
            guard subject.count >= length, let head = subject.baseAddress else { continue }
            // Backwards, eight bytes at a time: prefixes share their ARN's head (`arn:aws:s3:::`) and differ near
            // the end.
            var i = length
            while i >= 8
                && UnsafeRawPointer(head + (i &- 8)).loadUnaligned(as: UInt64.self)
                    == UnsafeRawPointer(bytes + (start &+ i &- 8)).loadUnaligned(as: UInt64.self)
            {
                i &-= 8
            }
            if i >= 8 { continue }
            while i > 0 && head[i &- 1] == bytes[start &+ i &- 1] { i &-= 1 }
            if i == 0 { return true }
        }
        return false
    }

    /// Whether passing statement `index`'s gate means its Resource matches (its patterns are `*` or `literal*`).
    func gateDecidesResource(_ index: Int) -> Bool { words[gatesStart + 3 * index + 2] != 0 }

    enum Kind {
        /// NotAction, or a pattern whose service part has a wildcard, is empty or missing: any action may match.
        case general
        /// Exact names and patterns with a wildcard after `service:`, whose services these are.
        case specific(wildServices: [String])
    }

    static func classify(_ element: ActionElement) -> Kind {
        if element.negated { return .general }
        var services: [String] = []
        for raw in element.patterns {
            let lowered = raw.asciiLowercased
            // A non-ASCII name may equal another spelling as a String (canonical equivalence), which bytes miss.
            guard lowered.utf8.allSatisfy({ $0 < 0x80 }) else { return .general }
            let bytes = Array(lowered.utf8)
            let isWildcard = { (b: UInt8) in b == UInt8(ascii: "*") || b == UInt8(ascii: "?") }
            guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0,
                !bytes[..<colon].contains(where: isWildcard)
            else { return .general }
            if bytes[colon...].contains(where: isWildcard) {
                services.append(String(decoding: bytes[..<colon], as: UTF8.self))
            }
        }
        return .specific(wildServices: services)
    }
}
