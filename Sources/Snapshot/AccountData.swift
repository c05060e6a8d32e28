import TrailJSON

/// A resource's policy as collected: the document, or why it is unusable.
struct CollectedPolicy: Sendable, Equatable {
    /// The bucket ARN or `ResourceArn`.
    var arn: String
    /// Other ARNs naming the same resource (KMS aliases).
    var aliases: [String] = []
    /// nil with no `problem`: the file says the resource has no policy (`"Policy": null`).
    var document: JSONValue?
    var origin: String
    var problem: String?
}

/// A VPC endpoint with its policy, or why its policy could not be decoded.
struct CollectedEndpoint: Sendable, Equatable {
    var endpoint: VpcEndpoint
    var problem: String?
}

/// Everything read from `SNAPSHOT/accounts/<account-id>`. Each `…Problem` says why a part is unknown.
struct AccountData: Sendable, Equatable {
    var id: String
    var authorization: AccountAuthorization?
    var authorizationProblem: String
    var bucketPolicies: [String: CollectedPolicy] = [:]
    /// Buckets named by `s3/_buckets.json` (`aws s3api list-buckets`): proof of which buckets were collected.
    var bucketListing: Set<String>?
    var vpcEndpoints: [String: CollectedEndpoint]?
    var vpcEndpointsProblem: String
    var resourcePolicies: [String: CollectedPolicy] = [:]
    /// `resource-policies/_inventory.json`: the resources each service listed, keyed `service:region`.
    var inventory: [String: Set<String>] = [:]
}
