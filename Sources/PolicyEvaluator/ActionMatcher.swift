import PolicyLanguage

/// A statement's Action or NotAction, compiled: exact names in a set, `prefix*` patterns as bytes, other wildcards
/// as glob patterns. A class, so that testing it retains one reference instead of copying every part.
final class ActionMatcher: Sendable {
    let exact: Set<String>
    /// The exact names with a non-ASCII byte, which another spelling may equal as a String.
    let nonASCIIExact: [String]
    /// The literal parts of the `literal*` patterns, one after another, and where each ends.
    let prefixBytes: [UInt8]
    let prefixEnds: [Int]
    /// Whether a pattern is `*` alone.
    let anything: Bool
    let patterns: [GlobPattern]
    let negated: Bool

    init(_ element: ActionElement) {
        var exact = Set<String>()
        var prefixBytes: [UInt8] = []
        var prefixEnds: [Int] = []
        var anything = false
        var patterns: [GlobPattern] = []
        for raw in element.patterns {
            let lowered = raw.asciiLowercased
            let bytes = Array(lowered.utf8)
            let stars = bytes.filter { $0 == UInt8(ascii: "*") }.count
            let ones = bytes.contains(UInt8(ascii: "?"))
            if stars == 0 && !ones {
                exact.insert(lowered)
            } else if bytes == [UInt8(ascii: "*")] {
                anything = true
            } else if stars == 1 && !ones && bytes.last == UInt8(ascii: "*") {
                // The glob's own `prefix` shape: the subject's bytes start with the literal.
                prefixBytes += bytes.dropLast()
                prefixEnds.append(prefixBytes.count)
            } else {
                patterns.append(GlobPattern(lowered))
            }
        }
        self.exact = exact
        nonASCIIExact = exact.filter { !$0.utf8.allSatisfy { $0 < 0x80 } }.sorted()
        self.prefixBytes = prefixBytes
        self.prefixEnds = prefixEnds
        self.anything = anything
        self.patterns = patterns
        self.negated = element.negated
    }

    /// Whether the statement covers `action` (ASCII-lowercased).
    func matches(_ action: String) -> Bool {
        let hit = (!exact.isEmpty && exact.contains(action)) || matchesWildcards(action)
        return negated ? !hit : hit
    }

    /// `matches` for an ASCII action that no ASCII exact name of the policy equals (the policy index knows): only
    /// the non-ASCII names and the wildcards can cover it.
    func matchesBeyondExactNames(_ action: String) -> Bool {
        let hit = nonASCIIExact.contains(action) || matchesWildcards(action)
        return negated ? !hit : hit
    }

    private func matchesWildcards(_ action: String) -> Bool {
        if anything { return true }
        if !prefixEnds.isEmpty {
            var subject = action
            let hit = subject.withUTF8 { s in
                prefixBytes.withUnsafeBufferPointer { p in
                    var start = 0
                    for end in prefixEnds {
                        let length = end - start
                        if s.count >= length {
                            var i = 0
                            while i < length && s[i] == p[start + i] { i += 1 }
                            if i == length { return true }
                        }
                        start = end
                    }
                    return false
                }
            }
            if hit { return true }
        }
        for i in patterns.indices where patterns[i].matches(action) { return true }
        return false
    }
}
