import PolicyLanguage

/// Which statements of a policy can cover an action, worked out when the policy is compiled, so that an
/// evaluation visits only those.
///
/// Every action a statement names exactly gets its own list of the statements that cover it, wildcards and
/// NotAction resolved at compile time (no Action test is left for them). An action named nowhere exactly
/// falls back to its service's list: the statements with a wildcard action of that service (`s3:Get*`) and
/// those that may cover any service (`*`, `s*:Get*`, NotAction); failing that, to the latter alone. The
/// fallback lists are tested against the action as usual. Every list keeps statement order, so reasons come
/// out as when every statement is tested. A class, so that a lookup retains one reference, not its arrays.
final class ActionIndex: Sendable {
    /// Statement positions, list after list.
    let candidates: [Int32]
    let exact: NameTable
    let services: NameTable
    /// The statements that may cover any service.
    let general: Range<Int>

    init(_ statements: [CompiledStatement]) {
        var exactNames: [[UInt8]] = []
        var seenExact = Set<[UInt8]>()
        var wildByService: [[UInt8]: [Int]] = [:]
        var serviceOrder: [[UInt8]] = []
        var generalStatements: [Int] = []
        for (i, statement) in statements.enumerated() {
            switch Self.classify(statement.statement.action) {
            case .general:
                generalStatements.append(i)
            case .specific(let names, let wildServices):
                for name in names where seenExact.insert(name).inserted { exactNames.append(name) }
                for service in wildServices {
                    if wildByService[service] == nil { serviceOrder.append(service) }
                    if wildByService[service]?.last != i { wildByService[service, default: []].append(i) }
                }
            }
        }
        var candidates: [Int32] = []
        func append(_ list: [Int]) -> Range<Int> {
            let start = candidates.count
            candidates += list.map { Int32($0) }
            return start..<candidates.count
        }
        general = append(generalStatements)
        var exactItems: [(name: [UInt8], range: Range<Int>)] = []
        for name in exactNames {
            let action = String(decoding: name, as: UTF8.self)
            exactItems.append((name, append(statements.indices.filter { statements[$0].action.matches(action) })))
        }
        var serviceItems: [(name: [UInt8], range: Range<Int>)] = []
        for service in serviceOrder {
            let merged = Set(wildByService[service] ?? []).union(generalStatements).sorted()
            serviceItems.append((service, append(merged)))
        }
        self.candidates = candidates
        exact = NameTable(exactItems)
        services = NameTable(serviceItems)
    }

    /// The positions (a range of `candidates`) of the statements that can cover `key`, and whether their Action
    /// must still be tested.
    func lookup(_ key: ActionKey) -> (range: Range<Int>, tested: Bool) {
        if let range = exact.find(key.actionBytes[...], hash: key.actionHash) { return (range, false) }
        if !key.serviceBytes.isEmpty, let range = services.find(key.serviceBytes, hash: key.serviceHash) {
            return (range, true)
        }
        return (general, true)
    }

    enum Kind {
        /// NotAction, or a pattern whose service part has a wildcard, is empty or missing: any action may match.
        case general
        /// Exact lowercased action names, and the services of the patterns with a wildcard after `service:`.
        case specific(names: [[UInt8]], wildServices: [[UInt8]])
    }

    static func classify(_ element: ActionElement) -> Kind {
        if element.negated { return .general }
        var names: [[UInt8]] = []
        var services: [[UInt8]] = []
        for raw in element.patterns {
            let bytes = Array(raw.asciiLowercased.utf8)
            let isWildcard = { (b: UInt8) in b == UInt8(ascii: "*") || b == UInt8(ascii: "?") }
            guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0,
                !bytes[..<colon].contains(where: isWildcard)
            else { return .general }
            if bytes[colon...].contains(where: isWildcard) {
                services.append(Array(bytes[..<colon]))
            } else {
                names.append(bytes)
            }
        }
        return .specific(names: names, wildServices: services)
    }
}
