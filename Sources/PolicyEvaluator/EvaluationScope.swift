import PolicyLanguage

/// What every statement of one evaluation is matched against: the request with its
/// implied keys, the caller, and the resource under consideration.
struct EvaluationScope {
    let context: RequestContext
    let caller: PrincipalIdentity
    /// The action, ASCII-lowercased.
    let action: String
    /// The action's bytes and hashes for the action index.
    let actionKey: ActionKey
    /// The action as the request spelled it, for messages.
    let requestedAction: String
    /// The action's service prefix, ASCII-lowercased.
    let service: String
    /// The resource ARN, or `*` for an action without one.
    var resource: String
    /// Whether the caller has a permissions boundary (it changes how `NotPrincipal` denies).
    let hasBoundary: Bool
}
