import PolicyLanguage
import TrailJSON

/// A state to put into a snapshot: the object, what it holds, and where that came from (for messages).
public struct PolicyObjectUpdate: Sendable, Equatable {
    public var object: PolicyObject
    public var state: PolicyObjectState
    /// The change record the state comes from, as messages name it.
    public var origin: String

    public init(object: PolicyObject, state: PolicyObjectState, origin: String) {
        self.object = object
        self.state = state
        self.origin = origin
    }
}

extension Snapshot {
    /// What the snapshot holds for `object`; nil when the snapshot does not describe it (its account, entity,
    /// bucket or policy is absent, or its document unreadable), so no change can be undone from it.
    public func state(of object: PolicyObject) -> PolicyObjectState? {
        switch object {
        case .inlinePolicy(let account, let kind, let name, let policy):
            guard let entity = entity(account, kind, name) else { return nil }
            guard let inline = entity.inline.first(where: { $0.name == policy }) else { return .document(nil) }
            return inline.document.map { .document($0) }
        case .attachments(let account, let kind, let name):
            return entity(account, kind, name).map { .members(Set($0.attached)) }
        case .boundary(let account, let kind, let name):
            return entity(account, kind, name).map { .boundary($0.boundaryArn) }
        case .trustPolicy(let account, let role):
            return entity(account, .role, role)?.trustPolicy.map { .document($0) }
        case .managedPolicy(let arn):
            guard let account = customerAccount(arn), let authorization = accounts[account]?.authorization else { return nil }
            guard let policy = authorization.managedPolicies[arn] else { return .document(nil) }
            return policy.document.map { .document($0) }
        case .bucketPolicy(let bucket):
            guard let owner = bucketOwner(bucket: bucket), let account = accounts[owner] else { return nil }
            guard let policy = account.bucketPolicies[bucket] else { return .document(nil) }
            return policy.problem == nil ? .document(policy.document) : nil
        case .organizationPolicy(let id):
            guard let organization, organization.unreadablePolicies[id] == nil else { return nil }
            guard let policy = organization.policies[id] else { return .document(nil) }
            return policy.document.map { .document($0) }
        case .organizationTargets(let id):
            guard let organization, organization.unreadableTargets[id] == nil else { return nil }
            return .members(organization.targets[id] ?? [])
        case .keyPolicy(let arn):
            // Every KMS key has a key policy: one the snapshot lacks is not known.
            guard let account = ARN(arn).flatMap({ accounts[$0.account] }), let policy = account.resourcePolicies[arn] else { return nil }
            return policy.problem == nil ? .document(policy.document) : nil
        case .resourcePolicy(let arn):
            guard let account = ARN(arn).flatMap({ accounts[$0.account] }) else { return nil }
            let key = Snapshot.storedKey(arn, in: account)
            guard let policy = account.resourcePolicies[key] else {
                // Listed by its service's inventory without a policy file: it has no policy.
                return account.inventory.values.contains { $0.contains(key) } ? .document(nil) : nil
            }
            return policy.problem == nil ? .document(policy.document) : nil
        }
    }

    /// The policy id results name `object` by (as `PolicySource.id`): `<entity-arn>#inline:<name>`, a managed
    /// policy's or SCP's ARN, `arn:aws:s3:::bucket`; for a set, the member added or removed.
    public func policyID(of object: PolicyObject, member: String? = nil) -> String {
        switch object {
        case .inlinePolicy(let account, let kind, let name, let policy):
            return (entity(account, kind, name)?.arn ?? "arn:aws:iam::\(account):\(kind.rawValue)/\(name)") + "#inline:\(policy)"
        case .attachments, .boundary:
            return member ?? object.description
        case .trustPolicy(let account, let role):
            return (entity(account, .role, role)?.arn ?? "arn:aws:iam::\(account):role/\(role)") + "#trust-policy"
        case .managedPolicy(let arn): return arn
        case .bucketPolicy(let bucket): return "arn:aws:s3:::\(bucket)"
        case .organizationPolicy(let id): return organization?.policies[id]?.arn ?? id
        case .organizationTargets(let id): return organization?.policies[id]?.arn ?? id
        case .keyPolicy(let arn), .resourcePolicy(let arn):
            return ARN(arn).flatMap { accounts[$0.account] }.map { Snapshot.storedKey(arn, in: $0) } ?? arn
        }
    }

    /// The snapshot with each update's state put in; an update to an object the snapshot does not describe
    /// (its account or entity absent) changes nothing, since what is absent is already unknown.
    public func applying(_ updates: [PolicyObjectUpdate]) -> Snapshot {
        var changed = self
        for update in updates { changed.apply(update) }
        return changed
    }

    private mutating func apply(_ update: PolicyObjectUpdate) {
        let origin = update.origin
        switch (update.object, update.state) {
        case (.inlinePolicy(let account, let kind, let name, let policy), let state):
            editEntity(account, kind, name) { entity in
                entity.inline.removeAll { $0.name == policy }
                switch state {
                case .document(let document?): entity.inline.append(InlinePolicy(name: policy, document: document, origin: origin))
                case .unknown(let reason): entity.inline.append(InlinePolicy(name: policy, document: nil, origin: origin, problem: reason))
                default: break
                }
            }
        case (.attachments(let account, let kind, let name), let state):
            editEntity(account, kind, name) { entity in
                switch state {
                case .members(let arns):
                    entity.attached = entity.attached.filter(arns.contains) + arns.subtracting(entity.attached).sorted()
                    entity.attachmentsProblem = nil
                case .unknown(let reason): entity.attachmentsProblem = reason
                default: break
                }
            }
        case (.boundary(let account, let kind, let name), let state):
            editEntity(account, kind, name) { entity in
                switch state {
                case .boundary(let arn):
                    entity.boundaryArn = arn
                    entity.boundaryProblem = nil
                case .unknown(let reason): entity.boundaryProblem = reason
                default: break
                }
            }
        case (.trustPolicy(let account, let role), let state):
            editEntity(account, .role, role) { entity in
                entity.trustPolicy = nil
                entity.trustProblem = nil
                switch state {
                case .document(let document):
                    entity.trustPolicy = document
                    entity.trustOrigin = origin
                    if document == nil { entity.trustProblem = "the trust policy of role `\(role)` was deleted" }
                case .unknown(let reason): entity.trustProblem = reason
                default: break
                }
            }
        case (.managedPolicy(let arn), let state):
            guard let account = customerAccount(arn), accounts[account]?.authorization != nil else { return }
            switch state {
            case .document(let document?):
                accounts[account]?.authorization?.managedPolicies[arn] = ManagedPolicy(arn: arn, document: document, origin: origin)
            case .document(nil):
                accounts[account]?.authorization?.managedPolicies[arn] = nil
            case .unknown(let reason):
                accounts[account]?.authorization?.managedPolicies[arn] = ManagedPolicy(arn: arn, document: nil, origin: origin,
                    problem: reason)
            default: break
            }
        case (.bucketPolicy(let bucket), let state):
            guard let owner = bucketOwner(bucket: bucket) else { return }
            let arn = "arn:aws:s3:::\(bucket)"
            switch state {
            case .document(let document?):
                accounts[owner]?.bucketPolicies[bucket] = CollectedPolicy(arn: arn, document: document, origin: origin)
            case .document(nil):
                accounts[owner]?.bucketPolicies[bucket] = nil
                accounts[owner]?.bucketListing?.insert(bucket)
                if accounts[owner]?.bucketListing == nil { accounts[owner]?.bucketListing = [bucket] }
            case .unknown(let reason):
                accounts[owner]?.bucketPolicies[bucket] = CollectedPolicy(arn: arn, document: nil, origin: origin, problem: reason)
            default: break
            }
        case (.organizationPolicy(let id), let state):
            guard organization != nil else { return }
            switch state {
            case .document(let document?):
                if organization?.policies[id] != nil {
                    organization?.policies[id]?.document = document
                    organization?.policies[id]?.origin = origin
                } else {
                    organization?.unreadablePolicies[id] = "policy `\(id)` is not in the snapshot (its type is not known)"
                }
            case .document(nil):
                organization?.policies[id] = nil
                organization?.targets[id] = []
            case .unknown(let reason):
                organization?.policies[id] = nil
                organization?.unreadablePolicies[id] = reason
            default: break
            }
        case (.keyPolicy(let named), let state), (.resourcePolicy(let named), let state):
            // A key of an account the snapshot lacks is unknown already; one it lists without a policy gets this one.
            guard let account = ARN(named)?.account, let data = accounts[account] else { return }
            let arn = Snapshot.storedKey(named, in: data)
            var policy = accounts[account]?.resourcePolicies[arn] ?? CollectedPolicy(arn: arn, origin: origin)
            switch state {
            case .document(let document):
                policy.document = document
                policy.problem = nil
            case .unknown(let reason): policy.problem = reason
            default: return
            }
            policy.origin = origin
            accounts[account]?.resourcePolicies[arn] = policy
        case (.organizationTargets(let id), let state):
            guard organization != nil else { return }
            switch state {
            case .members(let targets):
                organization?.targets[id] = targets
                organization?.unreadableTargets[id] = nil
            case .unknown(let reason):
                organization?.targets[id] = nil
                organization?.unreadableTargets[id] = reason
            default: break
            }
        }
    }

    /// The account of a customer managed policy's ARN; nil for AWS managed policies.
    private func customerAccount(_ arn: String) -> String? {
        ARN(arn).map(\.account).flatMap { Snapshot.isAccountID($0) ? $0 : nil }
    }

    private func entity(_ account: String, _ kind: PolicyObject.Entity, _ name: String) -> IAMEntity? {
        guard let authorization = accounts[account]?.authorization else { return nil }
        switch kind {
        case .user: return authorization.users[name]
        case .role: return authorization.roles[name]
        case .group: return authorization.groups[name]
        }
    }

    private mutating func editEntity(_ account: String, _ kind: PolicyObject.Entity, _ name: String,
        _ edit: (inout IAMEntity) -> Void)
    {
        guard var entity = entity(account, kind, name) else { return }
        edit(&entity)
        switch kind {
        case .user: accounts[account]?.authorization?.users[name] = entity
        case .role: accounts[account]?.authorization?.roles[name] = entity
        case .group: accounts[account]?.authorization?.groups[name] = entity
        }
    }
}

extension Snapshot {
    /// The key `resource-policies/` holds a resource's policy under: the ARN itself, or for a secret named
    /// without its random suffix (`…:secret:NAME`, as PutResourcePolicy may name it), the stored `…:secret:NAME-AbCdEf`.
    static func storedKey(_ arn: String, in account: AccountData) -> String {
        guard account.resourcePolicies[arn] == nil, arn.contains(":secretsmanager:") else { return arn }
        let known = Set(account.resourcePolicies.keys).union(account.inventory.values.joined())
        return known.filter { $0.hasPrefix(arn + "-") && $0.utf8.count == arn.utf8.count + 7 }.min() ?? arn
    }
}

extension Snapshot {
    /// The documents of every version of the customer managed policies, by policy ARN and version id: what a
    /// SetDefaultPolicyVersion to a version the archive did not create sets.
    public var managedPolicyVersions: [String: [String: JSONValue]] {
        var result: [String: [String: JSONValue]] = [:]
        for account in accounts.values {
            for policy in account.authorization?.managedPolicies.values ?? [:].values where !policy.versions.isEmpty {
                result[policy.arn] = policy.versions
            }
        }
        return result
    }
}
