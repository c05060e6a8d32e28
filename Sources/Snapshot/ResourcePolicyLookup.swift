import PolicyLanguage
extension Snapshot {
    /// The resource-based policy of `arn`. For S3, `arn:aws:s3:::bucket` and `arn:aws:s3:::bucket/key`
    /// give the bucket policy; other resources match `ResourceArn` exactly (KMS also by alias ARN,
    /// Secrets Manager also without the random suffix). `.known(nil)` only when a collector listing
    /// proves the resource exists without a policy; otherwise absent data is unknown.
    public func resourcePolicy(arn: String) -> LayerLookup<PolicySource?> {
        guard let parsed = ARN(arn) else { return .unknown(reason: "`\(arn)` is not an ARN") }
        if parsed.service == "s3" && parsed.account.isEmpty && parsed.region.isEmpty {
            let bucket = String(parsed.resource.prefix { $0 != "/" })
            return bucketPolicy(bucket: bucket)
        }
        if parsed.service == "iam" && parsed.resource.hasPrefix("role/") {
            return trustPolicy(roleArn: arn, parsed: parsed)
        }
        for id in accountIDs {
            guard let account = accounts[id] else { continue }
            if let match = account.resourcePolicies[arn] ?? alias(arn, in: account) {
                return lookup(match, kind: .resource)
            }
        }
        guard let account = accounts[parsed.account] else {
            return .unknown(reason: .init("no resource policy for `\(arn)`: account `\(parsed.account)` is not in the snapshot",
                gap: .account(parsed.account)))
        }
        guard let listed = account.inventory[parsed.service + ":" + parsed.region] else {
            return .unknown(reason: .init("no resource policy for `\(arn)` in the snapshot, and no listing of "
                + "`\(parsed.service)` in `\(parsed.region)` for account `\(parsed.account)`",
                gap: .listing(service: parsed.service, region: parsed.region, account: parsed.account)))
        }
        guard listed.contains(arn) || listed.contains(where: { Self.isSecret($0, namedBy: arn) }) else {
            return .unknown(reason: "`\(arn)` is not among the `\(parsed.service)` resources listed for account `\(parsed.account)`")
        }
        return .known(nil)
    }

    /// The account whose folder holds the bucket's policy or lists the bucket in `s3/_buckets.json`.
    public func bucketOwner(bucket: String) -> String? {
        accountIDs.first { accounts[$0]?.bucketPolicies[bucket] != nil }
            ?? accountIDs.first { accounts[$0]?.bucketListing?.contains(bucket) == true }
    }

    func bucketPolicy(bucket: String) -> LayerLookup<PolicySource?> {
        guard let owner = bucketOwner(bucket: bucket), let account = accounts[owner] else {
            return .unknown(reason: .init("bucket `\(bucket)` is not in the snapshot: no `s3/\(bucket).json` "
                + "and no `s3/_buckets.json` listing it", gap: .bucket(bucket)))
        }
        guard let policy = account.bucketPolicies[bucket] else { return .known(nil) }
        return lookup(policy, kind: .bucket)
    }

    private func lookup(_ policy: CollectedPolicy, kind: PolicyKind) -> LayerLookup<PolicySource?> {
        if let problem = policy.problem { return .unknown(reason: .init(problem)) }
        guard let document = policy.document else { return .known(nil) }
        return .known(PolicySource(id: policy.arn, kind: kind, document: document, origin: policy.origin))
    }

    /// A KMS alias ARN, or a Secrets Manager ARN without its six-character suffix, naming a collected resource.
    private func alias(_ arn: String, in account: AccountData) -> CollectedPolicy? {
        if let byAlias = account.resourcePolicies.values.first(where: { $0.aliases.contains(arn) }) { return byAlias }
        return account.resourcePolicies.values.first { Self.isSecret($0.arn, namedBy: arn) }
    }

    /// Whether `requested` is the partial ARN of the secret `full` (its ARN without `-` and six random characters).
    static func isSecret(_ full: String, namedBy requested: String) -> Bool {
        requested.contains(":secretsmanager:") && full.hasPrefix(requested + "-")
            && full.utf8.count == requested.utf8.count + 7
    }

    /// A role's trust policy, the resource policy that `sts:AssumeRole*` is evaluated against.
    func trustPolicy(roleArn arn: String, parsed: ARN) -> LayerLookup<PolicySource?> {
        guard let authorization = accounts[parsed.account]?.authorization else {
            return .unknown(reason: .init("no authorization details for account `\(parsed.account)`, so the trust policy of `\(arn)` is unknown",
                gap: accounts[parsed.account] == nil ? .account(parsed.account) : .authorizationDetails(account: parsed.account)))
        }
        let name = String(parsed.resource.split(separator: "/").last ?? "")
        guard let role = authorization.roles.values.first(where: { $0.arn == arn || $0.name == name }) else {
            return .unknown(reason: "role `\(arn)` is not in the snapshot")
        }
        if let problem = role.trustProblem { return .unknown(reason: .init(problem)) }
        guard let document = role.trustPolicy else {
            return .unknown(reason: "the trust policy of `\(arn)` is missing or unreadable")
        }
        return .known(PolicySource(id: role.arn + "#trust-policy", kind: .resource, document: document, origin: role.trustOrigin))
    }
}
