import PolicyLanguage
import TrailJSON

/// Counts over many attributions: by layer, by policy statement, by principal and by action; reproduced or
/// not (with reasons); what the snapshot or input lacked; and agreement with the layer AWS reported.
public struct AttributionSummary: Sendable, Equatable {
    public var total = 0
    public var byDecision: [String: Int] = [:]
    /// For explicit denies, each denying layer; for implicit denies, each layer that gave no Allow.
    public var byLayer: [PolicyLayer: Int] = [:]
    /// `policy#statement` of explicit denies.
    public var byStatement: [String: Int] = [:]
    /// Calls by the role or user behind each principal (a role's sessions counted together).
    public var byPrincipal: [String: Int] = [:]
    /// The distinct session names seen per role, each set kept to `sessionNameLimit` names.
    public var sessionNames: [String: Set<String>] = [:]
    public static let sessionNameLimit = 1_000
    /// Calls made `unknown` by each thing the snapshot or the input lacked.
    public var byMissing: [String: Int] = [:]
    public var byAction: [String: Int] = [:]
    public var reproduced = 0
    public var notReproduced = 0
    /// Reproduced denies whose deciding policy changed after the call (`Attribution.fixedBy`): denied, since fixed.
    public var sinceFixed = 0
    public var reasons: [String: Int] = [:]
    public var agreed = 0
    public var disagreed = 0
    /// Results not compared with AWS's message: it named no layer, or the replay reached no deny.
    public var unreported = 0
    /// Later deliveries of an eventID already replayed in the run: counted, not replayed again.
    public var duplicateDeliveries = 0

    public init() {}

    public mutating func add(_ result: Attribution) {
        total += 1
        byDecision[result.decision.rawValue, default: 0] += 1
        switch result.decision {
        case .explicitDeny:
            for layer in Set(result.denies.map(\.layer)) { byLayer[layer, default: 0] += 1 }
            for key in Set(result.denies.map { "\($0.policyLabel)#\($0.statement)" }) { byStatement[key, default: 0] += 1 }
        case .implicitDeny:
            for layer in Set(result.missingAllows.map(\.layer)) { byLayer[layer, default: 0] += 1 }
        default:
            break
        }
        let entity = result.principalEntity ?? "(unknown)"
        byPrincipal[entity, default: 0] += 1
        if let session = result.sessionName, sessionNames[entity, default: []].count < Self.sessionNameLimit {
            sessionNames[entity, default: []].insert(session)
        }
        for missing in Set(result.missing) { byMissing[missing, default: 0] += 1 }
        byAction[result.action ?? "(unknown)", default: 0] += 1
        if result.fixedBy != nil { sinceFixed += 1 }
        if result.reproduced {
            reproduced += 1
        } else {
            notReproduced += 1
            reasons[result.reason ?? "(no reason given)", default: 0] += 1
        }
        switch result.agreement {
        case true?: agreed += 1
        case false?: disagreed += 1
        case nil: unreported += 1
        }
    }

    /// The summary as JSON (`total` first, then the breakdowns, each sorted by count).
    public var json: JSONValue {
        func counts(_ map: [String: Int]) -> JSONValue {
            .object(JSONObject(AttributionSummary.sorted(map).map { .init(key: $0.key, value: .number(String($0.value))) }))
        }
        return [
            "total": .number(String(total)),
            "byDecision": counts(byDecision),
            "byLayer": counts(byLayerName),
            "byStatement": counts(byStatement),
            "byPrincipal": counts(byPrincipal),
            "sessionsByPrincipal": counts(sessionNames.mapValues(\.count)),
            "byAction": counts(byAction),
            "reproduced": .number(String(reproduced)),
            "notReproduced": .number(String(notReproduced)),
            "reasons": counts(reasons),
            "missing": counts(byMissing),
            "agreement": ["agreed": .number(String(agreed)), "disagreed": .number(String(disagreed)),
                          "notCompared": .number(String(unreported))],
            "duplicateDeliveries": .number(String(duplicateDeliveries)),
        ]
    }

    /// `byLayer` keyed by the layers' printed tokens, for tables and JSON.
    public var byLayerName: [String: Int] {
        Dictionary(uniqueKeysWithValues: byLayer.map { ($0.key.rawValue, $0.value) })
    }

    /// The sessions column for a principal: the number of distinct session names, `1000+` past the limit.
    public func sessions(of principal: String) -> String {
        guard let names = sessionNames[principal] else { return "-" }
        return names.count >= Self.sessionNameLimit ? "\(Self.sessionNameLimit)+" : String(names.count)
    }

    /// Entries by descending count, then by name.
    public static func sorted(_ map: [String: Int]) -> [(key: String, value: Int)] {
        map.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
    }
}
