import CivilTime
import Foundation
import PolicyHistory
import PolicyLanguage
import Replay
import ReplayResults
import Snapshot

/// Replays each call against the policies of its own time: when a policy object changed between the call and
/// the snapshot, against the snapshot with those changes undone (or applied, after it), one rebuilt snapshot per
/// distinct state, so an archive with few changes stays as fast; otherwise against the snapshot itself.
public final class HistoricalAttributor: RequestAttributor, @unchecked Sendable {
    public let base: SnapshotAttributor
    public let history: PolicyHistory
    /// When the snapshot was collected.
    public let snapshotTime: UTCTime
    private let lock = NSLock()
    private var rebuilt: [Int: SnapshotAttributor] = [:]

    public init(base: SnapshotAttributor, history: PolicyHistory, snapshotTime: UTCTime) {
        self.base = base
        self.history = history
        self.snapshotTime = snapshotTime
    }

    public func attribute(_ request: RebuiltRequest) -> Attribution {
        replay(request).attribution
    }

    /// The replay against the policies of the call's time, with the changes between it and the snapshot that
    /// concern the call.
    public func replay(_ request: RebuiltRequest) -> ReplayOutcome {
        guard let text = request.eventTime, let time = UTCTime(text) else { return base.replay(request) }
        let between = history.entries(between: time, and: snapshotTime)
        guard !between.isEmpty else { return base.replay(request) }
        let attributor = attributor(at: time)
        var outcome = attributor.replay(request)
        let scope = CallScope(request, snapshots: [base.snapshot, attributor.snapshot])
        outcome.attribution.policyChanges = between.filter(scope.concerns)
            .map { entry in
                PolicyChangeNote(time: entry.change.time.description, eventName: entry.change.eventName,
                    eventID: entry.change.eventID, by: entry.change.by,
                    policy: base.snapshot.policyID(of: entry.object, member: entry.member))
            }
        return outcome
    }

    /// How many snapshots were rebuilt (one per distinct state the calls needed).
    public var rebuiltCount: Int { lock.withLock { rebuilt.count } }

    /// The policies that could not be read, in the snapshot or in the change records, each once.
    public var policyFailures: [PolicyFailure] {
        let all = base.policyFailures + lock.withLock { rebuilt.keys.sorted().compactMap { rebuilt[$0] } }.flatMap(\.policyFailures)
        return all.uniqued()
    }

    /// The attributor of the snapshot as of `time`, built once per epoch (calls between the same two changes).
    private func attributor(at time: UTCTime) -> SnapshotAttributor {
        let epoch = history.epoch(of: time)
        return lock.withLock {
            if let known = rebuilt[epoch] { return known }
            let updates = history.updates(at: time, snapshot: base.snapshot, snapshotTime: snapshotTime)
            let changed = Set(updates.map { base.snapshot.policyID(of: $0.object) })
            let made = base.with(snapshot: base.snapshot.applying(updates), changed: changed)
            rebuilt[epoch] = made
            return made
        }
    }
}

/// What a call consults, to tell which changes concern it: its user or role and that user's groups, the
/// managed policies attached to them, the buckets and roles it names, and the organization nodes above its
/// accounts.
struct CallScope {
    var entities: Set<PolicyObject> = []
    var managed: Set<String> = []
    var buckets: Set<String> = []
    var roles: Set<PolicyObject> = []
    var nodes: Set<String> = []
    var keys: Set<String> = []
    /// The snapshot and the one of the call's time, where an SCP's or RCP's targets are looked up.
    let snapshots: [Snapshot]

    init(_ request: RebuiltRequest, snapshots: [Snapshot]) {
        self.snapshots = snapshots
        let caller = request.caller
        for snapshot in snapshots {
            if let arn = caller.entityArn ?? caller.arn, let principal = snapshot.principal(arn: arn).value {
                let kind: PolicyObject.Entity = principal.kind == .user ? .user : .role
                entities.insert(.attachments(account: principal.account, entity: kind, name: principal.name))
                for group in principal.groups {
                    entities.insert(.attachments(account: principal.account, entity: .group, name: group))
                }
                managed.formUnion(principal.identity.map(\.id))
                managed.formUnion(principal.missingIdentity)
                if let boundary = principal.boundaryArn { managed.insert(boundary) }
            }
            for account in [caller.account, request.resourceAccount].compactMap({ $0 }) {
                nodes.formUnion(snapshot.organizationPath(account: account).value ?? [account])
            }
        }
        managed.formUnion(request.session?.policyArns ?? [])
        for resource in request.resources {
            guard let arn = ARN(resource) else { continue }
            if arn.service == "s3" { buckets.insert(String(arn.resource.prefix { $0 != "/" })) }
            if arn.isKMSKey { keys.insert(resource) }
            if arn.service == "iam", arn.resource.hasPrefix("role/"), let name = arn.resource.split(separator: "/").last {
                roles.insert(.trustPolicy(account: arn.account, role: String(name)))
            }
        }
    }

    func concerns(_ entry: HistoryEntry) -> Bool {
        switch entry.object {
        case .inlinePolicy(let account, let kind, let name, _), .attachments(let account, let kind, let name),
            .boundary(let account, let kind, let name):
            return entities.contains(.attachments(account: account, entity: kind, name: name))
        case .trustPolicy: return roles.contains(entry.object)
        case .managedPolicy(let arn): return managed.contains(arn)
        case .bucketPolicy(let bucket): return buckets.contains(bucket)
        case .keyPolicy(let arn): return keys.contains(arn)
        case .organizationTargets:
            return entry.member.map(nodes.contains) ?? false
        case .organizationPolicy(let id):
            return snapshots.contains { snapshot in
                if case .members(let targets)? = snapshot.state(of: .organizationTargets(id: id)) {
                    return !targets.isDisjoint(with: nodes)
                }
                return false
            }
        }
    }
}
