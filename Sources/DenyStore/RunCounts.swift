/// What one run (an `analyze --store` or a `tail` session) did, kept in its run row.
public struct RunCounts: Sendable, Equatable {
    public var filesProcessed = 0
    /// Files skipped because the same content was already in the store.
    public var filesAlreadyStored = 0
    public var filesFailed = 0
    public var recordsRead = 0
    public var attributions = 0

    public init() {}

    /// Counts one file recorded with its attributions.
    public mutating func add(_ file: StoredFile, attributions count: Int) {
        filesProcessed += 1
        if file.outcome == .failed { filesFailed += 1 }
        recordsRead += file.recordsRead
        attributions += count
    }
}
