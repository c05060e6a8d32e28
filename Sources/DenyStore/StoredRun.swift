/// One run row read back from the store.
public struct StoredRun: Sendable, Equatable {
    public var id: Int64
    public var command: String
    public var startedAt: String
    public var endedAt: String?
    public var snapshot: String
    public var snapshotDigest: String
    public var counts: RunCounts
}
