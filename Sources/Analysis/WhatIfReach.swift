import Snapshot
import TrailReader

extension WhatIfJudge {
    /// The successful records the candidate can change, when that can be told from a record's bytes: with an
    /// organization-only change, the records that mention an account whose SCPs or RCPs differ, come from a
    /// service RCPs govern (when RCPs differ), or were delivered for an account outside the organization's
    /// tree. nil when every record must be replayed (a change of any layer, or no organization in the snapshot).
    public var reachableRecords: ReachableRecords? {
        guard scope == .organization else { return nil }
        let today = base.snapshot, changed = candidate.snapshot
        let accounts = today.organizationAccounts.union(changed.organizationAccounts)
        guard !accounts.isEmpty else { return nil }
        var scp: [String] = [], rcp: [String] = []
        for account in accounts.sorted() {
            if today.serviceControlPolicies(account: account) != changed.serviceControlPolicies(account: account) { scp.append(account) }
            if today.resourceControlPolicies(account: account) != changed.resourceControlPolicies(account: account) { rcp.append(account) }
        }
        let touched = Set(scp + rcp)
        return ReachableRecords(mentioning: touched.sorted(),
            eventSources: rcp.isEmpty ? [] : Set(base.authorizer.rcpServices.map { $0 + ".amazonaws.com" }),
            settledAccounts: accounts.subtracting(touched))
    }
}
