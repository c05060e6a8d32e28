import PolicyLanguage
/// Matches the statements of a set of policies against one scope.
enum LayerEvaluator {
    static func evaluate(
        _ policies: [CompiledPolicy], layer: PolicyLayer, level: Int?, scope: EvaluationScope,
        recorder: inout EvaluationRecorder, multipleResources: Bool
    ) -> LayerResult {
        var result = LayerResult()
        for policy in policies {
            if layer == .resource && policy.hasStatementWithoutPrincipal {
                for problem in policy.resourcePolicyProblems { recorder.note(problem.description) }
            }
            let matched = policy.statements.withUnsafeBufferPointer { statements in
                policy.candidates(service: scope.service).compactMap { index -> (Int, PrincipalGrant)? in
                    applies(statements[index], layer: layer, scope: scope, recorder: &recorder).map { (index, $0) }
                }
            }
            for (index, grant) in matched {
                let compiled = policy.statements[index]
                let statement = compiled.statement
                switch statement.effect {
                case .deny:
                    result.denies.append(
                        DenyReason(
                            layer: layer, level: level, policy: policy.id, statement: statement.label,
                            statementIndex: statement.index, resource: multipleResources ? scope.resource : nil,
                            conditions: compiled.traceConditions(scope: scope)))
                case .allow:
                    result.allows.append(
                        AllowReason(
                            layer: layer, level: level, policy: policy.id, statement: statement.label,
                            grant: layer.matchesPrincipal ? grant : nil))
                }
            }
        }
        return result
    }

    /// Whether the statement covers the scope, and under which principal grant (`anyone` where
    /// the layer has no principals).
    static func applies(
        _ compiled: borrowing CompiledStatement, layer: PolicyLayer, scope: EvaluationScope,
        recorder: inout EvaluationRecorder
    ) -> PrincipalGrant? {
        guard compiled.action.matches(scope.action) else { return nil }
        if let resource = compiled.resource, !resource.matches(scope: scope, recorder: &recorder) { return nil }
        var grant = PrincipalGrant.anyone
        if layer == .resource && compiled.principal == nil { return nil }
        if layer.matchesPrincipal {
            guard let matched = PrincipalMatcher.applies(compiled.principal, scope: scope)
            else { return nil }
            grant = matched
        }
        return compiled.conditionsHold(scope: scope, recorder: &recorder) ? grant : nil
    }
}
