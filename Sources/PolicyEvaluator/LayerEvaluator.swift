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
        let visit = Visit(layer: layer, level: level, multipleResources: multipleResources)
        // A non-ASCII action may equal a name in another normalization, which the index's byte tables miss.
        guard indexed && scope.actionKey.isASCII else {
            for policy in policies {
                if layer == .resource { policy.storage.resourcePolicyNotes.forEach { recorder.note($0) } }
                for statement in policy.storage.statements where statement.action.matches(scope.action) {
                    visit.consider(
                        statement, of: policy.storage, scope: scope, resourceMatched: false, result: &result,
                        denies: &denies, allows: &allows, recorder: &recorder)
                }
            }
            return result
        }
        var resource = scope.resource
        resource.withUTF8 { subject in
            for k in policies.indices {
                // Borrowed: the array keeps every storage alive, so none is retained for the visit.
                Unmanaged.passUnretained(policies[k].storage)._withUnsafeGuaranteedRef { storage in
                    visit.indexed(
                        storage, subject: subject, scope: scope, result: &result, denies: &denies, allows: &allows,
                        recorder: &recorder)
                }
            }
        }
        return result
    }

    /// What is fixed while one layer's policies are visited. Its methods take the running results as `inout`
    /// parameters, not through closures, so that nothing is boxed or checked for exclusivity at run time.
    private struct Visit {
        let layer: PolicyLayer
        let level: Int?
        let multipleResources: Bool

        /// Considers the statements of one policy that its action index and resource gates let through.
        func indexed(
            _ storage: CompiledPolicy.Storage, subject: UnsafeBufferPointer<UInt8>, scope: EvaluationScope,
            result: inout LayerResult, denies: inout [DenyReason], allows: inout [AllowReason],
            recorder: inout EvaluationRecorder
        ) {
            if layer == .resource { storage.resourcePolicyNotes.forEach { recorder.note($0) } }
            let index = storage.index
            let (range, tested) = index.lookup(scope.actionKey)
            for position in range {
                let i = index.statement(at: position)
                guard index.admits(i, subject) else { continue }
                index.withStatement(i) { statement in
                    if tested && !statement.action.matchesBeyondExactNames(scope.action) { return }
                    consider(
                        statement, of: storage, scope: scope, resourceMatched: index.gateDecidesResource(i),
                        result: &result, denies: &denies, allows: &allows, recorder: &recorder)
                }
            }
        }

        /// Adds the statement's reason when it applies to the scope.
        func consider(
            _ statement: CompiledStatement, of storage: CompiledPolicy.Storage, scope: EvaluationScope,
            resourceMatched: Bool, result: inout LayerResult, denies: inout [DenyReason], allows: inout [AllowReason],
            recorder: inout EvaluationRecorder
        ) {
            guard let grant = applies(statement, layer: layer, scope: scope, resourceMatched: resourceMatched, recorder: &recorder)
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
