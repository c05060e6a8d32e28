import ReplayResults

/// What recording one file added to the store.
public struct FileAddition: Sendable, Equatable {
    /// False when the same content was already stored: then nothing was added.
    public var stored: Bool
    /// The attributions the store did not hold before, in file order: what a watch prints. Those of an earlier
    /// version of the same file (a JSON Lines file that grew) are stored again but are not new.
    public var added: [Attribution]
    /// The file's deliveries of an eventID that was already delivered, not stored (with those the caller
    /// already left out, `StoredFile.duplicateDeliveries`); for a new version of a stored file, only those
    /// beyond the earlier version's.
    public var duplicateDeliveries: Int

    public init(stored: Bool, added: [Attribution] = [], duplicateDeliveries: Int = 0) {
        self.stored = stored
        self.added = added
        self.duplicateDeliveries = duplicateDeliveries
    }
}
