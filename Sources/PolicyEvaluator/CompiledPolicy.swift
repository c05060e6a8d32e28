import PolicyLanguage
import TrailJSON

/// A policy compiled once (statements' matchers built, an action index over them) and reused across any number
/// of evaluations. A value holding one reference, so that copying it costs one retain.
public struct CompiledPolicy: Sendable {
    final class Storage: Sendable {
        let document: PolicyDocument
        let statements: [CompiledStatement]
        let index: PolicyIndex
        /// The notes for statements a resource-based policy may not hold, made once.
        let resourcePolicyNotes: [String]

        init(_ document: PolicyDocument, problems: [PolicyParseError]) {
            self.document = document
            statements = document.statements.map(CompiledStatement.init)
            index = PolicyIndex(statements)
            resourcePolicyNotes = problems.map(\.description)
        }
    }

    let storage: Storage
    /// Whether some statement has no `Principal` or `NotPrincipal`.
    public let hasStatementWithoutPrincipal: Bool

    public init(_ document: PolicyDocument) {
        hasStatementWithoutPrincipal = document.statements.contains { $0.principal == nil }
        storage = Storage(document, problems: Self.resourcePolicyProblems(document))
    }

    /// The parsed document the policy was compiled from.
    public var document: PolicyDocument { storage.document }

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
    public var resourcePolicyProblems: [PolicyParseError] { Self.resourcePolicyProblems(document) }

    static func resourcePolicyProblems(_ document: PolicyDocument) -> [PolicyParseError] {
        document.statements.filter { $0.principal == nil }.map { statement in
            PolicyParseError(policy: document.id, element: "Statement[\(statement.index)]",
                message: "statement `\(statement.label)` of a resource-based policy has no `Principal` or `NotPrincipal`; it is ignored")
        }
    }

    /// The caller's name for the policy.
    public var id: String { document.id }

    /// Whether some statement's `Action` or `NotAction` covers `action`, whatever its other elements say: a
    /// policy that covers no action of a request takes no part in its decision.
    public func covers(action: String) -> Bool {
        let lowered = action.asciiLowercased
        return storage.statements.contains { $0.action.matches(lowered) }
    }
}
