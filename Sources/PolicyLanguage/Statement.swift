/// One statement of a policy: effect, who, what, on which resources, under which conditions.
public struct Statement: Sendable, Equatable {
    /// Position in the policy's statement list, from 0.
    public var index: Int
    /// The optional statement id.
    public var sid: String?
    /// Allow or Deny.
    public var effect: Effect
    /// Present in resource-based, endpoint and resource control policies.
    public var principal: PrincipalElement?
    /// Action or NotAction.
    public var action: ActionElement
    /// Absent when the statement names no resource (as SCPs may); it then covers every resource.
    public var resource: ResourceElement?
    /// All must hold (AND across operators and keys).
    public var conditions: [Condition]

    public init(
        index: Int, sid: String?, effect: Effect, principal: PrincipalElement?, action: ActionElement,
        resource: ResourceElement?, conditions: [Condition]
    ) {
        self.index = index
        self.sid = sid
        self.effect = effect
        self.principal = principal
        self.action = action
        self.resource = resource
        self.conditions = conditions
    }

    /// The Sid when it has one, otherwise its position, e.g. `Statement[2]`.
    public var label: String {
        if let sid, !sid.isEmpty { return sid }
        return "Statement[\(index)]"
    }
}
