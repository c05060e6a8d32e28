import PolicyLanguage

/// What every statement of one evaluation is matched against: the request with its
/// implied keys, the caller, and the resource under consideration.
struct EvaluationScope {
    let context: RequestContext
    let caller: CallerIdentity
    /// The action, ASCII-lowercased.
    let action: String
    /// The action's service prefix, ASCII-lowercased.
    let service: String
    /// The resource ARN, or `*` for an action without one.
    let resource: String
    /// Whether the caller has a permissions boundary (it changes how `NotPrincipal` denies).
    let hasBoundary: Bool
}

/// What an evaluation noticed besides its verdict: keys it needed but did not find, and
/// request values it could not read.
struct EvaluationRecorder {
    /// Missing keys, lowercased to the spelling first seen.
    var missingKeys: [String: String] = [:]
    var diagnostics: [String] = []
    private var seenDiagnostics: Set<String> = []

    mutating func missing(_ key: String) {
        let folded = key.lowercased()
        if missingKeys[folded] == nil { missingKeys[folded] = key }
    }

    mutating func note(_ message: String) {
        if seenDiagnostics.insert(message).inserted { diagnostics.append(message) }
    }
}
