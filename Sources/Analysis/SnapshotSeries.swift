import CivilTime
import Foundation
import PolicyHistory
import Replay
import ReplayResults
import Snapshot

/// Snapshots of one organization taken at different times (one per night, say): each call is replayed against
/// the latest taken at or before its time, else the earliest, and, when the archive changed policies, against
/// that snapshot's policies as of the call's time. Snapshots are loaded when a call first needs them, and at
/// most `capacity` are held at once.
public final class SnapshotSeries: RequestAttributor, @unchecked Sendable {
    /// One snapshot of the series: its folder and when it was taken.
    public struct Member: Sendable, Equatable {
        public var directory: String
        public var time: UTCTime

        public init(directory: String, time: UTCTime) {
            self.directory = directory
            self.time = time
        }
    }

    /// By time, oldest first.
    public let members: [Member]
    private let load: @Sendable (String) -> Snapshot
    private let history: PolicyHistory?
    private let lock = NSLock()
    private var held: RecentCache<Int, any FailureReportingAttributor>
    private var droppedFailures: [PolicyFailure] = []

    /// `load` reads a member's folder (I/O stays with the caller); `history`, when the archive changed
    /// policies, rebuilds each member as of a call's time.
    public init(members: [Member], history: PolicyHistory? = nil, capacity: Int = 4,
        load: @escaping @Sendable (String) -> Snapshot)
    {
        self.members = members.sorted { $0.time < $1.time }
        self.history = history
        self.load = load
        held = RecentCache(capacity: capacity)
    }

    /// The member a call at `time` is replayed against: the latest taken at or before it, else the earliest.
    public func member(at time: UTCTime?) -> Int {
        guard let time else { return members.count - 1 }
        return members.lastIndex { $0.time <= time } ?? 0
    }

    public func attribute(_ request: RebuiltRequest) -> Attribution {
        replay(request).attribution
    }

    public func replay(_ request: RebuiltRequest) -> ReplayOutcome {
        attributor(for: member(at: request.eventTime.flatMap(UTCTime.init))).replay(request)
    }

    /// The policies that could not be read, in the members loaded so far, each once.
    public var policyFailures: [PolicyFailure] {
        lock.withLock { droppedFailures + held.values.flatMap(\.policyFailures) }.uniqued()
    }

    private func attributor(for index: Int) -> any FailureReportingAttributor {
        lock.withLock {
            if let known = held.value(for: index) { return known }
            let base = SnapshotAttributor(snapshot: load(members[index].directory))
            let made: any FailureReportingAttributor = history.map {
                HistoricalAttributor(base: base, history: $0, snapshotTime: members[index].time)
            } ?? base
            droppedFailures = (droppedFailures + held.insert(made, for: index).flatMap(\.policyFailures)).uniqued()
            return made
        }
    }
}

/// An attributor that replays with reasons and names the policies it could not read.
protocol FailureReportingAttributor: RequestAttributor {
    func replay(_ request: RebuiltRequest) -> ReplayOutcome
    var policyFailures: [PolicyFailure] { get }
}

extension SnapshotAttributor: FailureReportingAttributor {}
extension HistoricalAttributor: FailureReportingAttributor {}
