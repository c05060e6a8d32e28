import PolicyEvaluator
import PolicyLanguage
import Replay
import ReplayResults
import Snapshot
import TrailJSON
import TrailReader

/// Judges past calls against a candidate change of the organization's policies.
///
/// A call that succeeded was allowed by every layer, whatever the snapshot says, so it is judged on the
/// changed layers alone (every other layer taken as allowing): it is newly denied when the candidate denies
/// it there (explicitly, or by a level without an Allow) while today's policies do not. A call that was
/// denied is replayed on every layer as `analyze` does, and is newly allowed when the candidate allows it.
public struct WhatIfJudge: Sendable {
    public enum Judgement: Sendable, Equatable {
        case unchanged
        case changed(WhatIfVerdict)
        case notJudged(reason: String)
    }

    /// Which layers a change can touch, and so which a call that succeeded is judged on.
    public enum Scope: Sendable, Equatable {
        /// SCPs and RCPs only: the snapshot need not hold the accounts.
        case organization
        /// Any layer: for each call, the layers whose policies differ between the two snapshots.
        case anyLayer
    }

    public let base: SnapshotAttributor
    public let candidate: SnapshotAttributor
    public let scope: Scope
    /// The service reference requests are rebuilt with: which action an event is.
    let reference: ServiceReference
    /// The organization decisions already made, for calls that succeeded (organization scope only).
    let memo: OrganizationDecisionMemo?

    public init(snapshot: Snapshot, candidate: Snapshot, scope: Scope = .organization, reference: ServiceReference = .bundled) {
        self.init(snapshot: snapshot, candidate: candidate, scope: scope, reference: reference, memoizing: true)
    }

    /// `memoizing: false` decides every call afresh (what the memo must agree with).
    init(snapshot: Snapshot, candidate: Snapshot, scope: Scope, reference: ServiceReference, memoizing: Bool) {
        base = SnapshotAttributor(snapshot: snapshot, reference: reference)
        self.candidate = SnapshotAttributor(snapshot: candidate, reference: reference)
        self.scope = scope
        self.reference = reference
        let organizationPolicies = (snapshot.policyDocuments + candidate.policyDocuments).filter { $0.kind == .scp || $0.kind == .rcp }
        memo = memoizing && scope == .organization ? OrganizationDecisionMemo(policies: organizationPolicies) : nil
        succeededCallsNeedSessions = scope != .organization || organizationPolicies.contains { source in
            let text = JSONWriter.string(source.document).asciiLowercased
            return text[...].containsBytes("${") || text[...].containsBytes("aws:principaltag/")
        }
    }

    /// Whether judging a call that succeeded needs the session that issued its credentials: for a change of any
    /// layer (session policies), or when an SCP or RCP reads the session's tags (`aws:PrincipalTag/…`, or any key
    /// through a policy variable). A call that failed always needs it (it is judged on every layer).
    public let succeededCallsNeedSessions: Bool

    public func judge(_ request: RebuiltRequest) -> Judgement {
        guard let code = request.errorCode else { return judgeSucceeded(request) }
        guard AuthorizationFailureCodes.isAuthorizationFailure(code) else { return .unchanged }
        return judgeDenied(request)
    }

    private func judgeDenied(_ request: RebuiltRequest) -> Judgement {
        let before = base.replay(request).attribution
        guard before.reproduced else { return .notJudged(reason: "the deny is not reproduced against the snapshot") }
        let after = candidate.replay(request).attribution
        if after.decision == .unknown {
            return .notJudged(reason: "under the candidate: " + AttributionLine.shortened(after.reason ?? "unknown"))
        }
        guard after.decision == .allow else { return .unchanged }
        let deny = before.denies.first
        return .changed(verdict(request, .newlyAllowed, layer: deny?.layer ?? before.missingAllows.first?.layer,
            policy: deny?.policy, policyName: deny?.policyName, statement: deny?.statement, conditions: deny?.conditions ?? .array([])))
    }

    private func judgeSucceeded(_ request: RebuiltRequest) -> Judgement {
        if let refused = request.refusalReason { return .notJudged(reason: AttributionLine.shortened(refused)) }
        guard let action = request.action else { return .notJudged(reason: "the action cannot be rebuilt from the record") }
        guard !request.resources.isEmpty else { return .notJudged(reason: "the resource cannot be rebuilt from the record") }
        let decisions: (candidate: SnapshotAttributor.OrganizationDecision, today: SnapshotAttributor.OrganizationDecision)
        switch scope {
        case .organization:
            let decide = { (candidate.organizationDecision(request, action: action), base.organizationDecision(request, action: action)) }
            decisions = memo.map { $0.decisions(for: $0.key(request, action: action), compute: decide) } ?? decide()
        case .anyLayer:
            guard let changed = candidate.changedLayersDecision(request, action: action, today: base) else { return .unchanged }
            decisions = changed
        }
        let today: Decision
        switch decisions.today {
        case .notJudged(let reason): return .notJudged(reason: reason)
        case .decided(let decision, _): today = decision
        }
        // Today's snapshot already denies a call that succeeded: it disagrees with AWS, so no change can be told.
        guard today.decision == .allow else {
            return .notJudged(reason: scope == .organization ? "today's SCPs or RCPs in the snapshot deny a call that succeeded"
                : "today's snapshot denies a call that succeeded, on the layers the candidate changes")
        }
        switch decisions.candidate {
        case .notJudged(let reason):
            return .notJudged(reason: reason)
        case .decided(let decision, let names):
            guard decision.decision != .allow else { return .unchanged }
            if let deny = decision.denies.first {
                return .changed(verdict(request, .newlyDenied, layer: deny.layer, policy: deny.policy,
                    policyName: names[deny.policy], statement: deny.statement,
                    conditions: .array(deny.conditions.map(SnapshotAttributor.json))))
            }
            let missing = decision.missingAllows.first
            var result = verdict(request, .newlyDenied, layer: missing?.layer, policy: nil, statement: nil, conditions: .array([]))
            result.detail = missing?.detail
            return .changed(result)
        }
    }

    private func verdict(_ request: RebuiltRequest, _ change: WhatIfVerdict.Change, layer: PolicyLayer?, policy: String?,
        policyName: String? = nil, statement: String?, conditions: JSONValue) -> WhatIfVerdict
    {
        WhatIfVerdict(eventID: request.eventID, eventTime: request.eventTime,
            account: request.recipientAccount ?? request.caller.account, region: request.region,
            principal: request.caller.isAnonymous ? "anonymous" : request.caller.arn ?? request.caller.entityArn ?? request.caller.principalId,
            action: request.action, resources: request.resources, change: change, layer: layer, policy: policy,
            policyName: policyName, statement: statement, conditions: conditions)
    }
}
