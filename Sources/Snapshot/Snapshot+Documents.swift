import TrailJSON

extension Snapshot {
    /// Every policy document the snapshot holds, with where it was read, in a stable order: identity
    /// policies, trust policies, bucket and resource policies, endpoint policies, then SCPs and RCPs.
    /// Documents that could not be decoded are not here; loading diagnosed them.
    public var policyDocuments: [PolicySource] {
        var result: [PolicySource] = []
        for account in accountIDs {
            guard let data = accounts[account] else { continue }
            if let authorization = data.authorization {
                for entities in [authorization.users, authorization.groups, authorization.roles] {
                    for entity in entities.values.sorted(by: { $0.arn < $1.arn }) {
                        for inline in entity.inline {
                            guard let document = inline.document else { continue }
                            result.append(PolicySource(id: entity.arn + "#inline:" + inline.name, kind: .inline,
                                document: document, origin: inline.origin))
                        }
                        if let trust = entity.trustPolicy {
                            result.append(PolicySource(id: entity.arn, kind: .resource, document: trust, origin: entity.trustOrigin))
                        }
                    }
                }
                for policy in authorization.managedPolicies.values.sorted(by: { $0.arn < $1.arn }) {
                    guard let document = policy.document else { continue }
                    result.append(PolicySource(id: policy.arn, kind: .managed, document: document, origin: policy.origin))
                }
            }
            for (kind, policies) in [(PolicyKind.bucket, data.bucketPolicies), (.resource, data.resourcePolicies)] {
                for policy in policies.values.sorted(by: { $0.arn < $1.arn }) {
                    guard let document = policy.document else { continue }
                    result.append(PolicySource(id: policy.arn, kind: kind, document: document, origin: policy.origin))
                }
            }
            for endpoint in (data.vpcEndpoints ?? [:]).values.sorted(by: { $0.endpoint.id < $1.endpoint.id }) {
                if let policy = endpoint.endpoint.policy { result.append(policy) }
            }
        }
        for policy in (organization?.policies ?? [:]).values.sorted(by: { $0.id < $1.id }) {
            guard let document = policy.document else { continue }
            result.append(PolicySource(id: policy.arn, kind: policy.type == OrganizationPolicyType.rcp.rawValue ? .rcp : .scp,
                document: document, origin: policy.origin, name: policy.name))
        }
        return result
    }
}
