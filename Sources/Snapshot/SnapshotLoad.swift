/// A snapshot together with everything that could not be read from it.
public struct SnapshotLoad: Sendable {
    public var snapshot: Snapshot
    public var diagnostics: [SnapshotDiagnostic]

    public init(snapshot: Snapshot, diagnostics: [SnapshotDiagnostic]) {
        self.snapshot = snapshot
        self.diagnostics = diagnostics
    }
}
