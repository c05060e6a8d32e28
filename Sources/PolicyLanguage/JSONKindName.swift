import TrailJSON

extension JSONValue {
    /// The value's kind with its article (`an array`, `a string`), for messages.
    package var kindWithArticle: String {
        switch self {
        case .array, .object: return "an \(kindName)"
        default: return "a \(kindName)"
        }
    }
}
