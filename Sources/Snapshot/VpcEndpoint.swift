/// A VPC endpoint from `aws ec2 describe-vpc-endpoints`, with its endpoint policy.
public struct VpcEndpoint: Sendable, Equatable {
    public var id: String
    public var vpcId: String
    public var serviceName: String
    /// The account whose snapshot folder lists the endpoint.
    public var account: String
    /// nil for endpoint types that take no policy (AWS then applies no endpoint policy).
    public var policy: PolicySource?

    public init(id: String, vpcId: String, serviceName: String, account: String, policy: PolicySource?) {
        self.id = id
        self.vpcId = vpcId
        self.serviceName = serviceName
        self.account = account
        self.policy = policy
    }
}
