import PolicyLanguage
import Snapshot

/// A layer the snapshot or the input cannot describe: the reason in words, and what is missing when the
/// summary should count it ("account `5555…`", "the `kinesis` listing of …"), said once for many calls.
public struct UnknownLayer: Sendable, Equatable {
    public var layer: PolicyLayer
    public var reason: String
    public var missing: String?

    public init(_ layer: PolicyLayer, _ reason: String, missing: String? = nil) {
        self.layer = layer
        self.reason = reason
        self.missing = missing
    }

    /// From a snapshot lookup's reason, `prefix` said before it; its gap becomes what is missing.
    public init(_ layer: PolicyLayer, _ reason: UnknownReason, prefix: String = "") {
        self.init(layer, prefix + reason.text, missing: reason.gap.map(Self.missing))
    }

    /// What is missing, in the summary's words, for a gap in the snapshot.
    static func missing(_ gap: SnapshotGap) -> String { "\(gap) (not in the snapshot)" }
}
