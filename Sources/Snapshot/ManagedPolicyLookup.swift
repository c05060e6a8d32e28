import PolicyLanguage
extension Snapshot {
    /// A managed policy's default version by ARN, as passed for example as a managed session policy.
    /// Customer-managed policies are looked up in their account; AWS-managed ones in any account that listed them.
    public func managedPolicy(arn: String) -> LayerLookup<PolicySource> {
        guard let parsed = ARN(arn), parsed.service == "iam", parsed.resource.hasPrefix("policy/") else {
            return .unknown(reason: "`\(arn)` is not a managed policy ARN")
        }
        let owner = parsed.account
        let candidates = owner == "aws" ? accounts.keys.sorted() : [owner]
        for account in candidates {
            guard let policy = accounts[account]?.authorization?.managedPolicies[arn] else { continue }
            if let problem = policy.problem { return .unknown(reason: .init(problem)) }
            guard let document = policy.document else {
                return .unknown(reason: "managed policy `\(arn)` could not be read from \(policy.origin)")
            }
            return .known(PolicySource(id: arn, kind: .managed, document: document, origin: policy.origin,
                name: PolicySource.managedName(arn)))
        }
        return .unknown(reason: "managed policy `\(arn)` is not in the snapshot")
    }
}
