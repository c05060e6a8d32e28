extension Snapshot {
    /// The organization's id (`o-…`), when `describe-organization.json` was collected.
    public var organizationID: String? { organization?.organizationID }

    /// Whether `account` is the organization's management account; nil when the snapshot does not say.
    public func isManagementAccount(_ account: String) -> Bool? {
        guard let management = organization?.managementAccount else { return nil }
        return management == account
    }

    /// A root, OU or account of the organization as people read it: `OU Production (ou-a1b2-prod7k3q)`,
    /// `root r-a1b2`, `account 222233334444`; an OU whose name was not collected by its id.
    public func organizationTargetLabel(_ id: String) -> String {
        if id.hasPrefix("r-") { return "root \(id)" }
        if id.hasPrefix("ou-") { return organization?.unitNames[id].map { "OU \($0) (\(id))" } ?? "OU \(id)" }
        return "account \(id)"
    }

    /// The chain from the root through each OU down to `account` (`[r-…, ou-…, …, account]`), from the
    /// `parents/` files.
    public func organizationPath(account: String) -> LayerLookup<[String]> {
        guard let organization else { return .unknown(reason: .init("no organization data in the snapshot", gap: .organization)) }
        var chain = [account]
        var node = account
        while !node.hasPrefix("r-") {
            if let problem = organization.unreadableParents[node] { return .unknown(reason: .init(problem, gap: .organization)) }
            guard let parent = organization.parents[node] else {
                let subject = node == account ? "account `\(account)` is not in the organization tree" : "the parent of `\(node)` is unknown"
                return .unknown(reason: .init("\(subject): `organization/parents/\(node).json` is missing", gap: .organization))
            }
            guard !chain.contains(parent), chain.count < 16 else {
                return .unknown(reason: "the parents of `\(account)` form a cycle at `\(parent)`")
            }
            chain.append(parent)
            node = parent
        }
        return .known(chain.reversed())
    }

    /// The SCPs that apply to principals of `account`: one list per level from the root down to the
    /// account. `[]` (no levels) when SCPs do not apply: the management account, or SCPs not enabled.
    public func serviceControlPolicies(account: String) -> LayerLookup<[[PolicySource]]> {
        controlPolicies(account: account, type: "SERVICE_CONTROL_POLICY", kind: .scp)
    }

    /// The RCPs that apply to resources of `account`, by level as for `serviceControlPolicies(account:)`.
    public func resourceControlPolicies(account: String) -> LayerLookup<[[PolicySource]]> {
        controlPolicies(account: account, type: "RESOURCE_CONTROL_POLICY", kind: .rcp)
    }

    func controlPolicies(account: String, type: String, kind: PolicyKind) -> LayerLookup<[[PolicySource]]> {
        guard let organization else { return .unknown(reason: .init("no organization data in the snapshot", gap: .organization)) }
        guard let management = organization.managementAccount else {
            return .unknown(reason: "the management account is unknown: \(organization.describeProblem ?? "")")
        }
        if management == account { return .known([]) }
        let path: [String]
        switch organizationPath(account: account) {
        case .unknown(let reason): return .unknown(reason: reason)
        case .known(let chain): path = chain
        }
        let ids = Set(organization.policies.keys).union(organization.unreadablePolicies.keys)
            .union(organization.targets.keys).union(organization.unreadableTargets.keys).sorted()
        var levels = Array(repeating: [PolicySource](), count: path.count)
        for id in ids {
            if let policy = organization.policies[id], policy.type != type { continue }
            let targets: Set<String>
            if let known = organization.targets[id] {
                targets = known
            } else {
                let why = organization.unreadableTargets[id] ?? "`organization/targets/\(id).json` is missing"
                return .unknown(reason: "the targets of policy `\(id)` are unknown: \(why)")
            }
            guard let node = path.first(where: { targets.contains($0) }) else { continue }
            guard let policy = organization.policies[id] else {
                let why = organization.unreadablePolicies[id] ?? "`organization/policies/\(id).json` is missing"
                return .unknown(reason: "policy `\(id)` is attached to `\(node)` but cannot be read: \(why)")
            }
            guard let document = policy.document else {
                return .unknown(reason: "the content of policy `\(id)` attached to `\(node)` cannot be decoded")
            }
            for (level, member) in path.enumerated() where targets.contains(member) {
                levels[level].append(PolicySource(id: policy.arn, kind: kind, document: document, origin: policy.origin,
                    name: policy.name))
            }
        }
        if levels.allSatisfy(\.isEmpty) {
            if let enabled = organization.enabledPolicyTypes, !enabled.contains(type) { return .known([]) }
            return .unknown(reason: .init("no \(type) is attached from the root to `\(account)`; without `organization/roots.json` "
                + "showing the type disabled, its policies may simply not have been collected", gap: .organization))
        }
        return .known(levels)
    }
}

extension Snapshot {
    /// The accounts the organization's tree places (each with a `parents/` file), and the management account.
    public var organizationAccounts: Set<String> {
        guard let organization else { return [] }
        var accounts = Set(organization.parents.keys.filter(Snapshot.isAccountID))
        if let management = organization.managementAccount { accounts.insert(management) }
        return accounts
    }
}
