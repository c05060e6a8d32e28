import PolicyLanguage

/// A statement's Resource or NotResource, compiled; patterns with variables are completed per request.
struct ResourceMatcher: Sendable {
    enum Entry: Sendable {
        case fixed(WildcardPattern)
        /// A pattern with variables, and the literal text before its first variable or wildcard,
        /// which lets most resources be rejected without substituting anything.
        case template(PolicyString, prefix: [UInt8])
    }

    let entries: [Entry]
    let negated: Bool

    init(_ element: ResourceElement) {
        entries = element.patterns.map { pattern in
            if let plain = pattern.plainText, !pattern.hasVariables {
                if pattern.segments.contains(where: { if case .literal = $0 { return true } else { return false } }) {
                    return .template(pattern, prefix: ResourceMatcher.literalPrefix(pattern))
                }
                return .fixed(WildcardPattern(plain, mode: .arn))
            }
            return .template(pattern, prefix: ResourceMatcher.literalPrefix(pattern))
        }
        negated = element.negated
    }

    /// Whether the statement covers the scope's resource. A pattern whose variable has no value
    /// matches nothing; in NotResource it makes the statement not apply.
    func matches(scope: EvaluationScope, recorder: inout EvaluationRecorder) -> Bool {
        var hit = false
        for entry in entries {
            switch entry {
            case .fixed(let pattern):
                if pattern.matches(scope.resource) { hit = true }
            case .template(let template, let prefix):
                if !scope.resource.utf8.starts(with: prefix) { break }
                guard let resolved = VariableResolver.resolve(template, scope: scope, recorder: &recorder) else {
                    if negated { return false }
                    break
                }
                if WildcardPattern(pieces: resolved.pieces, mode: .arn).matches(scope.resource) { hit = true }
            }
            if hit { break }
        }
        return negated ? !hit : hit
    }

    static func literalPrefix(_ pattern: PolicyString) -> [UInt8] {
        guard case .text(let text)? = pattern.segments.first else { return [] }
        return Array(text.utf8.prefix { $0 != UInt8(ascii: "*") && $0 != UInt8(ascii: "?") })
    }
}
