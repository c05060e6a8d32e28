/// Why a policy document could not be read: which policy, which element, what is wrong.
///
/// The element path (`Statement[2].Condition.StringEqulas`) lets a reader find the fault
/// without re-reading the whole document.
public struct PolicyParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The identifier the caller gave the policy (an ARN, a file path, a layer position).
    public var policy: String
    /// The path of the offending element, empty when the fault is in the document as a whole.
    public var element: String
    /// A lowercase explanation, user input in backticks.
    public var message: String

    public init(policy: String, element: String, message: String) {
        self.policy = policy
        self.element = element
        self.message = message
    }

    /// The message for a terminal: policy, element, then the fault.
    public var description: String {
        element.isEmpty ? "policy `\(policy)`: \(message)" : "policy `\(policy)`: \(element): \(message)"
    }
}
