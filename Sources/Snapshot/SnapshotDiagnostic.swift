/// A problem found while loading a snapshot: the file, the place in it, and what went wrong.
/// Loading goes on after each one; the affected layers answer `unknown`.
public struct SnapshotDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// A JSON path (`UserDetailList[2].UserPolicyList[0]`) or a policy id; empty for the whole file.
    public var place: String
    public var message: String

    public init(file: String, place: String = "", message: String) {
        self.file = file
        self.place = place
        self.message = message
    }

    public var description: String {
        place.isEmpty ? "\(file): \(message)" : "\(file): \(place): \(message)"
    }
}
