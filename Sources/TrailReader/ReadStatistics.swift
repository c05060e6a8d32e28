/// The accounting of a read: every file and every record lands in exactly one bucket.
///
/// Records: `read = selected + notSelected + filtered + unreadable`. Duplicates are counted among the
/// selected records (and, when dropped, `duplicatesDropped` of them were not written).
public struct ReadStatistics: Sendable, Equatable {
    public var filesRead = 0
    public var filesSkipped = 0
    public var filesFailed = 0
    /// Inputs named by the user that held no log file at all (an empty directory, only digests).
    public var inputsWithoutLogs = 0
    /// Why files were skipped, e.g. `digest`, `insight`, `not a log file`, `outside filters`.
    public var skippedByReason: [String: Int] = [:]

    public var recordsRead = 0
    public var recordsSelected = 0
    public var recordsNotSelected = 0
    public var recordsFiltered = 0
    public var recordsUnreadable = 0
    public var duplicates = 0
    public var duplicatesDropped = 0

    public var compressedBytes = 0
    public var decompressedBytes = 0
    /// Compressed bytes passed over to find the next gzip member: bytes that are not gzip data between or
    /// after members, and the rest of a corrupt member.
    public var compressedBytesSkipped = 0

    public init() {}

    public mutating func add(_ other: ReadStatistics) {
        filesRead += other.filesRead
        filesSkipped += other.filesSkipped
        filesFailed += other.filesFailed
        inputsWithoutLogs += other.inputsWithoutLogs
        for (reason, n) in other.skippedByReason { skippedByReason[reason, default: 0] += n }
        recordsRead += other.recordsRead
        recordsSelected += other.recordsSelected
        recordsNotSelected += other.recordsNotSelected
        recordsFiltered += other.recordsFiltered
        recordsUnreadable += other.recordsUnreadable
        duplicates += other.duplicates
        duplicatesDropped += other.duplicatesDropped
        compressedBytes += other.compressedBytes
        decompressedBytes += other.decompressedBytes
        compressedBytesSkipped += other.compressedBytesSkipped
    }

    public mutating func skip(_ reason: String) {
        filesSkipped += 1
        skippedByReason[reason, default: 0] += 1
    }

    /// Whether the record buckets add up to the records read.
    public var balances: Bool {
        recordsRead == recordsSelected + recordsNotSelected + recordsFiltered + recordsUnreadable
    }

    /// Whether anything failed: a file that could not be (fully) read, a record that could not be read, or
    /// an input that held no log.
    public var hasFailures: Bool { filesFailed > 0 || recordsUnreadable > 0 || inputsWithoutLogs > 0 }

    /// The closing accounting line, e.g. for `extract`'s stderr.
    public func summary(selectedName: String = "selected", notSelectedName: String = "not selected") -> String {
        var files = "files: \(filesRead) read, \(filesSkipped) skipped"
        if !skippedByReason.isEmpty {
            let reasons = skippedByReason.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
            files += " (" + reasons.joined(separator: ", ") + ")"
        }
        files += ", \(filesFailed) failed"
        if inputsWithoutLogs > 0 { files += ", \(inputsWithoutLogs) input\(inputsWithoutLogs == 1 ? "" : "s") without logs" }
        var records = "records: \(recordsRead) read = \(recordsSelected) \(selectedName) + \(recordsNotSelected) \(notSelectedName)"
            + " + \(recordsFiltered) outside filters + \(recordsUnreadable) unreadable"
        records += "; duplicates: \(duplicates)"
        if duplicatesDropped > 0 { records += " (\(duplicatesDropped) dropped)" }
        if compressedBytesSkipped > 0 { records += "; compressed bytes skipped: \(compressedBytesSkipped)" }
        return files + "; " + records
    }
}
