/// What a watch noticed since the last wait: files that were closed after writing or renamed into place,
/// and whether the whole tree must be looked at again (a new directory, a lost event, a polling tick).
struct ChangeBatch: Equatable {
    var paths: [String] = []
    var rescan = false
    var warnings: [String] = []
}

/// Something that waits for changes under a directory: inotify on Linux, or polling.
protocol ChangeSource {
    /// Waits up to `timeout` seconds, or until `wake` becomes readable, and says what changed.
    mutating func next(timeout: Double, wake: Int32) -> ChangeBatch
    /// How the source watches, for the start-up line.
    var description: String { get }
}
