import PolicyLanguage
/// Matches the statements of a set of policies against one scope.
enum LayerEvaluator {
    /// Appends the denying and allowing statements of `policies` to `denies` and `allows`; `indexed` visits only
    /// the statements each policy's action index and resource gates let through, otherwise every statement's
    /// Action is tested (the plain path, kept to check the index).
    static func evaluate(
        _ policies: [CompiledPolicy], layer: PolicyLayer, level: Int?, scope: EvaluationScope,
        denies: inout [DenyReason], allows: inout [AllowReason], recorder: inout EvaluationRecorder,
        multipleResources: Bool, indexed: Bool
    ) -> LayerResult {
        var result = LayerResult()
        // A non-ASCII action may equal a name in another normalization, which the index's byte tables miss.
        let indexed = indexed && scope.actionKey.isASCII
        var resource = scope.resource
        resource.withUTF8 { subject in
            for policy in policies {
                let storage = policy.storage
                if layer == .resource {
                    for note in storage.resourcePolicyNotes { recorder.note(note) }
                }
                let (range, tested) = indexed ? storage.index.lookup(scope.actionKey) : (0..<0, true)
                if indexed && range.isEmpty { continue }
                // A scope for `consider` that, unlike `statements.withUnsafeBufferPointer`, retains no array.
                withExtendedLifetime(storage) {
                    func consider(_ statement: CompiledStatement, resourceMatched: Bool = false) {
                        guard let grant = applies(
                            statement, layer: layer, scope: scope, resourceMatched: resourceMatched, recorder: &recorder)
                        else { return }
                        switch statement.statement.effect {
                        case .deny:
                            denies.append(
                                DenyReason(
                                    layer: layer, level: level, policy: storage.document.id, statement: statement.label,
                                    statementIndex: statement.statement.index, resource: multipleResources ? scope.resource : nil,
                                    conditions: statement.conditions.isEmpty ? [] : statement.traceConditions(scope: scope)))
                        case .allow:
                            result.allowed = true
                            if layer.matchesPrincipal { result.grants.append(grant) }
                            allows.append(
                                AllowReason(
                                    layer: layer, level: level, policy: storage.document.id, statement: statement.label,
                                    grant: layer.matchesPrincipal ? grant : nil))
                        }
                    }
                    guard indexed else {
                        for statement in storage.statements where statement.action.matches(scope.action) {
                            consider(statement)
                        }
                        return
                    }
                    let index = storage.index
                    for position in range {
                        let i = index.statement(at: position)
                        guard index.admits(i, subject) else { continue }
                        let statement = index.compiled(i)
                        if tested && !statement.action.matchesBeyondExactNames(scope.action) { continue }
                        consider(statement, resourceMatched: index.gateDecidesResource(i))
                    }
                }
            }
        }
        return result
    }

    /// Whether the statement, whose Action covers the scope's, covers the scope, and under which principal grant
    /// (`anyone` where the layer has no principals); `resourceMatched` when the index already matched its Resource.
    static func applies(
        _ compiled: CompiledStatement, layer: PolicyLayer, scope: EvaluationScope, resourceMatched: Bool,
        recorder: inout EvaluationRecorder
    ) -> PrincipalGrant? {
        if !resourceMatched, let resource = compiled.resource, !resource.matches(scope: scope, recorder: &recorder) {
            return nil
        }
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
