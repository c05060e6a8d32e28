import PolicyLanguage
import TrailJSON

/// One past call whose outcome a candidate policy change would change, in the shape `whatif` prints.
public struct WhatIfVerdict: Sendable, Equatable {
    public enum Change: String, Sendable, CaseIterable {
        /// The call succeeded; under the candidate a changed layer denies it.
        case newlyDenied = "newly-denied"
        /// The call was denied; under the candidate nothing denies it.
        case newlyAllowed = "newly-allowed"
    }

    public var eventID: String?
    public var eventTime: String?
    public var account: String?
    public var region: String?
    public var principal: String?
    public var action: String?
    public var resources: [String]
    public var change: Change
    /// For a newly denied call, the layer, policy and statement that would deny it (no statement when a level
    /// is left without an Allow); for a newly allowed one, what denied it before.
    public var layer: PolicyLayer?
    public var policy: String?
    public var policyName: String?
    public var statement: String?
    public var conditions: JSONValue
    /// For a level left without an Allow, which level and why.
    public var detail: String?

    public init(eventID: String?, eventTime: String?, account: String?, region: String?, principal: String?,
        action: String?, resources: [String], change: Change, layer: PolicyLayer?, policy: String?,
        policyName: String? = nil, statement: String?, conditions: JSONValue = .array([]))
    {
        self.eventID = eventID
        self.eventTime = eventTime
        self.account = account
        self.region = region
        self.principal = principal
        self.action = action
        self.resources = resources
        self.change = change
        self.layer = layer
        self.policy = policy
        self.policyName = policyName
        self.statement = statement
        self.conditions = conditions
    }

    /// `{"eventID", "eventTime", "account", "region", "principal", "action", "resources", "change", "layer",
    /// "policy", "policyName", "statement", "conditions", "detail"?}`.
    public var json: JSONValue {
        func text(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
        return .object(JSONObject([
            .init(key: "eventID", value: text(eventID)), .init(key: "eventTime", value: text(eventTime)),
            .init(key: "account", value: text(account)), .init(key: "region", value: text(region)),
            .init(key: "principal", value: text(principal)), .init(key: "action", value: text(action)),
            .init(key: "resources", value: .array(resources.map(JSONValue.string))),
            .init(key: "change", value: .string(change.rawValue)), .init(key: "layer", value: text(layer?.rawValue)),
            .init(key: "policy", value: text(policy)), .init(key: "policyName", value: text(policyName)),
            .init(key: "statement", value: text(statement)), .init(key: "conditions", value: conditions),
        ] + (detail.map { [.init(key: "detail", value: .string($0))] } ?? [])))
    }
}

/// The changes grouped by account × principal (a role's sessions together) × action, with counts, the first
/// and last time and an example eventID; and how many calls were judged.
public struct WhatIfSummary: Sendable, Equatable {
    public struct Group: Sendable, Equatable {
        public var change: WhatIfVerdict.Change
        public var account: String
        public var principal: String
        public var action: String
        public var count = 0
        public var first: String?
        public var last: String?
        public var example: String?
    }

    /// Records read and judged (requests rebuilt), and those that could not be judged with the reason.
    public var judged = 0
    public var notJudged: [String: Int] = [:]
    public private(set) var groups: [Group] = []
    private var index: [String: Int] = [:]

    public init() {}

    public var newlyDenied: Int { groups.filter { $0.change == .newlyDenied }.reduce(0) { $0 + $1.count } }
    public var newlyAllowed: Int { groups.filter { $0.change == .newlyAllowed }.reduce(0) { $0 + $1.count } }

    public mutating func add(_ verdict: WhatIfVerdict) {
        let principal = verdict.principal.map { ARN($0)?.sessionRoleArn ?? $0 } ?? "(unknown)"
        let key = [verdict.change.rawValue, verdict.account ?? "-", principal, verdict.action ?? "-"].joined(separator: "\u{1}")
        let position = index[key] ?? {
            groups.append(Group(change: verdict.change, account: verdict.account ?? "-", principal: principal,
                action: verdict.action ?? "-"))
            index[key] = groups.count - 1
            return groups.count - 1
        }()
        groups[position].count += 1
        if let time = verdict.eventTime {
            if groups[position].first.map({ time < $0 }) ?? true { groups[position].first = time }
            if groups[position].last.map({ time > $0 }) ?? true { groups[position].last = time }
        }
        if groups[position].example == nil { groups[position].example = verdict.eventID }
    }

    /// Groups by change, then by descending count, then by account, principal and action.
    public var sortedGroups: [Group] {
        groups.sorted {
            ($0.change.rawValue, -$0.count, $0.account, $0.principal, $0.action)
                < ($1.change.rawValue, -$1.count, $1.account, $1.principal, $1.action)
        }
    }

    public var headline: String {
        "whatif: \(judged) calls judged; \(newlyDenied) newly denied, \(newlyAllowed) newly allowed"
            + (notJudged.isEmpty ? "" : "; \(notJudged.values.reduce(0, +)) not judged")
    }

    public var json: JSONValue {
        func text(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
        return [
            "judged": .number(String(judged)),
            "newlyDenied": .number(String(newlyDenied)),
            "newlyAllowed": .number(String(newlyAllowed)),
            "notJudged": .object(JSONObject(AttributionSummary.sorted(notJudged).map { .init(key: $0.key, value: .number(String($0.value))) })),
            "groups": .array(sortedGroups.map { group in
                .object(JSONObject([
                    .init(key: "change", value: .string(group.change.rawValue)), .init(key: "account", value: .string(group.account)),
                    .init(key: "principal", value: .string(group.principal)), .init(key: "action", value: .string(group.action)),
                    .init(key: "count", value: .number(String(group.count))), .init(key: "first", value: text(group.first)),
                    .init(key: "last", value: text(group.last)), .init(key: "example", value: text(group.example)),
                ]))
            }),
        ]
    }

    /// The summary as a table (for the terminal) or as Markdown (for a pull-request comment).
    public func text(markdown: Bool, width: Int? = nil) -> String {
        let headers = ["change", "account", "principal", "action", "calls", "first", "last", "example"]
        let rows = sortedGroups.map { g in
            [g.change.rawValue, g.account, g.principal, g.action, String(g.count), g.first ?? "-", g.last ?? "-", g.example ?? "-"]
        }
        var out = (markdown ? "**" + headline + "**" : headline) + "\n"
        if !notJudged.isEmpty {
            out += "not judged: " + AttributionSummary.sorted(notJudged).map { "\($0.key) (\($0.value))" }.joined(separator: "; ") + "\n"
        }
        guard !rows.isEmpty else { return out }
        if markdown {
            var table = MarkdownTable(headers)
            rows.forEach { table.add($0) }
            out += "\n" + table.render() + "\n"
        } else {
            var table = TextTable(headers: headers)
            rows.forEach { table.add($0) }
            out += "\n" + table.render(width: width)
        }
        return out
    }
}
