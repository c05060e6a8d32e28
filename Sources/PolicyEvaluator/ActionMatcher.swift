import PolicyLanguage

/// A statement's Action or NotAction, compiled: exact names in a set, wildcards as patterns.
struct ActionMatcher: Sendable {
    let exact: Set<String>
    let patterns: [GlobPattern]
    let negated: Bool

    init(_ element: ActionElement) {
        var exact = Set<String>()
        var patterns: [GlobPattern] = []
        for raw in element.patterns {
            let lowered = raw.asciiLowercased
            if lowered.contains("*") || lowered.contains("?") {
                patterns.append(GlobPattern(lowered))
            } else {
                exact.insert(lowered)
            }
        }
        self.exact = exact
        self.patterns = patterns
        self.negated = element.negated
    }

    /// Whether the statement covers `action` (ASCII-lowercased).
    func matches(_ action: String) -> Bool {
        var hit = !exact.isEmpty && exact.contains(action)
        if !hit {
            patterns.withUnsafeBufferPointer { patterns in
                for i in patterns.indices where patterns[i].matches(action) {
                    hit = true
                    break
                }
            }
        }
        return negated ? !hit : hit
    }
}
