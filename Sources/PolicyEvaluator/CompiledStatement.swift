import PolicyLanguage

/// A statement with its matchers built, ready to test against many requests. A class, so that the evaluation
/// loop passes one reference instead of copying (and retaining) every matcher.
final class CompiledStatement: Sendable {
    let statement: Statement
    /// The Sid, or `Statement[i]`, made once for the reasons.
    let label: String
    let action: ActionMatcher
    let resource: ResourceMatcher?
    let principal: CompiledPrincipal?
    let conditions: [CompiledCondition]

    init(_ statement: Statement) {
        self.statement = statement
        label = statement.label
        action = ActionMatcher(statement.action)
        resource = statement.resource.map(ResourceMatcher.init)
        principal = statement.principal.map(CompiledPrincipal.init)
        conditions = statement.conditions.map(CompiledCondition.init)
    }

    /// Evaluates every condition (no short cut, so that all missing keys are seen); true when all hold.
    func conditionsHold(scope: EvaluationScope, recorder: inout EvaluationRecorder) -> Bool {
        var all = true
        for condition in conditions where !condition.evaluate(scope: scope, recorder: &recorder, trace: false).0 {
            all = false
        }
        return all
    }

    /// The evaluation of each condition, for the report of a matching statement.
    func traceConditions(scope: EvaluationScope) -> [ConditionEvaluation] {
        var scratch = EvaluationRecorder()
        return conditions.compactMap { $0.evaluate(scope: scope, recorder: &scratch, trace: true).1 }
    }
}
