import PolicyLanguage

/// A condition ready to evaluate: key folded once, values pre-compiled unless they hold variables. A class, so
/// that walking a statement's conditions retains one reference each instead of copying every value.
final class CompiledCondition: Sendable {
    /// A policy value in the form its operator compares.
    enum Comparand: Sendable {
        case text(String)
        case folded(String)
        case pattern(GlobPattern)
        case arn(ArnPattern)
        case number(Double)
        case date(Double)
        case range(IPAddressRange)
        case bool(Bool)
        case unusable
    }

    let condition: Condition
    let lowercasedKey: String
    let contextKey: ContextKey
    /// The compiled values, nil when they need per-request substitution.
    let fixed: [Comparand]?

    init(_ condition: Condition) {
        self.condition = condition
        lowercasedKey = condition.key.lowercased()
        contextKey = ContextKey(lowercasedKey)
        let base = condition.operator.base
        switch condition.values {
        case .strings(let strings):
            if strings.allSatisfy({ !$0.hasVariables }) {
                fixed = strings.map { value in
                    CompiledCondition.comparand(base: base, pieces: value.patternPieces, text: value.plainText ?? value.source)
                }
            } else {
                fixed = nil
            }
        case .numbers(let numbers): fixed = numbers.map(Comparand.number)
        case .dates(let dates): fixed = dates.map(Comparand.date)
        case .addresses(let ranges): fixed = ranges.map(Comparand.range)
        case .null: fixed = []
        }
    }

    static func comparand(base: ConditionBaseOperator, pieces: [PatternPiece], text: String) -> Comparand {
        switch base.positive {
        case .stringEqualsIgnoreCase: return .folded(text.lowercased())
        case .stringLike: return .pattern(GlobPattern(pieces: pieces))
        case .arnEquals, .arnLike: return .arn(ArnPattern(pieces: pieces))
        case .bool:
            switch text.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: return .unusable
            }
        default: return .text(text)
        }
    }

    /// The policy values to compare, with their display text, substituting variables; nil when
    /// a variable has no value, which AWS documents as making the statement invalid.
    func comparands(scope: EvaluationScope, recorder: inout EvaluationRecorder, display: Bool)
        -> ([Comparand], [String])?
    {
        if let fixed {
            return (fixed, display ? condition.rawValues : [])
        }
        guard case .strings(let strings) = condition.values else { return ([], []) }
        var out: [Comparand] = []
        var shown: [String] = []
        var complete = true
        for value in strings {
            guard let resolved = VariableResolver.resolve(value, scope: scope, recorder: &recorder) else {
                complete = false
                continue
            }
            out.append(CompiledCondition.comparand(base: condition.operator.base, pieces: resolved.pieces, text: resolved.text))
            if display { shown.append(resolved.text) }
        }
        return complete ? (out, shown) : nil
    }

    /// Evaluates the condition; with `trace` it also returns the evaluation for a report.
    func evaluate(scope: EvaluationScope, recorder: inout EvaluationRecorder, trace: Bool)
        -> (Bool, ConditionEvaluation?)
    {
        let op = condition.operator
        let requestValues = scope.context.values(contextKey)
        let present = !(requestValues?.isEmpty ?? true)
        if requestValues == nil { recorder.missing(condition.key, lowercased: lowercasedKey) }
        // Fixed values need neither substitution nor, untraced, their display text.
        let resolved: [Comparand]?
        var shown: [String] = []
        if !trace, let fixed {
            resolved = fixed
        } else if let (values, display) = comparands(scope: scope, recorder: &recorder, display: trace) {
            resolved = values
            shown = display
        } else {
            resolved = nil
            shown = condition.rawValues
        }
        let policyValues = resolved ?? []
        let result: Bool
        if requestValues == nil && op.ifExists {
            result = true
        } else if resolved == nil {
            result = false
        } else if case .null(let expectAbsent) = condition.values {
            result = expectAbsent ? !present : present
        } else if let qualifier = op.qualifier {
            let values = requestValues ?? []
            switch qualifier {
            case .forAllValues:
                result = values.allSatisfy { holds($0, policyValues, scope: scope, recorder: &recorder) }
            case .forAnyValue:
                if requestValues == nil && op.ifExists {
                    result = true
                } else {
                    result = values.contains { holds($0, policyValues, scope: scope, recorder: &recorder) }
                }
            }
        } else if let requestValues, present {
            let anyMatch = requestValues.contains { value in
                policyValues.contains { matches(value, $0, scope: scope, recorder: &recorder) }
            }
            result = op.base.isNegated ? !anyMatch : anyMatch
        } else {
            result = op.ifExists || op.base.isNegated
        }
        guard trace else { return (result, nil) }
        return (
            result,
            ConditionEvaluation(
                operator: op.description, key: condition.key, requestValues: requestValues?.array, policyValues: shown,
                result: result)
        )
    }

    /// Whether one request value satisfies the operator against the policy values (negation per value).
    func holds(_ value: String, _ policyValues: [Comparand], scope: EvaluationScope, recorder: inout EvaluationRecorder)
        -> Bool
    {
        let anyMatch = policyValues.contains { matches(value, $0, scope: scope, recorder: &recorder) }
        return condition.operator.base.isNegated ? !anyMatch : anyMatch
    }

    /// Whether a request value matches one policy value under the positive form of the operator.
    func matches(_ value: String, _ comparand: Comparand, scope: EvaluationScope, recorder: inout EvaluationRecorder)
        -> Bool
    {
        let base = condition.operator.base.positive
        switch comparand {
        case .text(let text): return value == text
        case .folded(let text): return value.lowercased() == text
        case .pattern(let pattern): return pattern.matches(value)
        case .arn(let pattern): return pattern.matches(value)
        case .bool(let flag): return flag ? value.lowercasedEquals("true") : value.lowercasedEquals("false")
        case .unusable: return false
        case .number(let number):
            guard let requested = Double(value) else {
                recorder.note("`\(condition.key)` value `\(value)` is not a number")
                return false
            }
            return CompiledCondition.compare(requested, number, base)
        case .date(let date):
            guard let requested = PolicyDate.epochSeconds(value) else {
                recorder.note("`\(condition.key)` value `\(value)` is not a date")
                return false
            }
            return CompiledCondition.compare(requested, date, base)
        case .range(let range):
            guard let address = IPAddress(value) else {
                recorder.note("`\(condition.key)` value `\(value)` is not an ip address")
                return false
            }
            return range.contains(address)
        }
    }

    static func compare(_ requested: Double, _ policy: Double, _ base: ConditionBaseOperator) -> Bool {
        switch base {
        case .numericEquals, .dateEquals: return requested == policy
        case .numericLessThan, .dateLessThan: return requested < policy
        case .numericLessThanEquals, .dateLessThanEquals: return requested <= policy
        case .numericGreaterThan, .dateGreaterThan: return requested > policy
        case .numericGreaterThanEquals, .dateGreaterThanEquals: return requested >= policy
        default: return false
        }
    }
}
