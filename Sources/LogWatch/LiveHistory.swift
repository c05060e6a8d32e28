import Analysis
import CivilTime
import Pipeline
import PolicyHistory
import Replay

/// The policy-change records `tail` has read, applied as they arrive: a call after a fix is replayed against
/// the fixed policy and a deny before it against the old one, without reloading the snapshot. At most
/// `capacity` changes are kept, the oldest dropped first (they matter only to calls older than any kept).
struct LiveHistory {
    let capacity: Int
    private var changes: [PolicyChange] = []
    private var attributor: HistoricalAttributor?
    /// The history's diagnostics already printed (it is rebuilt as changes arrive).
    private var reported: Set<String> = []

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    var count: Int { changes.count }

    /// The attributor of each call's own time, once `scanned` (the changes of the file being read) are added;
    /// nil while no change is known or the snapshot's time is not.
    mutating func attributor(adding scanned: [PolicyChange], base: SnapshotAttributor, snapshotTime: SnapshotTime?,
        diagnostics: (String) -> Void) -> (any RequestAttributor)?
    {
        if !scanned.isEmpty {
            changes += scanned
            if changes.count > capacity { changes.removeFirst(changes.count - capacity) }
            attributor = nil
        }
        guard !changes.isEmpty, let snapshotTime else { return nil }
        if let attributor { return attributor }
        let history = PolicyHistory(changes: changes, snapshotVersions: base.snapshot.managedPolicyVersions)
        for line in history.diagnostics where reported.insert(line).inserted { diagnostics("warning: " + line) }
        guard !history.isEmpty else { return nil }
        let made = HistoricalAttributor(base: base, history: history, snapshotTime: snapshotTime.time)
        attributor = made
        return made
    }

    /// A reloaded snapshot: the changes stay, the attributor built on the old snapshot goes.
    mutating func snapshotReloaded() {
        attributor = nil
    }
}
