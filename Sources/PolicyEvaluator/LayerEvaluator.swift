/// The statements of one layer (or one organization level) that matched a request.
struct LayerResult {
    var denies: [DenyReason] = []
    var allows: [AllowReason] = []

    var allowed: Bool { !allows.isEmpty }
}

/// Matches the statements of a set of policies against one scope.
enum LayerEvaluator {
    static func evaluate(
        _ policies: [CompiledPolicy], layer: PolicyLayer, level: Int?, scope: EvaluationScope,
        recorder: inout EvaluationRecorder, multipleResources: Bool
    ) -> LayerResult {
        var result = LayerResult()
        for policy in policies {
            for index in policy.candidates(service: scope.service) {
                let compiled = policy.statements[index]
                let statement = compiled.statement
                guard compiled.action.matches(scope.action) else { continue }
                if let resource = compiled.resource, !resource.matches(scope: scope, recorder: &recorder) { continue }
                var grant: PrincipalGrant?
                if layer.matchesPrincipal {
                    guard let matched = PrincipalMatcher.applies(statement.principal, effect: statement.effect, scope: scope)
                    else { continue }
                    grant = matched
                }
                guard compiled.conditionsHold(scope: scope, recorder: &recorder) else { continue }
                switch statement.effect {
                case .deny:
                    result.denies.append(
                        DenyReason(
                            layer: layer, level: level, policy: policy.id, statement: statement.label,
                            statementIndex: statement.index, resource: multipleResources ? scope.resource : nil,
                            conditions: compiled.traceConditions(scope: scope)))
                case .allow:
                    result.allows.append(
                        AllowReason(layer: layer, level: level, policy: policy.id, statement: statement.label, grant: grant))
                }
            }
        }
        return result
    }
}
