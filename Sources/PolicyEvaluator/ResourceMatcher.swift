import PolicyLanguage

/// A statement's Resource or NotResource, compiled; patterns with variables are completed per request.
struct ResourceMatcher: Sendable {
    enum Entry: Sendable {
        case fixed(WildcardPattern)
        case template(PolicyString)
    }

    let entries: [Entry]
    let negated: Bool

    init(_ element: ResourceElement) {
        entries = element.patterns.map { pattern in
            if let plain = pattern.plainText, !pattern.hasVariables {
                if pattern.segments.contains(where: { if case .literal = $0 { return true } else { return false } }) {
                    return .template(pattern)
                }
                return .fixed(WildcardPattern(plain, mode: .arn))
            }
            return .template(pattern)
        }
        negated = element.negated
    }

    /// Whether the statement covers the scope's resource.
    func matches(scope: EvaluationScope, recorder: inout EvaluationRecorder) -> Bool {
        var hit = false
        for entry in entries {
            switch entry {
            case .fixed(let pattern):
                if pattern.matches(scope.resource) { hit = true }
            case .template(let template):
                if let resolved = VariableResolver.resolve(template, scope: scope, recorder: &recorder),
                    WildcardPattern(pieces: resolved.pieces, mode: .arn).matches(scope.resource)
                {
                    hit = true
                }
            }
            if hit { break }
        }
        return negated ? !hit : hit
    }
}
