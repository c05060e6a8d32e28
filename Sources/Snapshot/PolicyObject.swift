import TrailJSON

/// One thing in a snapshot that a policy change sets as a whole: the history of the snapshot keeps a timeline
/// of each (PolicyHistory), and `Snapshot.applying(_:)` puts a state of it back.
public enum PolicyObject: Hashable, Sendable, CustomStringConvertible {
    /// The IAM entity kinds that hold inline policies, attachments and boundaries.
    public enum Entity: String, Hashable, Sendable {
        case user
        case role
        case group
    }

    case inlinePolicy(account: String, entity: Entity, name: String, policy: String)
    /// The managed policies attached to a user, role or group.
    case attachments(account: String, entity: Entity, name: String)
    case boundary(account: String, entity: Entity, name: String)
    case trustPolicy(account: String, role: String)
    /// A customer managed policy's default version document.
    case managedPolicy(arn: String)
    case bucketPolicy(bucket: String)
    /// An SCP's or RCP's content, by policy id (`p-…`).
    case organizationPolicy(id: String)
    /// The roots, OUs and accounts an SCP or RCP is attached to.
    case organizationTargets(id: String)
    /// A KMS key's policy, by key ARN.
    case keyPolicy(arn: String)
    /// Another resource's policy as `resource-policies/` holds it (an SQS queue, SNS topic, ECR repository,
    /// secret or Lambda function), by the resource's ARN.
    case resourcePolicy(arn: String)

    public var description: String {
        switch self {
        case .inlinePolicy(let account, let entity, let name, let policy):
            return "inline policy `\(policy)` of \(entity.rawValue) `\(name)` (account \(account))"
        case .attachments(let account, let entity, let name):
            return "the managed policies attached to \(entity.rawValue) `\(name)` (account \(account))"
        case .boundary(let account, let entity, let name):
            return "the permissions boundary of \(entity.rawValue) `\(name)` (account \(account))"
        case .trustPolicy(let account, let role): return "the trust policy of role `\(role)` (account \(account))"
        case .managedPolicy(let arn): return "the default version of managed policy `\(arn)`"
        case .bucketPolicy(let bucket): return "the bucket policy of `\(bucket)`"
        case .organizationPolicy(let id): return "the content of organization policy `\(id)`"
        case .organizationTargets(let id): return "the targets of organization policy `\(id)`"
        case .resourcePolicy(let arn): return "the resource policy of `\(arn)`"
        case .keyPolicy(let arn): return "the key policy of `\(arn)`"
        }
    }
}

/// What a policy object holds at one time.
public enum PolicyObjectState: Equatable, Sendable {
    /// A document (inline, managed, trust, bucket, organization policy); nil when there is none (deleted).
    case document(JSONValue?)
    /// The members of a set: attached policy ARNs, or an organization policy's target ids.
    case members(Set<String>)
    /// A permissions boundary's ARN; nil when none is set.
    case boundary(String?)
    /// Not known, with the reason in words (naming the change that made it so).
    case unknown(String)
}
