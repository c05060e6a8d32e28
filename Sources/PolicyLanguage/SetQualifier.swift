/// How a condition treats a multivalued request key.
public enum SetQualifier: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Every request value must match; true when the key is missing or empty.
    case forAllValues = "ForAllValues"
    /// At least one request value must match; false when the key is missing or empty.
    case forAnyValue = "ForAnyValue"
}
