import PolicyEvaluator
import PolicyLanguage
import Replay
import ReplayResults
import Snapshot

/// The policies of each layer as a candidate and today's snapshot give them for one request, and the layers
/// where the two differ: what `whatif --candidate` judges a call that succeeded on.
struct LayerComparison {
    let candidate: LayerAssembly
    let today: LayerAssembly
    let changed: Set<PolicyLayer>

    init(request: RebuiltRequest, service: String, candidate: SnapshotAttributor, today: SnapshotAttributor) {
        var mine = LayerAssembly(request: request, snapshot: candidate.snapshot, compiler: candidate.compiler,
            rcpServices: candidate.authorizer.rcpServices)
        mine.assemble(service: service)
        var theirs = LayerAssembly(request: request, snapshot: today.snapshot, compiler: today.compiler,
            rcpServices: today.authorizer.rcpServices)
        theirs.assemble(service: service)
        self.candidate = mine
        self.today = theirs
        changed = Set(PolicyLayer.allCases.filter { layer in
            Self.documents(mine.policies, layer) != Self.documents(theirs.policies, layer)
                || mine.unknown.contains { $0.layer == layer } != theirs.unknown.contains { $0.layer == layer }
        })
    }

    /// A layer's documents, per organization level for SCPs and RCPs; nil when the layer does not apply.
    static func documents(_ policies: LayeredPolicies, _ layer: PolicyLayer) -> [[PolicyDocument]]? {
        func flat(_ list: [CompiledPolicy]?) -> [[PolicyDocument]]? { list.map { [$0.map(\.document)] } }
        switch layer {
        case .identity: return flat(policies.identity)
        case .resource: return flat(policies.resource)
        case .permissionsBoundary: return flat(policies.permissionsBoundary)
        case .session: return flat(policies.session)
        case .scp: return policies.scp.map { $0.map { $0.map(\.document) } }
        case .rcp: return policies.rcp.map { $0.map { $0.map(\.document) } }
        case .vpcEndpoint: return flat(policies.vpcEndpoint)
        }
    }
}

extension SnapshotAttributor {
    /// The request judged on the layers where `self` (a candidate) differs from `today`, every other layer
    /// taken to allow it, as AWS did for a call that succeeded. Identity and resource policies are judged
    /// together when either changed (within one account either may grant). nil when no layer differs.
    func changedLayersDecision(_ request: RebuiltRequest, action: String, today: SnapshotAttributor)
        -> (candidate: OrganizationDecision, today: OrganizationDecision)?
    {
        let comparison = LayerComparison(request: request, service: String(action.prefix { $0 != ":" }),
            candidate: self, today: today)
        guard !comparison.changed.isEmpty else { return nil }
        var judged = comparison.changed
        if judged.contains(.identity) || judged.contains(.resource) { judged.formUnion([.identity, .resource]) }
        return (decision(request, action: action, assembly: comparison.candidate, judged: judged),
            today.decision(request, action: action, assembly: comparison.today, judged: judged))
    }

    /// The request judged on the `judged` layers of `assembly`, every other layer taken to allow it (the
    /// organization decision is this with the SCPs and RCPs).
    func decision(_ request: RebuiltRequest, action: String, assembly: LayerAssembly, judged: Set<PolicyLayer>)
        -> OrganizationDecision
    {
        if let unknown = assembly.unknown.first(where: { judged.contains($0.layer) }) {
            return .notJudged(AttributionLine.shortened(unknown.reason))
        }
        guard case .success(let allow) = compiler.compile(text: Self.allowAll, id: "(the layers the call passed)") else {
            return .notJudged("the stand-in policy does not compile")
        }
        let all = assembly.policies
        func kept(_ layer: PolicyLayer, _ list: [CompiledPolicy]?) -> [CompiledPolicy]? { judged.contains(layer) ? list : nil }
        let policies = LayeredPolicies(
            identity: judged.contains(.identity) ? all.identity : [allow],
            resource: judged.contains(.resource) ? all.resource : [allow],
            permissionsBoundary: kept(.permissionsBoundary, all.permissionsBoundary), session: kept(.session, all.session),
            scp: judged.contains(.scp) ? all.scp : nil, rcp: judged.contains(.rcp) ? all.rcp : nil,
            vpcEndpoint: kept(.vpcEndpoint, all.vpcEndpoint),
            principalInManagementAccount: all.principalInManagementAccount,
            resourceInManagementAccount: all.resourceInManagementAccount,
            isServiceLinkedRole: request.caller.roleName?.hasPrefix("AWSServiceRoleFor") == true ? true : nil)
        let evaluated = Request(
            principal: request.caller.isAnonymous ? nil : assembly.principalArn ?? request.caller.invokedBy, action: action,
            resources: assembly.resources, resourceAccount: request.resourceAccount, context: RequestContext(assembly.context))
        return .decided(authorizer.evaluate(request: evaluated, policies: policies), policyNames: assembly.policyNames)
    }
}
