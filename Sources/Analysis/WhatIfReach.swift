import PolicyEvaluator
import Replay
import Snapshot
import TrailReader

extension WhatIfJudge {
    /// The successful records the candidate can change, when that can be told from a record's bytes: with an
    /// organization-only change, the records that mention an account whose SCPs or RCPs differ, come from a
    /// service RCPs govern (when RCPs differ), or were delivered for an account outside the organization's
    /// tree; and of those, only the ones whose action a policy that differs covers (`ChangedPolicies`). nil when
    /// every record must be replayed (a change of any layer, or no organization in the snapshot).
    public var reachableRecords: ReachableRecords? {
        guard scope == .organization else { return nil }
        let today = base.snapshot, changed = candidate.snapshot
        let accounts = today.organizationAccounts.union(changed.organizationAccounts)
        guard !accounts.isEmpty else { return nil }
        var scp: [String] = [], rcp: [String] = []
        var differing = ChangedPolicies()
        for account in accounts.sorted() {
            let scps = (today.serviceControlPolicies(account: account), changed.serviceControlPolicies(account: account))
            if scps.0 != scps.1 {
                scp.append(account)
                differing.add(scps.0, scps.1)
            }
            let rcps = (today.resourceControlPolicies(account: account), changed.resourceControlPolicies(account: account))
            if rcps.0 != rcps.1 {
                rcp.append(account)
                differing.add(rcps.0, rcps.1)
            }
        }
        let touched = Set(scp + rcp)
        return ReachableRecords(mentioning: touched.sorted(),
            eventSources: rcp.isEmpty ? [] : Set(base.authorizer.rcpServices.map { $0 + ".amazonaws.com" }),
            settledAccounts: accounts.subtracting(touched), events: differing.events(reference: reference))
    }
}

/// The SCPs and RCPs that differ between today and the candidate, level by level, over every account: a call
/// whose action none of them covers is decided at every level by the same statements under both, so the same.
/// When the levels themselves differ (an account moved, a level unknown) or a policy does not compile, any
/// action may change.
struct ChangedPolicies {
    private(set) var policies: [PolicySource] = []
    private(set) var anyAction = false

    mutating func add(_ today: LayerLookup<[[PolicySource]]>, _ candidate: LayerLookup<[[PolicySource]]>) {
        guard case .known(let before) = today, case .known(let after) = candidate, before.count == after.count else {
            anyAction = true
            return
        }
        for (old, new) in zip(before, after) {
            for source in old + new where !(old.contains(source) && new.contains(source)) && !policies.contains(source) {
                policies.append(source)
            }
        }
    }

    /// Which events the differing policies can reach, by the action `ActionResolver` gives them (as the
    /// request builder does); nil when any action may change.
    func events(reference: ServiceReference) -> ReachableEvents? {
        guard !anyAction else { return nil }
        var compiled: [CompiledPolicy] = []
        for source in policies {
            guard let policy = try? CompiledPolicy.compile(json: source.document, id: source.id) else { return nil }
            compiled.append(policy)
        }
        let resolver = ActionResolver(reference: reference)
        return ReachableEvents { [compiled] source, name in
            let action = resolver.action(eventSource: source, eventName: name)
            // An action longer than AWS allows is refused by the builder, which says so: leave it to it.
            guard FieldLimit.action.admits(action) else { return true }
            return compiled.contains { $0.covers(action: action) }
        }
    }
}
