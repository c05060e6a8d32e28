import PolicyLanguage
/// Decides a request against layered policies the way AWS documents its evaluation logic,
/// and explains the decision. Pure: no file, clock or network access.
public struct Authorizer: Sendable {
    /// Services whose actions RCPs govern; defaults to the documented list.
    public var rcpServices: Set<String>
    /// Whether each policy's action index picks the statements to test (false tests every statement: the plain
    /// path, which the property tests compare it with).
    var usesActionIndex = true

    public init(rcpServices: Set<String> = ResourceControlPolicyServices.documented) {
        self.rcpServices = rcpServices
    }

    /// The decision on `request`, with every denying statement or every missing Allow.
    public func evaluate(request: Request, policies: LayeredPolicies) -> Decision {
        let caller = PrincipalIdentity(principal: request.principal)
        var context = request.context
        var recorder = EvaluationRecorder()
        let resourceAccount = request.resourceAccount ?? context["aws:ResourceAccount"]?.first
            ?? Self.account(of: request.resources)
        caller.deriveContext(into: &context, resourceAccount: resourceAccount)
        let action = request.action.asciiLowercased
        let actionKey = ActionKey(lowercased: action)
        // For an ASCII action the key's service bytes are what a split on `:` by characters gives, unless there
        // are none (no `:`, or nothing before it: a split skips empty parts).
        let service = actionKey.isASCII && !actionKey.service.isEmpty
            ? actionKey.service
            : action.split(separator: ":", maxSplits: 1).first.map(String.init) ?? action
        let resources = request.resources.isEmpty ? ["*"] : request.resources

        // One scope, its resource changed in place for each further resource: the context and caller are moved in
        // once, not copied per resource.
        let hasBoundary = policies.permissionsBoundary != nil && caller.kind != .anonymous
        var scope = EvaluationScope(
            context: context, caller: caller, action: action, actionKey: actionKey, requestedAction: request.action, service: service,
            resource: resources[0], hasBoundary: hasBoundary)
        var decision = evaluate(
            scope: scope, policies: policies, resourceAccount: resourceAccount, recorder: &recorder,
            multipleResources: resources.count > 1)
        for resource in resources.dropFirst() {
            scope.resource = resource
            decision.merge(
                evaluate(scope: scope, policies: policies, resourceAccount: resourceAccount, recorder: &recorder, multipleResources: true))
        }
        if !decision.denies.isEmpty { decision.decision = .explicitDeny }
        if let rule = ServiceRules.alwaysAllowed(action: action, ignoring: decision.denies) {
            decision = Decision(decision: .allow, rules: [rule], allows: decision.allows)
        }
        // Sorted by the folded keys, which are each spelling lowercased.
        if !recorder.missingKeys.isEmpty {
            decision.missingContext = recorder.missingKeys.sorted { $0.key < $1.key }.map(\.value)
        }
        decision.diagnostics = recorder.diagnostics
        return decision
    }

    /// The account of the resources' ARNs when they all name the same one.
    static func account(of resources: [String]) -> String? {
        let accounts = Set(resources.compactMap { arn -> String? in
            let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            guard parts.count == 6, parts[0] == "arn", !parts[4].isEmpty else { return nil }
            return String(parts[4])
        })
        return accounts.count == 1 ? accounts.first : nil
    }

    func evaluate(
        scope: EvaluationScope, policies: LayeredPolicies, resourceAccount: String?, recorder: inout EvaluationRecorder,
        multipleResources: Bool
    ) -> Decision {
        var denies: [DenyReason] = []
        var allows: [AllowReason] = []
        allows.reserveCapacity(16)
        // The VPC endpoint's reasons come last, though it is evaluated before the organization's levels.
        var endpointDenies: [DenyReason] = []
        var endpointAllows: [AllowReason] = []
        func run(_ list: [CompiledPolicy]?, _ layer: PolicyLayer, level: Int? = nil) -> LayerResult? {
            guard let list else { return nil }
            if layer == .vpcEndpoint {
                return LayerEvaluator.evaluate(
                    list, layer: layer, level: level, scope: scope, denies: &endpointDenies, allows: &endpointAllows,
                    recorder: &recorder, multipleResources: multipleResources, indexed: usesActionIndex)
            }
            return LayerEvaluator.evaluate(
                list, layer: layer, level: level, scope: scope, denies: &denies, allows: &allows,
                recorder: &recorder, multipleResources: multipleResources, indexed: usesActionIndex)
        }
        let serviceLinked = policies.isServiceLinkedRole
            ?? (scope.caller.arn.containsBytes(ServiceRules.serviceRolePath)
                || (scope.context.values(.principalArn) ?? []).contains {
                    $0.containsBytes(ServiceRules.serviceRolePath)
                })
        let isIAMCaller = scope.caller.kind != .service && scope.caller.kind != .anonymous
        // An anonymous caller has no identity: only resource-based (and organization resource) policies apply.
        let anonymous = scope.caller.kind == .anonymous
        if anonymous && (policies.identity != nil || policies.permissionsBoundary != nil || policies.session != nil) {
            recorder.note("identity-based, permissions boundary and session policies do not apply to an anonymous caller")
        }

        let identity = anonymous ? nil : run(policies.identity, .identity)
        let resource = run(policies.resource, .resource)
        let boundary = scope.caller.kind == .root || anonymous ? nil : run(policies.permissionsBoundary, .permissionsBoundary)
        let session = scope.caller.kind == .root || anonymous ? nil : run(policies.session, .session)
        let endpoint = run(policies.vpcEndpoint, .vpcEndpoint)

        var scpLevels: [LayerResult] = []
        if let levels = policies.scp {
            if !isIAMCaller {
                recorder.note("service control policies not applied: the caller is not an iam principal")
            } else if policies.principalInManagementAccount {
                recorder.note("service control policies not applied: the caller is in the management account")
            } else if serviceLinked {
                recorder.note("service control policies not applied: the caller is a service-linked role")
            } else {
                scpLevels.reserveCapacity(levels.count)
                for (i, level) in levels.enumerated() { scpLevels.append(run(level, .scp, level: i) ?? LayerResult()) }
            }
        }
        var rcpLevels: [LayerResult] = []
        if let levels = policies.rcp {
            if !rcpServices.contains(scope.service) {
                recorder.note("resource control policies not applied: `\(scope.service)` is not a service rcps govern")
            } else if policies.resourceInManagementAccount {
                recorder.note("resource control policies not applied: the resource is in the management account")
            } else if serviceLinked {
                recorder.note("resource control policies not applied: the caller is a service-linked role")
            } else if scope.caller.kind == .service {
                recorder.note("resource control policies not applied: the caller is an AWS service principal")
            } else {
                rcpLevels.reserveCapacity(levels.count)
                for (i, level) in levels.enumerated() { rcpLevels.append(run(level, .rcp, level: i) ?? LayerResult()) }
            }
        }

        if !endpointDenies.isEmpty { denies += endpointDenies }
        if !endpointAllows.isEmpty { allows += endpointAllows }
        var decision = Decision(decision: .allow, denies: denies, allows: allows)

        // Every layer that gave no Allow, under an explicit deny too.
        var missing = principalAndResource(
            scope: scope, identity: identity, resource: resource, boundary: boundary, session: session,
            resourceLayerGiven: policies.resource != nil, resourceAccount: resourceAccount, recorder: &recorder)
        for (i, level) in scpLevels.enumerated() where !level.allowed {
            missing.append(MissingAllow(layer: .scp, level: i, detail: "no service control policy at level \(i) allows `\(scope.requestedAction)`"))
        }
        for (i, level) in rcpLevels.enumerated() where !level.allowed {
            missing.append(MissingAllow(layer: .rcp, level: i, detail: "no resource control policy at level \(i) allows `\(scope.requestedAction)`"))
        }
        if let endpoint, !endpoint.allowed {
            missing.append(MissingAllow(layer: .vpcEndpoint, detail: "the vpc endpoint policy does not allow `\(scope.requestedAction)`"))
        }
        decision.missingAllows = missing
        if let rule = ServiceRules.protection(action: scope.action, resource: scope.resource, caller: scope.caller, context: scope.context) {
            // No Allow can grant it, so no missing Allow is what would have to change.
            decision.rules = [rule]
            decision.missingAllows = []
            decision.decision = decision.denies.isEmpty ? .implicitDeny : .explicitDeny
            return decision
        }
        decision.decision = !decision.denies.isEmpty ? .explicitDeny : missing.isEmpty ? .allow : .implicitDeny
        return decision
    }
}
