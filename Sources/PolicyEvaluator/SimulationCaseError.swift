import PolicyLanguage

/// Why a simulation case could not be read: a malformed member, or a policy that does not parse.
public enum SimulationCaseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `path` names the member, e.g. `request.context.aws:TagKeys`.
    case invalid(path: String, message: String)
    case policy(PolicyParseError)

    /// The message for a terminal: member path, then the fault.
    public var description: String {
        switch self {
        case .invalid(let path, let message): return path.isEmpty ? message : "\(path): \(message)"
        case .policy(let error): return error.description
        }
    }
}
