import PolicyLanguage
import Replay
import Snapshot

/// What a call consults, to tell which changes concern it: its user or role and that user's groups, the
/// managed policies attached to them, the buckets and roles it names, and the organization nodes above its
/// accounts.
struct CallScope {
    var entities: Set<PolicyObject> = []
    var managed: Set<String> = []
    var buckets: Set<String> = []
    var roles: Set<PolicyObject> = []
    var nodes: Set<String> = []
    var keys: Set<String> = []
    /// Other resources with policies in `resource-policies/` (SQS, SNS, ECR, Secrets Manager, Lambda), by ARN as
    /// the record and the snapshot name them, and a secret's ARN without its random suffix.
    var resources: Set<String> = []
    static let resourcePolicyServices: Set<String> = ["sqs", "sns", "ecr", "secretsmanager", "lambda"]
    /// The snapshot and the one of the call's time, where an SCP's or RCP's targets are looked up.
    private(set) var snapshots: [Snapshot] = []

    /// The scope of `request` in `snapshot`, whose caller's part (`caller`) is already worked out there.
    init(_ request: RebuiltRequest, in snapshot: Snapshot, caller: Caller) {
        managed.formUnion(request.session?.policyArns ?? [])
        for resource in request.resources {
            guard let arn = ARN(resource) else { continue }
            if arn.service == "s3" { buckets.insert(String(arn.resource.prefix { $0 != "/" })) }
            if arn.isKMSKey { keys.insert(resource) }
            if CallScope.resourcePolicyServices.contains(arn.service) {
                resources.insert(resource)
                resources.insert(PolicyChange.secretWithoutSuffix(resource))
            }
            if arn.service == "iam", arn.resource.hasPrefix("role/"), let name = arn.resource.split(separator: "/").last {
                roles.insert(.trustPolicy(account: arn.account, role: String(name)))
            }
        }
        add(snapshot, for: request, caller: caller)
    }

    /// Adds what the call consults in `snapshot`: its user or role there, with the groups, managed policies and
    /// boundary attached, the organization nodes above its accounts, and the names its resources' policies have.
    /// `caller`, when given, is the caller's part already worked out in `snapshot`.
    mutating func add(_ snapshot: Snapshot, for request: RebuiltRequest, caller known: Caller? = nil) {
        snapshots.append(snapshot)
        let caller = known ?? Caller(request, in: snapshot)
        entities.formUnion(caller.entities)
        managed.formUnion(caller.managed)
        nodes.formUnion(caller.nodes)
        for resource in request.resources {
            guard let arn = ARN(resource), CallScope.resourcePolicyServices.contains(arn.service),
                let stored = snapshot.resourcePolicy(arn: resource).value??.id
            else { continue }
            resources.insert(stored)
            resources.insert(PolicyChange.secretWithoutSuffix(stored))
        }
    }

    /// What an entry's object is looked up by: the user, group or role an inline policy, attachment or boundary
    /// belongs to, a managed policy, a bucket, a key or a role's trust policy; nil for the organization's.
    enum Route: Hashable {
        case entity(account: String, kind: PolicyObject.Entity, name: String)
        case other(PolicyObject)

        init?(_ object: PolicyObject) {
            switch object {
            case .inlinePolicy(let account, let kind, let name, _), .attachments(let account, let kind, let name),
                .boundary(let account, let kind, let name):
                self = .entity(account: account, kind: kind, name: name)
            case .trustPolicy, .managedPolicy, .bucketPolicy, .keyPolicy, .resourcePolicy: self = .other(object)
            case .organizationTargets, .organizationPolicy: return nil
            }
        }
    }

    /// What a caller consults in one snapshot, whatever the call: the user or role with its groups (their
    /// attachments), the managed policies and boundary attached, and the organization nodes above the caller's
    /// account and the resource's. Calls of one caller share it.
    struct Caller {
        var entities: Set<PolicyObject> = []
        var managed: Set<String> = []
        var nodes: Set<String> = []

        /// What `Caller` depends on: the caller's ARN and the two accounts.
        struct Key: Hashable {
            var arn: String?
            var account: String?
            var resourceAccount: String?

            init(_ request: RebuiltRequest) {
                arn = request.caller.entityArn ?? request.caller.arn
                account = request.caller.account
                resourceAccount = request.resourceAccount
            }
        }

        init(_ request: RebuiltRequest, in snapshot: Snapshot) {
            let caller = request.caller
            if let arn = caller.entityArn ?? caller.arn, let principal = snapshot.principal(arn: arn).value {
                let kind: PolicyObject.Entity = principal.kind == .user ? .user : .role
                entities.insert(.attachments(account: principal.account, entity: kind, name: principal.name))
                for group in principal.groups {
                    entities.insert(.attachments(account: principal.account, entity: .group, name: group))
                }
                managed.formUnion(principal.identity.map(\.id))
                managed.formUnion(principal.missingIdentity)
                if let boundary = principal.boundaryArn { managed.insert(boundary) }
            }
            for account in [caller.account, request.resourceAccount].compactMap({ $0 }) {
                nodes.formUnion(snapshot.organizationPath(account: account).value ?? [account])
            }
        }
    }

    /// Whether a change of `object` can change what a call consults, so that the scope must be worked out again
    /// in the snapshot of the call's time: the managed policies attached to a user, group or role, a boundary, an
    /// SCP's or RCP's targets, and (to be safe) a resource's policy, whose id the snapshot may store apart. A
    /// document's content changes what the call is allowed, not what it consults; group membership and the
    /// organization tree are not in the history.
    static func widens(_ object: PolicyObject) -> Bool {
        switch object {
        case .attachments, .boundary, .organizationTargets, .resourcePolicy: return true
        case .inlinePolicy, .trustPolicy, .managedPolicy, .bucketPolicy, .keyPolicy, .organizationPolicy: return false
        }
    }

    /// The routes of the objects the call consults (as `concerns` tests them, the organization's aside).
    var routes: [Route] {
        var routes: [Route] = []
        for case .attachments(let account, let kind, let name) in entities {
            routes.append(.entity(account: account, kind: kind, name: name))
        }
        routes += managed.map { .other(.managedPolicy(arn: $0)) }
        routes += buckets.map { .other(.bucketPolicy(bucket: $0)) }
        routes += keys.map { .other(.keyPolicy(arn: $0)) }
        routes += resources.map { .other(.resourcePolicy(arn: $0)) }
        routes += roles.map { .other($0) }
        return routes
    }

    /// Whether a change of `object` (attaching or detaching `member`, for a set) concerns the call.
    func concerns(_ object: PolicyObject, member: String?) -> Bool {
        switch object {
        case .inlinePolicy(let account, let kind, let name, _), .attachments(let account, let kind, let name),
            .boundary(let account, let kind, let name):
            return entities.contains(.attachments(account: account, entity: kind, name: name))
        case .trustPolicy: return roles.contains(object)
        case .managedPolicy(let arn): return managed.contains(arn)
        case .bucketPolicy(let bucket): return buckets.contains(bucket)
        case .keyPolicy(let arn): return keys.contains(arn)
        case .resourcePolicy(let arn): return resources.contains(arn)
        case .organizationTargets:
            return member.map(nodes.contains) ?? false
        case .organizationPolicy(let id):
            return snapshots.contains { snapshot in
                if case .members(let targets)? = snapshot.state(of: .organizationTargets(id: id)) {
                    return !targets.isDisjoint(with: nodes)
                }
                return false
            }
        }
    }
}
