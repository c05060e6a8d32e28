import PolicyLanguage

/// A statement's Resource or NotResource, compiled once; patterns with variables are completed per request.
/// A class, so that testing it retains one reference instead of copying its entries.
final class ResourceMatcher: Sendable {
    enum Entry: Sendable {
        case fixed(ResourcePattern)
        /// A pattern with variables, and the literal text before its first variable or wildcard,
        /// which lets most resources be rejected without substituting anything.
        case template(PolicyString, prefix: [UInt8])
    }

    let entries: [Entry]
    let negated: Bool

    init(_ element: ResourceElement) {
        entries = element.patterns.map { pattern in
            if pattern.hasVariables {
                return .template(pattern, prefix: ResourceMatcher.literalPrefix(pattern))
            }
            return .fixed(ResourcePattern(pieces: pattern.patternPieces))
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
                if !scope.resource.hasBytePrefix(prefix) { break }
                guard let resolved = VariableResolver.resolve(template, scope: scope, recorder: &recorder) else {
                    if negated { return false }
                    break
                }
                if ResourcePattern(pieces: resolved.pieces).matches(scope.resource) { hit = true }
            }
            if hit { break }
        }
        return negated ? !hit : hit
    }

    /// For Resource (not NotResource), the literal prefixes one of which every matching resource starts with.
    var requiredPrefixes: [[UInt8]]? {
        guard !negated else { return nil }
        return entries.map { entry in
            switch entry {
            case .fixed(let pattern): return pattern.literalPrefix
            case .template(_, let prefix): return prefix
            }
        }
    }

    /// Whether `requiredPrefixes` decide the match: Resource (not NotResource) whose every pattern is fixed and
    /// matches exactly the resources that start with its literal prefix.
    var decidedByPrefixes: Bool {
        !negated && entries.allSatisfy { entry in
            if case .fixed(let pattern) = entry { return pattern.matchesByPrefixAlone }
            return false
        }
    }

    static func literalPrefix(_ pattern: PolicyString) -> [UInt8] {
        guard case .text(let text)? = pattern.segments.first else { return [] }
        return Array(text.utf8.prefix { $0 != UInt8(ascii: "*") && $0 != UInt8(ascii: "?") })
    }
}
