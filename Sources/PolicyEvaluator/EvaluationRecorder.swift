import PolicyLanguage

/// What an evaluation noticed besides its verdict: keys it needed but did not find, and
/// request values it could not read.
struct EvaluationRecorder {
    /// Missing keys, lowercased to the spelling first seen.
    var missingKeys: [String: String] = [:]
    var diagnostics: [String] = []
    private var seenDiagnostics: Set<String> = []

    mutating func missing(_ key: String) {
        missing(key, lowercased: key.lowercased())
    }

    /// Records `key`, whose lowercased form is `folded`.
    mutating func missing(_ key: String, lowercased folded: String) {
        if missingKeys[folded] == nil { missingKeys[folded] = key }
    }

    mutating func note(_ message: String) {
        if seenDiagnostics.insert(message).inserted { diagnostics.append(message) }
    }
}
