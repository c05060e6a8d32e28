/// The policy layers AWS evaluates, spelled as TrailReplay's output tokens.
public enum PolicyLayerToken: String, Sendable, CaseIterable, Codable {
    case identity
    case resource
    case permissionsBoundary = "permissions-boundary"
    case session
    case scp
    case rcp
    case vpcEndpoint = "vpc-endpoint"
}
