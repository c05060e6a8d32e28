import TrailJSON

extension Statement {
    /// The statement as policy JSON, in the element order AWS prints (Sid, Effect, Principal, Action, Resource,
    /// Condition); values as written, so that it parses back to the same statement.
    public var json: JSONValue {
        var members: [JSONObject.Member] = []
        func put(_ key: String, _ value: JSONValue) { members.append(.init(key: key, value: value)) }
        func list(_ values: [String]) -> JSONValue {
            values.count == 1 ? .string(values[0]) : .array(values.map(JSONValue.string))
        }
        if let sid { put("Sid", .string(sid)) }
        put("Effect", .string(effect.rawValue))
        if let principal { put(principal.negated ? "NotPrincipal" : "Principal", principal.json) }
        put(action.negated ? "NotAction" : "Action", list(action.patterns))
        if let resource { put(resource.negated ? "NotResource" : "Resource", list(resource.patterns.map(\.source))) }
        if !conditions.isEmpty {
            var block = JSONObject()
            for condition in conditions {
                let name = condition.operator.description
                let entry = JSONObject.Member(key: condition.key, value: list(condition.rawValues))
                if let i = block.members.firstIndex(where: { $0.key == name }), case .object(var keys) = block.members[i].value {
                    keys.members.append(entry)
                    block.members[i].value = .object(keys)
                } else {
                    block.members.append(.init(key: name, value: .object(JSONObject([entry]))))
                }
            }
            put("Condition", .object(block))
        }
        return .object(JSONObject(members))
    }
}

extension PrincipalElement {
    /// The element as policy JSON: `"*"`, or an object of principal types and their values.
    public var json: JSONValue {
        if entries == [.anyone] { return "*" }
        var object = JSONObject()
        for entry in entries {
            let (type, value): (String, String)
            switch entry {
            case .anyone: (type, value) = ("AWS", "*")
            case .aws(let v): (type, value) = ("AWS", v)
            case .service(let v): (type, value) = ("Service", v)
            case .federated(let v): (type, value) = ("Federated", v)
            case .canonicalUser(let v): (type, value) = ("CanonicalUser", v)
            }
            if let i = object.members.firstIndex(where: { $0.key == type }) {
                let existing = object.members[i].value
                object.members[i].value = .array((existing.arrayValue ?? [existing]) + [.string(value)])
            } else {
                object.members.append(.init(key: type, value: .string(value)))
            }
        }
        return .object(object)
    }
}
