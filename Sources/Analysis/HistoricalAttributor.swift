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
    /// The rebuilt snapshots most recently used (each holds copies of the accounts its changes touch, so they
    /// are bounded, not one per change of the archive), and what the dropped ones could not read.
    private var rebuilt: RecentCache<[Int], SnapshotAttributor>
    private var droppedFailures: [PolicyFailure] = []
    private var droppedSeen: Set<PolicyFailure> = []
    private var madeCount = 0
    /// The history's entries by the object a call consults, so that a call looks only at its own; the
    /// organization's entries (whose reach depends on the tree) are tested one by one.
    private let routes: [CallScope.Route: [Int]]
    private let organizationEntries: [Int]
    /// What the most recent callers consult in the snapshot (the same for every call of a caller).
    private var callers = RecentCache<CallScope.Caller.Key, CallScope.Caller>(capacity: 1024)

    public init(base: SnapshotAttributor, history: PolicyHistory, snapshotTime: UTCTime, capacity: Int = 64) {
        rebuilt = RecentCache(capacity: capacity)
        self.base = base
        self.history = history
        self.snapshotTime = snapshotTime
        var routes: [CallScope.Route: [Int]] = [:]
        var organization: [Int] = []
        for (index, entry) in history.entries.enumerated() {
            if let route = CallScope.Route(entry.object) { routes[route, default: []].append(index) } else { organization.append(index) }
        }
        self.routes = routes
        organizationEntries = organization
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
        // Only the objects the call consults matter; what it consults may itself differ at its time (a policy
        // attached since), so the scope is widened until the rebuilt snapshot adds nothing.
        // What the call consults in the snapshot is worked out once; each round adds the rebuilt snapshot's.
        let baseScope = CallScope(request, snapshots: [base.snapshot], caller: baseCaller(of: request))
        var concerned: [Int] = []
        var attributor = base
        for round in 0..<3 {
            var scope = baseScope
            if round > 0 { scope.add(attributor.snapshot, for: request) }
            let found = concerning(scope, in: between.indices)
            if found.count == concerned.count { break }
            // Only a change to what the call consults can widen the scope; without one, the next round adds nothing.
            let earlier = Set(concerned)
            let widens = found.contains { !earlier.contains($0) && CallScope.widens(between[$0].object) }
            concerned = found
            // The states at the call's time follow from the changes between it and the snapshot: they key it.
            attributor = self.attributor(for: found) {
                history.updates(of: found.map { between[$0].object }.uniqued(), at: time, snapshot: base.snapshot,
                    snapshotTime: snapshotTime)
            }
            if !widens { break }
        }
        guard !concerned.isEmpty else { return base.replay(request) }
        var outcome = attributor.replay(request)
        outcome.attribution.policyChanges = concerned.map { index in
            let change = between[index].change
            return PolicyChangeNote(time: change.time.description, eventName: change.eventName, eventID: change.eventID,
                by: change.by, policy: base.snapshot.policyID(of: between[index].object, member: between[index].member))
        }
        return outcome
    }

    /// What the caller of `request` consults in the snapshot, worked out once per caller.
    private func baseCaller(of request: RebuiltRequest) -> CallScope.Caller {
        let key = CallScope.Caller.Key(request)
        if let known = lock.withLock({ callers.value(for: key) }) { return known }
        let caller = CallScope.Caller(request, in: base.snapshot)
        lock.withLock { _ = callers.insert(caller, for: key) }
        return caller
    }

    /// The entries in `range` that concern a call of `scope`, in order.
    private func concerning(_ scope: CallScope, in range: Range<Int>) -> [Int] {
        var found: Set<Int> = []
        for route in scope.routes {
            for index in routes[route] ?? [] where range.contains(index) { found.insert(index) }
        }
        // The organization's entries are in index order: those in `range` are found by two binary searches.
        let first = HistoricalAttributor.position(of: range.lowerBound, in: organizationEntries)
        let end = HistoricalAttributor.position(of: range.upperBound, in: organizationEntries)
        for index in organizationEntries[first..<end]
        where scope.concerns(history.entries[index].object, member: history.entries[index].member) {
            found.insert(index)
        }
        return found.sorted()
    }

    /// Where `value` is, or would be inserted, in the ascending `sorted`.
    static func position(of value: Int, in sorted: [Int]) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// How many snapshots were rebuilt (one per distinct state the calls needed, again after being dropped).
    public var rebuiltCount: Int { lock.withLock { madeCount } }

    /// The policies that could not be read, in the snapshot or in the change records, each once.
    public var policyFailures: [PolicyFailure] {
        let all = base.policyFailures + lock.withLock { droppedFailures + rebuilt.values.flatMap(\.policyFailures) }
        return all.uniqued()
    }

    /// The attributor of the snapshot with `updates` made, built once per set of changes between a call and the
    /// snapshot (calls that consult the same objects in the same states share it); the snapshot's own when the
    /// states then are the snapshot's.
    /// Built outside the lock, so that the other threads go on replaying meanwhile; when two threads build the same
    /// state at once, the first one stored is kept and the other dropped.
    private func attributor(for changes: [Int], updates: () -> [PolicyObjectUpdate]) -> SnapshotAttributor {
        if let known = lock.withLock({ rebuilt.value(for: changes) }) { return known }
        let updates = updates()
        let made = updates.isEmpty ? base
            : base.with(snapshot: base.snapshot.applying(updates), changed: Set(updates.map { base.snapshot.policyID(of: $0.object) }))
        return lock.withLock {
            if let known = rebuilt.value(for: changes) { return known }
            if !updates.isEmpty { madeCount += 1 }
            for failure in rebuilt.insert(made, for: changes).flatMap(\.policyFailures) where droppedSeen.insert(failure).inserted {
                droppedFailures.append(failure)
            }
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
    /// Other resources with policies in `resource-policies/` (SQS, SNS, ECR, Secrets Manager, Lambda), by ARN as
    /// the record and the snapshot name them, and a secret's ARN without its random suffix.
    var resources: Set<String> = []
    static let resourcePolicyServices: Set<String> = ["sqs", "sns", "ecr", "secretsmanager", "lambda"]
    /// The snapshot and the one of the call's time, where an SCP's or RCP's targets are looked up.
    private(set) var snapshots: [Snapshot] = []

    init(_ request: RebuiltRequest, snapshots: [Snapshot], caller: Caller? = nil) {
        managed.formUnion(request.session?.policyArns ?? [])
        for resource in request.resources {
            guard let arn = ARN(resource) else { continue }
            if arn.service == "s3" { buckets.insert(String(arn.resource.prefix { $0 != "/" })) }
            if arn.isKMSKey { keys.insert(resource) }
            if CallScope.resourcePolicyServices.contains(arn.service) {
                resources.insert(resource)
                resources.insert(PolicyChange.secretWithoutSuffix(resource))
            }
            if arn.service == "iam", arn.resource.hasPrefix("role/"), let name = arn.resource.split(separator: "/").last {
                roles.insert(.trustPolicy(account: arn.account, role: String(name)))
            }
        }
        for (index, snapshot) in snapshots.enumerated() { add(snapshot, for: request, caller: index == 0 ? caller : nil) }
    }

    /// Adds what the call consults in `snapshot`: its user or role there, with the groups, managed policies and
    /// boundary attached, the organization nodes above its accounts, and the names its resources' policies have.
    /// `caller`, when given, is the caller's part already worked out in `snapshot`.
    mutating func add(_ snapshot: Snapshot, for request: RebuiltRequest, caller known: Caller? = nil) {
        snapshots.append(snapshot)
        let caller = known ?? Caller(request, in: snapshot)
        entities.formUnion(caller.entities)
        managed.formUnion(caller.managed)
        nodes.formUnion(caller.nodes)
        for resource in request.resources {
            guard let arn = ARN(resource), CallScope.resourcePolicyServices.contains(arn.service),
                let stored = snapshot.resourcePolicy(arn: resource).value??.id
            else { continue }
            resources.insert(stored)
            resources.insert(PolicyChange.secretWithoutSuffix(stored))
        }
    }

    /// What an entry's object is looked up by: the user, group or role an inline policy, attachment or boundary
    /// belongs to, a managed policy, a bucket, a key or a role's trust policy; nil for the organization's.
    enum Route: Hashable {
        case entity(account: String, kind: PolicyObject.Entity, name: String)
        case other(PolicyObject)

        init?(_ object: PolicyObject) {
            switch object {
            case .inlinePolicy(let account, let kind, let name, _), .attachments(let account, let kind, let name),
                .boundary(let account, let kind, let name):
                self = .entity(account: account, kind: kind, name: name)
            case .trustPolicy, .managedPolicy, .bucketPolicy, .keyPolicy, .resourcePolicy: self = .other(object)
            case .organizationTargets, .organizationPolicy: return nil
            }
        }
    }

    /// What a caller consults in one snapshot, whatever the call: the user or role with its groups (their
    /// attachments), the managed policies and boundary attached, and the organization nodes above the caller's
    /// account and the resource's. Calls of one caller share it.
    struct Caller {
        var entities: Set<PolicyObject> = []
        var managed: Set<String> = []
        var nodes: Set<String> = []

        /// What `Caller` depends on: the caller's ARN and the two accounts.
        struct Key: Hashable {
            var arn: String?
            var account: String?
            var resourceAccount: String?

            init(_ request: RebuiltRequest) {
                arn = request.caller.entityArn ?? request.caller.arn
                account = request.caller.account
                resourceAccount = request.resourceAccount
            }
        }

        init(_ request: RebuiltRequest, in snapshot: Snapshot) {
            let caller = request.caller
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
    }

    /// Whether a change of `object` can change what a call consults, so that the scope must be worked out again
    /// in the snapshot of the call's time: the managed policies attached to a user, group or role, a boundary, an
    /// SCP's or RCP's targets, and (to be safe) a resource's policy, whose id the snapshot may store apart. A
    /// document's content changes what the call is allowed, not what it consults; group membership and the
    /// organization tree are not in the history.
    static func widens(_ object: PolicyObject) -> Bool {
        switch object {
        case .attachments, .boundary, .organizationTargets, .resourcePolicy: return true
        case .inlinePolicy, .trustPolicy, .managedPolicy, .bucketPolicy, .keyPolicy, .organizationPolicy: return false
        }
    }

    /// The routes of the objects the call consults (as `concerns` tests them, the organization's aside).
    var routes: [Route] {
        var routes: [Route] = []
        for case .attachments(let account, let kind, let name) in entities {
            routes.append(.entity(account: account, kind: kind, name: name))
        }
        routes += managed.map { .other(.managedPolicy(arn: $0)) }
        routes += buckets.map { .other(.bucketPolicy(bucket: $0)) }
        routes += keys.map { .other(.keyPolicy(arn: $0)) }
        routes += resources.map { .other(.resourcePolicy(arn: $0)) }
        routes += roles.map { .other($0) }
        return routes
    }

    /// Whether a change of `object` (attaching or detaching `member`, for a set) concerns the call.
    func concerns(_ object: PolicyObject, member: String?) -> Bool {
        switch object {
        case .inlinePolicy(let account, let kind, let name, _), .attachments(let account, let kind, let name),
            .boundary(let account, let kind, let name):
            return entities.contains(.attachments(account: account, entity: kind, name: name))
        case .trustPolicy: return roles.contains(object)
        case .managedPolicy(let arn): return managed.contains(arn)
        case .bucketPolicy(let bucket): return buckets.contains(bucket)
        case .keyPolicy(let arn): return keys.contains(arn)
        case .resourcePolicy(let arn): return resources.contains(arn)
        case .organizationTargets:
            return member.map(nodes.contains) ?? false
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
