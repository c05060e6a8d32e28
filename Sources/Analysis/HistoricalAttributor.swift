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
        let baseScope = CallScope(request, in: base.snapshot, caller: baseCaller(of: request))
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
