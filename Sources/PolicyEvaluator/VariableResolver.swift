import PolicyLanguage

/// Substitutes policy variables from the request context.
///
/// A variable the request lacks takes its default; without one the value cannot match, and
/// the key is reported as missing context.
enum VariableResolver {
    /// The pattern pieces of `value` and its substituted text, or nil when a variable has no value.
    static func resolve(_ value: PolicyString, scope: EvaluationScope, recorder: inout EvaluationRecorder)
        -> (pieces: [PatternPiece], text: String)?
    {
        var pieces: [PatternPiece] = []
        var text = ""
        for segment in value.segments {
            switch segment {
            case .text(let s):
                pieces.append(.init(s, wildcards: true))
                text += s
            case .literal(let s):
                pieces.append(.init(s, wildcards: false))
                text += s
            case .variable(let key, let defaultValue):
                let values = scope.context[key]
                let substitute: String
                if let values, values.count == 1 {
                    substitute = values[0]
                } else if let values, values.count > 1 {
                    recorder.note("policy variable `${\(key)}` refers to a multivalued key and cannot be substituted")
                    return nil
                } else if let defaultValue {
                    substitute = defaultValue
                } else {
                    recorder.missing(key)
                    return nil
                }
                pieces.append(.init(substitute, wildcards: false))
                text += substitute
            }
        }
        return (pieces, text)
    }
}
