import PolicyLanguage
import TrailJSON

/// A policy compiled once (actions indexed by service, wildcards preprocessed) and reused
/// across any number of evaluations.
public struct CompiledPolicy: Sendable {
    /// The parsed document the policy was compiled from.
    public let document: PolicyDocument
    let statements: [CompiledStatement]
    /// Statement positions per service prefix, including the statements that match any service.
    let byService: [String: [Int]]
    /// Statements that can match any service (`*`, a wildcard service, NotAction).
    let anyService: [Int]
    /// Whether some statement has no `Principal` or `NotPrincipal` (a flag, so that evaluations copy no array).
    public let hasStatementWithoutPrincipal: Bool

    public init(_ document: PolicyDocument) {
        self.document = document
        statements = document.statements.map(CompiledStatement.init)
        var anyService: [Int] = []
        var perService: [String: [Int]] = [:]
        for (i, statement) in statements.enumerated() {
            if let services = statement.action.services {
                for service in services { perService[service, default: []].append(i) }
            } else {
                anyService.append(i)
            }
        }
        self.anyService = anyService
        hasStatementWithoutPrincipal = document.statements.contains { $0.principal == nil }
        byService = perService.mapValues { ($0 + anyService).sorted() }
    }

    /// Parses and compiles a policy from its JSON.
    public static func compile(json: JSONValue, id: String) throws(PolicyParseError) -> CompiledPolicy {
        CompiledPolicy(try PolicyDocument.parse(json: json, id: id))
    }

    /// Parses and compiles a policy from any of its text forms.
    public static func compile(text: String, id: String) throws(PolicyParseError) -> CompiledPolicy {
        CompiledPolicy(try PolicyDocument.parse(text: text, id: id))
    }

    /// The statements a resource-based policy may not hold, each with its fault: a statement without
    /// `Principal` or `NotPrincipal`, which is invalid there and never grants (nor denies) anything.
    public var resourcePolicyProblems: [PolicyParseError] {
        document.statements.filter { $0.principal == nil }.map { statement in
            PolicyParseError(policy: id, element: "Statement[\(statement.index)]",
                message: "statement `\(statement.label)` of a resource-based policy has no `Principal` or `NotPrincipal`; it is ignored")
        }
    }

    /// The caller's name for the policy.
    public var id: String { document.id }

    /// Positions of the statements that may cover an action of `service`.
    func candidates(service: String) -> [Int] {
        byService[service] ?? anyService
    }
}
