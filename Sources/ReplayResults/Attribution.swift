import PolicyEvaluator
import PolicyLanguage
import TrailJSON

/// The replay's verdict on one authorization failure, in the shape `analyze` prints.
public struct Attribution: Sendable, Equatable {
    public enum Decision: String, Sendable, CaseIterable {
        case explicitDeny = "explicit-deny"
        case implicitDeny = "implicit-deny"
        case allow
        case unknown
    }

    /// One statement that denied: its layer, policy and statement, and the condition evaluation that matched.
    public struct Deny: Sendable, Equatable {
        public var layer: PolicyLayer
        public var policy: String
        /// The policy's name where it has one beside its id (an SCP's name, a managed policy's name, …).
        public var policyName: String?
        public var statement: String
        public var conditions: JSONValue

        public init(layer: PolicyLayer, policy: String, policyName: String? = nil, statement: String,
            conditions: JSONValue = .array([]))
        {
            self.layer = layer
            self.policy = policy
            self.policyName = policyName
            self.statement = statement
            self.conditions = conditions
        }
    }

    /// A layer that applied and gave no Allow (at one level of the organization, for SCPs and RCPs).
    public struct MissingAllow: Sendable, Equatable {
        public var layer: PolicyLayer
        public var level: Int?
        public var detail: String?

        public init(layer: PolicyLayer, level: Int? = nil, detail: String? = nil) {
            self.layer = layer
            self.level = level
            self.detail = detail
        }
    }

    /// One change that would let the call through (add, edit or remove a statement, or meet a condition).
    public struct Fix: Sendable, Equatable {
        public var layer: PolicyLayer
        public var level: Int?
        /// The policy to change, or the principal, resource or organization target to attach a new one to.
        public var policy: String
        public var change: PolicyEvaluator.Fix.Change
        /// The statement to add or as edited; the Sid of the statement to remove or whose condition to meet.
        public var statement: JSONValue
        /// For `meet-condition`, the request keys and values the call would have to carry.
        public var requestContext: [String: [String]]
        public var detail: String

        public init(layer: PolicyLayer, level: Int? = nil, policy: String, change: PolicyEvaluator.Fix.Change, statement: JSONValue = .null,
            requestContext: [String: [String]] = [:], detail: String)
        {
            self.layer = layer
            self.level = level
            self.policy = policy
            self.change = change
            self.statement = statement
            self.requestContext = requestContext
            self.detail = detail
        }

        /// The report shape: `{"layer", "level"?, "policy", "change", "statement", "requestContext"?, "detail"}`.
        public var json: JSONValue {
            var o = JSONObject([.init(key: "layer", value: .string(layer.rawValue))])
            if let level { o.members.append(.init(key: "level", value: .number(String(level)))) }
            o.members += [.init(key: "policy", value: .string(policy)), .init(key: "change", value: .string(change.rawValue)),
                .init(key: "statement", value: statement)]
            if !requestContext.isEmpty {
                o.members.append(.init(key: "requestContext", value: .object(JSONObject(requestContext.sorted { $0.key < $1.key }
                    .map { .init(key: $0.key, value: .array($0.value.map(JSONValue.string))) }))))
            }
            o.members.append(.init(key: "detail", value: .string(detail)))
            return .object(o)
        }

        /// Reads back what `json` wrote.
        public init?(json value: JSONValue) {
            guard let layer = value["layer"]?.stringValue.flatMap(PolicyLayer.init(rawValue:)),
                let policy = value["policy"]?.stringValue,
                let change = value["change"]?.stringValue.flatMap(PolicyEvaluator.Fix.Change.init(rawValue:))
            else { return nil }
            var context: [String: [String]] = [:]
            for member in value["requestContext"]?.objectValue?.members ?? [] {
                context[member.key] = member.value.arrayValue?.compactMap(\.stringValue) ?? []
            }
            self.init(layer: layer, level: value["level"].flatMap { v in if case .number(let n) = v { return Int(n) } else { return nil } },
                policy: policy, change: change, statement: value["statement"] ?? .null, requestContext: context,
                detail: value["detail"]?.stringValue ?? "")
        }
    }

    public var eventID: String?
    public var eventTime: String?
    public var account: String?
    public var region: String?
    public var principal: String?
    public var action: String?
    public var resources: [String]
    public var errorCode: String?
    public var decision: Decision
    public var denies: [Deny]
    public var missingAllows: [MissingAllow]
    /// For an explicit or implicit deny, every change that would let the call through.
    public var fixes: [Fix] = []
    /// The layer AWS's errorMessage named.
    public var reportedLayer: PolicyLayer?
    public var reportedPolicy: String?
    public var agreement: Bool?
    public var missingContext: [String]
    /// For an `unknown` result, what the snapshot or the input lacks, in the summary's words (counted there once).
    public var missing: [String] = []
    /// The changes to a policy that decided it (or would have), between the call and the snapshot.
    public var policyChanges: [PolicyChangeNote] = []
    public var reason: String?

    public init(eventID: String? = nil, eventTime: String? = nil, account: String? = nil, region: String? = nil,
        principal: String? = nil, action: String? = nil, resources: [String] = [], errorCode: String? = nil,
        decision: Decision, denies: [Deny] = [], missingAllows: [MissingAllow] = [], reportedLayer: PolicyLayer? = nil,
        reportedPolicy: String? = nil, agreement: Bool? = nil, missingContext: [String] = [], reason: String? = nil)
    {
        self.eventID = eventID
        self.eventTime = eventTime
        self.account = account
        self.region = region
        self.principal = principal
        self.action = action
        self.resources = resources
        self.errorCode = errorCode
        self.decision = decision
        self.denies = denies
        self.missingAllows = missingAllows
        self.reportedLayer = reportedLayer
        self.reportedPolicy = reportedPolicy
        self.agreement = agreement
        self.missingContext = missingContext
        self.reason = reason
    }

    /// Whether the replay reproduced a deny (explicit or implicit).
    public var reproduced: Bool { decision == .explicitDeny || decision == .implicitDeny }

    /// The JSON object `analyze` writes, keys in the documented order.
    public var json: JSONValue {
        func text(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
        var object = JSONObject()
        func put(_ key: String, _ value: JSONValue) { object.members.append(.init(key: key, value: value)) }
        put("eventID", text(eventID))
        put("eventTime", text(eventTime))
        put("account", text(account))
        put("region", text(region))
        put("principal", text(principal))
        put("action", text(action))
        put("resources", .array(resources.map(JSONValue.string)))
        put("errorCode", text(errorCode))
        put("decision", .string(decision.rawValue))
        put("denies", .array(denies.map { deny in
            ["layer": .string(deny.layer.rawValue), "policy": .string(deny.policy), "policyName": text(deny.policyName),
             "statement": .string(deny.statement), "conditions": deny.conditions]
        }))
        put("missingAllows", .array(missingAllows.map { missing in
            var o = JSONObject([.init(key: "layer", value: .string(missing.layer.rawValue))])
            if let level = missing.level { o.members.append(.init(key: "level", value: .number(String(level)))) }
            if let detail = missing.detail { o.members.append(.init(key: "detail", value: .string(detail))) }
            return .object(o)
        }))
        put("fixes", .array(fixes.map(\.json)))
        put("reportedLayer", text(reportedLayer?.rawValue))
        put("reportedPolicy", text(reportedPolicy))
        put("agreement", agreement.map(JSONValue.bool) ?? .null)
        put("missingContext", .array(missingContext.map(JSONValue.string)))
        if !missing.isEmpty { put("missing", .array(missing.map(JSONValue.string))) }
        if !policyChanges.isEmpty { put("policyChanges", .array(policyChanges.map(\.json))) }
        put("reason", text(reason))
        return .object(object)
    }

    /// Reads back what `json` wrote (for stores and tests).
    public init?(json value: JSONValue) {
        guard let object = value.objectValue, let decision = object["decision"]?.stringValue.flatMap(Decision.init) else {
            return nil
        }
        self.init(decision: decision)
        eventID = object["eventID"]?.stringValue
        eventTime = object["eventTime"]?.stringValue
        account = object["account"]?.stringValue
        region = object["region"]?.stringValue
        principal = object["principal"]?.stringValue
        action = object["action"]?.stringValue
        resources = object["resources"]?.arrayValue?.compactMap(\.stringValue) ?? []
        errorCode = object["errorCode"]?.stringValue
        // An entry whose layer this version does not know is left out rather than guessed.
        denies = (object["denies"]?.arrayValue ?? []).compactMap {
            guard let layer = Attribution.layer($0["layer"]) else { return nil }
            return Deny(layer: layer, policy: $0["policy"]?.stringValue ?? "", policyName: $0["policyName"]?.stringValue,
                statement: $0["statement"]?.stringValue ?? "", conditions: $0["conditions"] ?? .array([]))
        }
        missingAllows = (object["missingAllows"]?.arrayValue ?? []).compactMap {
            guard let layer = Attribution.layer($0["layer"]) else { return nil }
            return MissingAllow(layer: layer, level: $0["level"].flatMap { v in
                if case .number(let n) = v { return Int(n) } else { return nil } }, detail: $0["detail"]?.stringValue)
        }
        fixes = (object["fixes"]?.arrayValue ?? []).compactMap(Fix.init(json:))
        reportedLayer = Attribution.layer(object["reportedLayer"])
        reportedPolicy = object["reportedPolicy"]?.stringValue
        agreement = object["agreement"]?.boolValue
        missingContext = object["missingContext"]?.arrayValue?.compactMap(\.stringValue) ?? []
        missing = object["missing"]?.arrayValue?.compactMap(\.stringValue) ?? []
        policyChanges = object["policyChanges"]?.arrayValue?.compactMap(PolicyChangeNote.init(json:)) ?? []
        reason = object["reason"]?.stringValue
    }

    private static func layer(_ value: JSONValue?) -> PolicyLayer? {
        value?.stringValue.flatMap(PolicyLayer.init(rawValue:))
    }
}
