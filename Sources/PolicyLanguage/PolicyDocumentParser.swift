import TrailJSON

/// Reads the JSON of one policy into the typed model, naming the element of every fault.
struct PolicyDocumentParser {
    let policy: String

    func fail(_ element: String, _ message: String) -> PolicyParseError {
        PolicyParseError(policy: policy, element: element, message: message)
    }

    func document(_ json: JSONValue) throws(PolicyParseError) -> PolicyDocument {
        guard case .object(let object) = json else {
            throw fail("", "a policy must be a json object, found \(json.kindWithArticle)")
        }
        let members = try uniqueMembers(object, at: "")
        var version = PolicyVersion.v2008_10_17
        var policyId: String?
        var statementValue: JSONValue?
        for (key, value) in members {
            switch key {
            case "Version":
                guard let text = value.stringValue else { throw fail("Version", "must be a string") }
                guard let parsed = PolicyVersion(rawValue: text) else {
                    throw fail("Version", "unknown policy version `\(text)`, expected `2012-10-17` or `2008-10-17`")
                }
                version = parsed
            case "Id":
                guard let text = value.stringValue else { throw fail("Id", "must be a string") }
                policyId = text
            case "Statement":
                statementValue = value
            default:
                throw fail(key, "unknown element `\(key)`")
            }
        }
        guard let statementValue else { throw fail("", "missing `Statement`") }
        var statements: [Statement] = []
        switch statementValue {
        case .object:
            statements.append(try statement(statementValue, index: 0, path: "Statement", version: version))
        case .array(let elements):
            for (i, element) in elements.enumerated() {
                statements.append(try statement(element, index: i, path: "Statement[\(i)]", version: version))
            }
        default:
            throw fail("Statement", "must be an object or an array of objects, found \(statementValue.kindWithArticle)")
        }
        return PolicyDocument(id: policy, version: version, policyId: policyId, statements: statements)
    }

    func uniqueMembers(_ object: JSONObject, at path: String) throws(PolicyParseError) -> [(String, JSONValue)] {
        var seen = Set<String>()
        var out: [(String, JSONValue)] = []
        for member in object.members {
            guard seen.insert(member.key).inserted else {
                throw fail(path.isEmpty ? member.key : path + "." + member.key, "duplicate element `\(member.key)`")
            }
            out.append((member.key, member.value))
        }
        return out
    }

    func statement(_ json: JSONValue, index: Int, path: String, version: PolicyVersion) throws(PolicyParseError)
        -> Statement
    {
        guard case .object(let object) = json else {
            throw fail(path, "a statement must be an object, found \(json.kindWithArticle)")
        }
        var sid: String?
        var effect: Effect?
        var principal: PrincipalElement?
        var action: ActionElement?
        var resource: ResourceElement?
        var conditions: [Condition] = []
        for (key, value) in try uniqueMembers(object, at: path) {
            let here = path + "." + key
            switch key {
            case "Sid":
                guard let text = value.stringValue else { throw fail(here, "must be a string") }
                sid = text
            case "Effect":
                guard let text = value.stringValue else { throw fail(here, "must be a string") }
                guard let parsed = Effect(rawValue: text) else {
                    throw fail(here, "effect must be `Allow` or `Deny`, found `\(text)`")
                }
                effect = parsed
            case "Principal", "NotPrincipal":
                if principal != nil {
                    throw fail(here, "a statement cannot have both `Principal` and `NotPrincipal`")
                }
                principal = PrincipalElement(entries: try principalEntries(value, at: here), negated: key == "NotPrincipal")
            case "Action", "NotAction":
                if action != nil { throw fail(here, "a statement cannot have both `Action` and `NotAction`") }
                let patterns = try strings(value, at: here)
                for pattern in patterns where pattern != "*" && !pattern.contains(":") {
                    throw fail(here, "invalid action `\(pattern)`, expected `service:action` or `*`")
                }
                action = ActionElement(patterns: patterns, negated: key == "NotAction")
            case "Resource", "NotResource":
                if resource != nil { throw fail(here, "a statement cannot have both `Resource` and `NotResource`") }
                var patterns: [PolicyString] = []
                for text in try strings(value, at: here) {
                    do {
                        patterns.append(try PolicyString.parse(text, variables: version.supportsVariables))
                    } catch {
                        throw fail(here, error.message)
                    }
                }
                resource = ResourceElement(patterns: patterns, negated: key == "NotResource")
            case "Condition":
                conditions = try conditionBlock(value, at: here, version: version)
            default:
                throw fail(here, "unknown element `\(key)`")
            }
        }
        guard let effect else { throw fail(path, "missing `Effect`") }
        if let principal, principal.negated, effect == .allow {
            throw fail(path + ".NotPrincipal", "`NotPrincipal` is supported only with `\"Effect\": \"Deny\"`")
        }
        guard let action else { throw fail(path, "missing `Action` or `NotAction`") }
        return Statement(
            index: index, sid: sid, effect: effect, principal: principal, action: action, resource: resource,
            conditions: conditions)
    }

    /// A string or a non-empty array of strings, as AWS accepts for most elements.
    func strings(_ value: JSONValue, at path: String) throws(PolicyParseError) -> [String] {
        switch value {
        case .string(let s): return [s]
        case .array(let elements):
            guard !elements.isEmpty else { throw fail(path, "must not be an empty array") }
            var out: [String] = []
            for (i, element) in elements.enumerated() {
                guard let s = element.stringValue else {
                    throw fail("\(path)[\(i)]", "must be a string, found \(element.kindWithArticle)")
                }
                out.append(s)
            }
            return out
        default:
            throw fail(path, "must be a string or an array of strings, found \(value.kindWithArticle)")
        }
    }

    func principalEntries(_ value: JSONValue, at path: String) throws(PolicyParseError) -> [PrincipalEntry] {
        if case .string(let s) = value {
            guard s == "*" else {
                throw fail(path, "a principal string must be `*`, found `\(s)`; name principals with `{\"AWS\": …}`")
            }
            return [.anyone]
        }
        guard case .object(let object) = value else {
            throw fail(path, "must be `*` or an object, found \(value.kindWithArticle)")
        }
        guard !object.isEmpty else { throw fail(path, "must name at least one principal") }
        var entries: [PrincipalEntry] = []
        for (key, inner) in try uniqueMembers(object, at: path) {
            let here = path + "." + key
            let values = try strings(inner, at: here)
            switch key {
            case "AWS": entries += values.map(PrincipalEntry.aws)
            case "Service": entries += values.map(PrincipalEntry.service)
            case "Federated": entries += values.map(PrincipalEntry.federated)
            case "CanonicalUser": entries += values.map(PrincipalEntry.canonicalUser)
            default:
                throw fail(here, "unknown principal type `\(key)`, expected `AWS`, `Service`, `Federated` or `CanonicalUser`")
            }
        }
        return entries
    }

    func conditionBlock(_ value: JSONValue, at path: String, version: PolicyVersion) throws(PolicyParseError)
        -> [Condition]
    {
        guard case .object(let object) = value else {
            throw fail(path, "must be an object, found \(value.kindWithArticle)")
        }
        var conditions: [Condition] = []
        for (operatorText, keys) in try uniqueMembers(object, at: path) {
            let here = path + "." + operatorText
            guard let op = ConditionOperator(parsing: operatorText) else {
                throw fail(here, "unknown condition operator `\(operatorText)`")
            }
            guard case .object(let keyObject) = keys else {
                throw fail(here, "must be an object of condition keys, found \(keys.kindWithArticle)")
            }
            guard !keyObject.isEmpty else { throw fail(here, "must name at least one condition key") }
            var seenKeys = Set<String>()
            for member in keyObject.members {
                let keyPath = here + "." + member.key
                guard seenKeys.insert(member.key.lowercased()).inserted else {
                    throw fail(keyPath, "duplicate condition key `\(member.key)`")
                }
                guard !member.key.isEmpty else { throw fail(keyPath, "empty condition key") }
                let raw = try conditionValues(member.value, at: keyPath)
                let values = try typedValues(raw, operator: op, at: keyPath, version: version)
                conditions.append(Condition(operator: op, key: member.key, rawValues: raw, values: values))
            }
        }
        return conditions
    }

    func conditionValues(_ value: JSONValue, at path: String) throws(PolicyParseError) -> [String] {
        func scalar(_ v: JSONValue, _ where_: String) throws(PolicyParseError) -> String {
            switch v {
            case .string(let s): return s
            case .number(let n): return n
            case .bool(let b): return b ? "true" : "false"
            default: throw fail(where_, "a condition value must be a string, number or boolean, found \(v.kindWithArticle)")
            }
        }
        if case .array(let elements) = value {
            guard !elements.isEmpty else { throw fail(path, "must list at least one value") }
            var out: [String] = []
            for (i, element) in elements.enumerated() { out.append(try scalar(element, "\(path)[\(i)]")) }
            return out
        }
        return [try scalar(value, path)]
    }

    func typedValues(_ raw: [String], operator op: ConditionOperator, at path: String, version: PolicyVersion)
        throws(PolicyParseError) -> ConditionValues
    {
        switch op.base.family {
        case .string, .arn, .binary, .bool:
            let variables = version.supportsVariables && op.base.supportsVariables
            var out: [PolicyString] = []
            for text in raw {
                let parsed: PolicyString
                do {
                    parsed = try PolicyString.parse(text, variables: variables)
                } catch {
                    throw fail(path, error.message)
                }
                if op.base.family == .bool, let plain = parsed.plainText, plain.lowercased() != "true",
                    plain.lowercased() != "false"
                {
                    throw fail(path, "invalid boolean `\(text)`, expected `true` or `false`")
                }
                out.append(parsed)
            }
            return .strings(out)
        case .numeric:
            var out: [Double] = []
            for text in raw {
                guard let n = Double(text), n.isFinite else { throw fail(path, "invalid number `\(text)`") }
                out.append(n)
            }
            return .numbers(out)
        case .date:
            var out: [Double] = []
            for text in raw {
                guard let d = PolicyDate.epochSeconds(text) else {
                    throw fail(path, "invalid date `\(text)`, expected ISO 8601 or epoch seconds")
                }
                out.append(d)
            }
            return .dates(out)
        case .ipAddress:
            var out: [IPAddressRange] = []
            for text in raw {
                guard let range = IPAddressRange(text) else {
                    throw fail(path, "invalid ip address or cidr block `\(text)`")
                }
                out.append(range)
            }
            return .addresses(out)
        case .null:
            guard op.qualifier == nil else { throw fail(path, "`Null` takes no set qualifier") }
            guard raw.count == 1, let flag = ["true": true, "false": false][raw[0].lowercased()] else {
                throw fail(path, "`Null` takes one value, `true` or `false`")
            }
            return .null(flag)
        }
    }
}
