/// A snapshot together with everything that could not be read from it.
public struct SnapshotLoad: Sendable {
    public var snapshot: Snapshot
    public var diagnostics: [SnapshotDiagnostic]
    /// Set when the directory itself cannot be used: then the snapshot is empty.
    public var unavailable: SnapshotUnavailable?

    public init(snapshot: Snapshot, diagnostics: [SnapshotDiagnostic], unavailable: SnapshotUnavailable? = nil) {
        self.snapshot = snapshot
        self.diagnostics = diagnostics
        self.unavailable = unavailable
    }
}
