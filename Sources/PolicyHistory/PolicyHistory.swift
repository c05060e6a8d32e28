import CivilTime
import Replay
import Snapshot
import TrailJSON

/// The timelines of the policy objects an archive's change records touched, and the state of each at a call's
/// time, rebuilt from the snapshot and the changes: pure (no files, clocks or globals).
///
/// The state at time t of an object that changed between t and the snapshot's time: the latest state a change
/// at or before t carried in full, rolled forward through the attach and detach steps after it; else the
/// snapshot's, with each attach and detach between t and the snapshot undone; else unknown, with the reason
/// naming the change that cannot be undone. Changes after the snapshot's time roll it forward the same way.
public struct PolicyHistory: Sendable {
    /// Every step, in time order (records of the same time in input order).
    public let entries: [HistoryEntry]
    /// One line for each change record that could not be used (its object is unknown around it).
    public let diagnostics: [String]
    private let byObject: [PolicyObject: [Int]]

    /// `snapshotVersions`: the version documents the snapshot holds (`Snapshot.managedPolicyVersions`), for a
    /// SetDefaultPolicyVersion to a version the archive did not create.
    public init(changes: [PolicyChange], snapshotVersions: [String: [String: JSONValue]] = [:]) {
        var entries: [HistoryEntry] = []
        var diagnostics: [String] = []
        var versions = snapshotVersions
        // In time order (records of the same time in input order), so that the steps are, and a version is known
        // before the SetDefaultPolicyVersion that names it.
        let unknownTime = UTCTime(secondsSinceEpoch: 0)
        let ordered = changes.enumerated().sorted {
            ($0.element.eventTime ?? unknownTime, $0.offset) < ($1.element.eventTime ?? unknownTime, $1.offset)
        }
        for change in ordered.map(\.element) {
            let steps = ChangeEntries(change, versions: &versions)
            entries += steps.entries
            if let problem = steps.diagnostic { diagnostics.append((change.file.map { $0 + ": " } ?? "") + problem) }
        }
        self.entries = entries
        self.diagnostics = diagnostics
        byObject = Dictionary(grouping: entries.indices) { entries[$0].object }
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// How many steps happened at or before `time`: two calls with the same count see the same states.
    public func epoch(of time: UTCTime) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].change.time <= time { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The steps between a call at `time` and the snapshot taken at `snapshotTime`: after the call and at or
    /// before the snapshot, or after the snapshot and at or before the call.
    public func entries(between time: UTCTime, and snapshotTime: UTCTime) -> ArraySlice<HistoryEntry> {
        let call = epoch(of: time)
        let snapshot = epoch(of: snapshotTime)
        return entries[min(call, snapshot)..<max(call, snapshot)]
    }

    /// The updates that turn the snapshot into the policies of `time`: one per object that changed between the
    /// two, when its state then differs from the snapshot's.
    public func updates(at time: UTCTime, snapshot: Snapshot, snapshotTime: UTCTime) -> [PolicyObjectUpdate] {
        var seen = Set<PolicyObject>()
        let objects = entries(between: time, and: snapshotTime).map(\.object).filter { seen.insert($0).inserted }
        return updates(of: objects, at: time, snapshot: snapshot, snapshotTime: snapshotTime)
    }

    /// The same, for `objects` only (distinct, in the order the updates are wanted): what a call that consults
    /// only them needs.
    public func updates(of objects: [PolicyObject], at time: UTCTime, snapshot: Snapshot, snapshotTime: UTCTime)
        -> [PolicyObjectUpdate]
    {
        var updates: [PolicyObjectUpdate] = []
        for object in objects {
            let current = snapshot.state(of: object)
            let then = state(of: object, at: time, snapshot: current, snapshotTime: snapshotTime)
            guard then != current else { continue }
            let origin = latest(object, atOrBefore: time).map { "the \($0.change.label) record" + ($0.change.file.map { " of \($0)" } ?? "") }
                ?? "the snapshot with the changes after \(time) undone"
            updates.append(PolicyObjectUpdate(object: object, state: then, origin: origin))
        }
        return updates
    }

    /// The state of `object` at `time`, given what the snapshot taken at `snapshotTime` holds (`snapshot`, nil
    /// when it does not describe the object).
    public func state(of object: PolicyObject, at time: UTCTime, snapshot: PolicyObjectState?, snapshotTime: UTCTime)
        -> PolicyObjectState
    {
        let steps = (byObject[object] ?? []).map { entries[$0] }
        if time >= snapshotTime {
            let later = steps.filter { $0.change.time > snapshotTime && $0.change.time <= time }
            return forward(object, from: snapshot, problem: "\(object) is not in the snapshot", through: later)
        }
        let before = steps.filter { $0.change.time <= time }
        var forwardProblem: String?
        if let anchor = before.lastIndex(where: { $0.member == nil }) {
            switch forward(object, from: nil, problem: nil, through: Array(before[anchor...])) {
            case .unknown(let reason): forwardProblem = reason
            case let known: return known
            }
        }
        let between = steps.filter { $0.change.time > time && $0.change.time <= snapshotTime }
        var state: PolicyObjectState
        if let snapshot {
            state = snapshot
        } else {
            return .unknown(forwardProblem ?? "\(object) changed after the call (\(between.first?.change.label ?? "")) "
                + "and the snapshot does not hold it")
        }
        if let blocker = between.first(where: { $0.member == nil }) {
            return .unknown(forwardProblem ?? "\(object) changed after the call (\(blocker.change.label)) and its "
                + "state before that is not in the archive")
        }
        for step in between.reversed() {
            switch (step.effect, state) {
            case (.add(let member), .members(var members)):
                members.remove(member)
                state = .members(members)
            case (.remove(let member), .members(var members)):
                members.insert(member)
                state = .members(members)
            default:
                return .unknown(forwardProblem ?? "\(object) changed after the call (\(step.change.label)) and its "
                    + "state before that is not in the archive")
            }
        }
        return state
    }

    /// The latest step on `object` at or before `time`.
    private func latest(_ object: PolicyObject, atOrBefore time: UTCTime) -> HistoryEntry? {
        (byObject[object] ?? []).map { entries[$0] }.last { $0.change.time <= time }
    }

    /// `start` (nil: not known, for `problem`) rolled forward through `steps`.
    private func forward(_ object: PolicyObject, from start: PolicyObjectState?, problem: String?,
        through steps: [HistoryEntry]) -> PolicyObjectState
    {
        var state = start
        var problem = start == nil ? problem : nil
        for step in steps {
            switch (step.effect, state) {
            case (.set(let new), _):
                state = new
                problem = nil
            case (.opaque(let reason), _):
                state = nil
                problem = reason
            case (.add(let member), .members(var members)?):
                members.insert(member)
                state = .members(members)
            case (.remove(let member), .members(var members)?):
                members.remove(member)
                state = .members(members)
            default:
                state = nil
                problem = problem ?? "\(object) changed (\(step.change.label)) from a state that is not known"
            }
        }
        if let state, problem == nil { return state }
        return .unknown(problem ?? "\(object) is not known")
    }
}
