/// One processed log file as the store keeps it: where it was, which bytes it had, and how reading it went.
public struct StoredFile: Sendable, Equatable {
    /// How reading the file ended: read entirely, read with some unreadable records, or not read to its end
    /// (then none of its records are stored: a file is never half-counted).
    public enum Outcome: String, Sendable, CaseIterable {
        case ok, partial, failed
    }

    public var path: String
    public var size: Int
    /// Modification time, in seconds since 1970.
    public var modifiedAt: Double
    /// SHA-256 of the bytes, in hex: the identity of "the same file" whatever its path.
    public var contentHash: String
    public var recordsRead: Int
    public var recordsSelected: Int
    public var recordsUnreadable: Int
    public var outcome: Outcome
    public var diagnostics: [String]
    /// Records of the file whose eventID was already delivered (earlier in the file, in another file or on an
    /// earlier night): not stored again. Given when recording, it counts those the caller already left out;
    /// read back, it is the file's total.
    public var duplicateDeliveries: Int

    public init(path: String, size: Int, modifiedAt: Double, contentHash: String, recordsRead: Int = 0,
        recordsSelected: Int = 0, recordsUnreadable: Int = 0, outcome: Outcome = .ok, diagnostics: [String] = [],
        duplicateDeliveries: Int = 0)
    {
        self.path = path
        self.size = size
        self.modifiedAt = modifiedAt
        self.contentHash = contentHash
        self.recordsRead = recordsRead
        self.recordsSelected = recordsSelected
        self.recordsUnreadable = recordsUnreadable
        self.outcome = outcome
        self.diagnostics = diagnostics
        self.duplicateDeliveries = duplicateDeliveries
    }
}
