import TrailJSON

extension Decision {
    /// The decision in the report shape: `decision`, `denies`, `missingAllows`, `rules`, `missingContext`,
    /// then `allows` and `diagnostics`.
    public var json: JSONValue {
        var members: [JSONObject.Member] = [
            .init(key: "decision", value: .string(decision.rawValue)),
            .init(key: "denies", value: .array(denies.map(\.json))),
            .init(key: "missingAllows", value: .array(missingAllows.map(\.json))),
            .init(key: "rules", value: .array(rules.map(\.json))),
            .init(key: "missingContext", value: .array(missingContext.map(JSONValue.string))),
        ]
        members.append(.init(key: "allows", value: .array(allows.map(\.json))))
        members.append(.init(key: "diagnostics", value: .array(diagnostics.map(JSONValue.string))))
        return .object(JSONObject(members))
    }
}

extension DenyReason {
    /// The report shape of this value.
    public var json: JSONValue {
        var members: [JSONObject.Member] = [.init(key: "layer", value: .string(layer.rawValue))]
        if let level { members.append(.init(key: "level", value: .number(String(level)))) }
        members += [
            .init(key: "policy", value: .string(policy)),
            .init(key: "statement", value: .string(statement)),
            .init(key: "statementIndex", value: .number(String(statementIndex))),
        ]
        if let resource { members.append(.init(key: "resource", value: .string(resource))) }
        members.append(.init(key: "conditions", value: .array(conditions.map(\.json))))
        return .object(JSONObject(members))
    }
}

extension ConditionEvaluation {
    /// The report shape of this value.
    public var json: JSONValue {
        .object(
            JSONObject([
                .init(key: "operator", value: .string(`operator`)),
                .init(key: "key", value: .string(key)),
                .init(key: "requestValues", value: requestValues.map { .array($0.map(JSONValue.string)) } ?? .null),
                .init(key: "policyValues", value: .array(policyValues.map(JSONValue.string))),
                .init(key: "result", value: .bool(result)),
            ]))
    }
}

extension MissingAllow {
    /// The report shape of this value.
    public var json: JSONValue {
        var members: [JSONObject.Member] = [.init(key: "layer", value: .string(layer.rawValue))]
        if let level { members.append(.init(key: "level", value: .number(String(level)))) }
        members.append(.init(key: "detail", value: .string(detail)))
        return .object(JSONObject(members))
    }
}

extension AllowReason {
    /// The report shape of this value.
    public var json: JSONValue {
        var members: [JSONObject.Member] = [.init(key: "layer", value: .string(layer.rawValue))]
        if let level { members.append(.init(key: "level", value: .number(String(level)))) }
        members += [
            .init(key: "policy", value: .string(policy)),
            .init(key: "statement", value: .string(statement)),
        ]
        if let grant { members.append(.init(key: "principalMatch", value: .string(grant.rawValue))) }
        return .object(JSONObject(members))
    }
}

extension BuiltInRule {
    /// The report shape of this value: `{"rule", "detail", "source"}`.
    public var json: JSONValue {
        .object(
            JSONObject([
                .init(key: "rule", value: .string(kind.rawValue)),
                .init(key: "detail", value: .string(detail)),
                .init(key: "source", value: .string(source)),
            ]))
    }
}
