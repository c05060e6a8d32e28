/// What a watch noticed since the last wait: files that were closed after writing or renamed into place,
/// and whether the whole tree must be looked at again (a new directory, a lost event, a polling tick).
public struct ChangeBatch: Equatable, Sendable {
    public var paths: [String] = []
    public var rescan = false
    public var warnings: [String] = []

    public init(paths: [String] = [], rescan: Bool = false, warnings: [String] = []) {
        self.paths = paths
        self.rescan = rescan
        self.warnings = warnings
    }
}

/// Something that waits for changes under a directory: inotify on Linux, or polling.
public protocol ChangeSource {
    /// Waits up to `timeout` seconds, or until `wake` becomes readable, and says what changed.
    mutating func next(timeout: Double, wake: Int32) -> ChangeBatch
    /// How the source watches, for the start-up line.
    var description: String { get }
}
