import PolicyLanguage
import TrailJSON

/// A request with the policies of each layer, as read from a case document
/// (`{"request": …, "identity": […], "scp": [[…]], …}`), for `simulate --input` and the test corpus.
public struct SimulationCase: Sendable {
    /// The request to decide.
    public var request: Request
    /// The compiled policies of each layer that applies.
    public var policies: LayeredPolicies

    public init(request: Request, policies: LayeredPolicies) {
        self.request = request
        self.policies = policies
    }

    /// Members a case may carry besides the request and layers (ignored here, used by tests).
    static let annotationKeys: Set<String> = ["description", "name", "expect", "source"]
    static let flagKeys: Set<String> = ["principalInManagementAccount", "resourceInManagementAccount", "serviceLinkedRole"]
    static let layerKeys: [String] = ["identity", "permissionsBoundary", "session", "resource", "vpcEndpoint", "scp", "rcp"]

    /// Reads a case; policies are named `layer[i]` (`scp[level][i]`) unless given as `{"name": …, "policy": …}`.
    public static func parse(json: JSONValue) throws(SimulationCaseError) -> SimulationCase {
        guard case .object(let object) = json else {
            throw .invalid(path: "", message: "a case must be a json object, found \(json.kindWithArticle)")
        }
        for key in object.keys where !(annotationKeys.contains(key) || flagKeys.contains(key) || layerKeys.contains(key) || key == "request") {
            throw .invalid(path: key, message: "unknown member `\(key)`")
        }
        guard let requestValue = object["request"] else { throw .invalid(path: "request", message: "missing `request`") }
        let request = try parseRequest(requestValue)
        var policies = LayeredPolicies()
        policies.identity = try policyList(object["identity"], path: "identity")
        policies.permissionsBoundary = try policyList(object["permissionsBoundary"], path: "permissionsBoundary")
        policies.session = try policyList(object["session"], path: "session")
        policies.resource = try policyList(object["resource"], path: "resource")
        policies.vpcEndpoint = try policyList(object["vpcEndpoint"], path: "vpcEndpoint")
        policies.scp = try levels(object["scp"], path: "scp")
        policies.rcp = try levels(object["rcp"], path: "rcp")
        policies.principalInManagementAccount = try flag(object, "principalInManagementAccount") ?? false
        policies.resourceInManagementAccount = try flag(object, "resourceInManagementAccount") ?? false
        policies.isServiceLinkedRole = try flag(object, "serviceLinkedRole")
        return SimulationCase(request: request, policies: policies)
    }

    static func flag(_ object: JSONObject, _ key: String) throws(SimulationCaseError) -> Bool? {
        guard let value = object[key] else { return nil }
        guard let flag = value.boolValue else { throw .invalid(path: key, message: "must be true or false") }
        return flag
    }

    static func parseRequest(_ value: JSONValue) throws(SimulationCaseError) -> Request {
        guard case .object(let object) = value else {
            throw .invalid(path: "request", message: "must be an object, found \(value.kindWithArticle)")
        }
        let known: Set<String> = ["principal", "action", "resource", "resourceAccount", "context"]
        for key in object.keys where !known.contains(key) {
            throw .invalid(path: "request.\(key)", message: "unknown member `\(key)`")
        }
        guard let action = object["action"]?.stringValue, action.contains(":") else {
            throw .invalid(path: "request.action", message: "must be a string `service:Action`")
        }
        let principal = try optionalString(object["principal"], path: "request.principal")
        let resourceAccount = try optionalString(object["resourceAccount"], path: "request.resourceAccount")
        var resources: [String] = []
        switch object["resource"] {
        case nil, .null?: break
        case .string(let s)?: resources = [s]
        case .array(let elements)?:
            for (i, element) in elements.enumerated() {
                guard let s = element.stringValue else {
                    throw .invalid(path: "request.resource[\(i)]", message: "must be a string")
                }
                resources.append(s)
            }
        case let other?:
            throw .invalid(path: "request.resource", message: "must be a string or an array of strings, found \(other.kindWithArticle)")
        }
        var context = RequestContext()
        if let contextValue = object["context"] {
            guard case .object(let entries) = contextValue else {
                throw .invalid(path: "request.context", message: "must be an object, found \(contextValue.kindWithArticle)")
            }
            for member in entries.members {
                let path = "request.context.\(member.key)"
                if case .array(let elements) = member.value {
                    var values: [String] = []
                    for element in elements { values.append(try scalar(element, path: path)) }
                    context[member.key] = values
                } else {
                    context[member.key] = [try scalar(member.value, path: path)]
                }
            }
        }
        return Request(
            principal: principal, action: action, resources: resources, resourceAccount: resourceAccount, context: context)
    }

    static func optionalString(_ value: JSONValue?, path: String) throws(SimulationCaseError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let s)?: return s
        case let other?: throw .invalid(path: path, message: "must be a string, found \(other.kindWithArticle)")
        }
    }

    static func scalar(_ value: JSONValue, path: String) throws(SimulationCaseError) -> String {
        switch value {
        case .string(let s): return s
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        default: throw .invalid(path: path, message: "a context value must be a string, number or boolean, found \(value.kindWithArticle)")
        }
    }

    static func policyList(_ value: JSONValue?, path: String) throws(SimulationCaseError) -> [CompiledPolicy]? {
        guard let value else { return nil }
        let elements: [JSONValue]
        switch value {
        case .array(let a): elements = a
        case .object, .string: elements = [value]
        default: throw .invalid(path: path, message: "must be a list of policies, found \(value.kindWithArticle)")
        }
        var out: [CompiledPolicy] = []
        for (i, element) in elements.enumerated() {
            out.append(try policy(element, defaultName: "\(path)[\(i)]"))
        }
        return out
    }

    static func levels(_ value: JSONValue?, path: String) throws(SimulationCaseError) -> [[CompiledPolicy]]? {
        guard let value else { return nil }
        guard case .array(let levels) = value else {
            throw .invalid(path: path, message: "must be a list of levels, each a list of policies")
        }
        var out: [[CompiledPolicy]] = []
        for (i, level) in levels.enumerated() {
            guard case .array = level else {
                throw .invalid(path: "\(path)[\(i)]", message: "a level must be a list of policies, found \(level.kindWithArticle)")
            }
            out.append(try policyList(level, path: "\(path)[\(i)]") ?? [])
        }
        return out
    }

    static func policy(_ value: JSONValue, defaultName: String) throws(SimulationCaseError) -> CompiledPolicy {
        do {
            if case .string(let text) = value { return try CompiledPolicy.compile(text: text, id: defaultName) }
            if case .object(let object) = value, object["Statement"] == nil, let document = object["policy"] {
                let name = object["name"]?.stringValue ?? defaultName
                if case .string(let text) = document { return try CompiledPolicy.compile(text: text, id: name) }
                return try CompiledPolicy.compile(json: document, id: name)
            }
            return try CompiledPolicy.compile(json: value, id: defaultName)
        } catch {
            throw .policy(error)
        }
    }
}
