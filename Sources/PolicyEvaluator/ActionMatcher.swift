import PolicyLanguage

/// A statement's Action or NotAction, compiled: exact names in a set, wildcards as patterns.
struct ActionMatcher: Sendable {
    let exact: Set<String>
    let patterns: [GlobPattern]
    let negated: Bool
    /// The lowercased service prefixes the statement can match, nil when it can match any service.
    let services: Set<String>?

    init(_ element: ActionElement) {
        var exact = Set<String>()
        var patterns: [GlobPattern] = []
        var services: Set<String>? = element.negated ? nil : []
        for raw in element.patterns {
            let lowered = raw.asciiLowercased
            if lowered.contains("*") || lowered.contains("?") {
                patterns.append(GlobPattern(lowered))
            } else {
                exact.insert(lowered)
            }
            let prefix = lowered.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
            if prefix.contains("*") || prefix.contains("?") || !lowered.contains(":") {
                services = nil
            } else {
                services?.insert(prefix)
            }
        }
        self.exact = exact
        self.patterns = patterns
        self.negated = element.negated
        self.services = services
    }

    /// Whether the statement covers `action` (ASCII-lowercased).
    func matches(_ action: String) -> Bool {
        let hit = exact.contains(action) || patterns.contains { $0.matches(action) }
        return negated ? !hit : hit
    }
}
