import Foundation

/// Which events (an `eventSource` with an `eventName`) a candidate change can reach, decided once per pair by
/// the function given: `whatif` asks whether a changed policy covers the event's action. A class, so that the
/// decisions made on one reading thread serve the others.
public final class ReachableEvents: @unchecked Sendable, Equatable {
    private struct Event: Hashable {
        var source: String
        var name: String
    }

    private let decide: @Sendable (_ eventSource: String, _ eventName: String) -> Bool
    private let lock = NSLock()
    private var decided: [Event: Bool] = [:]
    /// At most this many pairs are kept; past it the cache starts again (a hostile archive may name any number).
    private let capacity: Int

    /// The longest event source and name, together, that the cache keeps (an action name is at most 128
    /// characters; a host name at most 253).
    static let longestKept = 512

    public init(capacity: Int = 4_096, _ decide: @escaping @Sendable (_ eventSource: String, _ eventName: String) -> Bool) {
        self.decide = decide
        self.capacity = capacity
    }

    /// Whether the change can reach a call of `eventName` from `eventSource`.
    public func admits(eventSource: String, eventName: String) -> Bool {
        // A name longer than any AWS gives (a hostile record) is decided but not kept, so the cache stays small.
        guard eventSource.utf8.count + eventName.utf8.count <= Self.longestKept else { return decide(eventSource, eventName) }
        let event = Event(source: eventSource, name: eventName)
        lock.lock()
        if let known = decided[event] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let admitted = decide(eventSource, eventName)
        lock.lock()
        if decided.count >= capacity { decided.removeAll(keepingCapacity: true) }
        decided[event] = admitted
        lock.unlock()
        return admitted
    }

    public static func == (lhs: ReachableEvents, rhs: ReachableEvents) -> Bool { lhs === rhs }
}
