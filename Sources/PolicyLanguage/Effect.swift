/// Whether a statement grants or forbids what it matches.
public enum Effect: String, Sendable, Equatable, Hashable {
    case allow = "Allow"
    case deny = "Deny"
}
