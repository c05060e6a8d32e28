/// What one run (an `analyze --store` or a `tail` session) did, kept in its run row.
public struct RunCounts: Sendable, Equatable {
    public var filesProcessed = 0
    /// Files skipped because the same content was already in the store.
    public var filesAlreadyStored = 0
    public var filesFailed = 0
    public var recordsRead = 0
    /// Attributions new to the store (distinct calls: a duplicate delivery or a re-read file adds none).
    public var attributions = 0
    /// Deliveries of an eventID already stored or already seen in the run, not stored again.
    public var duplicateDeliveries = 0

    public init() {}

    /// Counts one file recorded, with what it added.
    public mutating func add(_ file: StoredFile, _ addition: FileAddition) {
        filesProcessed += 1
        if file.outcome == .failed { filesFailed += 1 }
        recordsRead += file.recordsRead
        attributions += addition.added.count
        duplicateDeliveries += addition.duplicateDeliveries
    }

    /// Adds the counts of another run.
    public mutating func add(_ other: RunCounts) {
        filesProcessed += other.filesProcessed
        filesAlreadyStored += other.filesAlreadyStored
        filesFailed += other.filesFailed
        recordsRead += other.recordsRead
        attributions += other.attributions
        duplicateDeliveries += other.duplicateDeliveries
    }
}
