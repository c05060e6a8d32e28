/// The request to decide: who calls, which action, on which resources, with what context.
public struct Request: Sendable, Equatable {
    /// The caller's ARN (user, assumed-role session, root, federated user) or a service
    /// principal such as `cloudtrail.amazonaws.com`; nil for an anonymous request.
    public var principal: String?
    /// `service:Action`, matched case-insensitively.
    public var action: String
    /// The resource ARNs; empty when the action takes no resource (matched as `*`).
    public var resources: [String]
    /// The account that owns the resource, when known; decides same- vs cross-account.
    public var resourceAccount: String?
    /// The condition keys the request carries; implied keys are added at evaluation.
    public var context: RequestContext

    public init(
        principal: String?, action: String, resources: [String] = [], resourceAccount: String? = nil,
        context: RequestContext = RequestContext()
    ) {
        self.principal = principal
        self.action = action
        self.resources = resources
        self.resourceAccount = resourceAccount
        self.context = context
    }
}
