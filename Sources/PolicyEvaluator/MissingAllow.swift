import PolicyLanguage
/// A layer whose Allow the request needed and did not get.
public struct MissingAllow: Sendable, Equatable {
    /// The layer that gave no Allow.
    public var layer: PolicyLayer
    /// The organization level (0 = root) for `scp` and `rcp`.
    public var level: Int?
    /// Why the layer's Allow was needed or why what it allowed did not count.
    public var detail: String

    public init(layer: PolicyLayer, level: Int? = nil, detail: String) {
        self.layer = layer
        self.level = level
        self.detail = detail
    }
}
