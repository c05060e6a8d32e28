/// A cache that keeps at most `capacity` entries, favouring the recently used: entries live in two generations;
/// when the current one is full it becomes the previous one and the oldest generation is dropped, and a hit in the
/// previous generation moves the entry to the current one. Every operation is O(1); no list of ages is kept.
public struct RecentCache<Key: Hashable, Value> {
    public let capacity: Int
    private var current: [Key: Value] = [:]
    private var previous: [Key: Value] = [:]

    /// `capacity` is at least 2 (one entry per generation).
    public init(capacity: Int) {
        self.capacity = max(2, capacity)
    }

    public var count: Int { current.count + previous.count }

    public mutating func value(for key: Key) -> Value? {
        if let hit = current[key] { return hit }
        guard let hit = previous.removeValue(forKey: key) else { return nil }
        insert(hit, for: key)
        return hit
    }

    /// Inserts `value`; returns the entries it pushed out (the oldest generation), for callers that keep
    /// something of them.
    @discardableResult
    public mutating func insert(_ value: Value, for key: Key) -> [Value] {
        var dropped: [Value] = []
        if current[key] == nil && current.count >= capacity / 2 {
            dropped = Array(previous.values)
            previous = current
            current = [:]
        }
        current[key] = value
        previous.removeValue(forKey: key)
        return dropped
    }

    /// The entries held now, in no order.
    public var values: [Value] { Array(current.values) + Array(previous.values) }
}
