import PolicyLanguage
extension Snapshot {
    /// The policies of an IAM user (`arn:aws:iam::A:user/…`), role (`arn:aws:iam::A:role/…`) or
    /// assumed-role session (`arn:aws:sts::A:assumed-role/ROLE/SESSION`, matched to the role by name).
    /// Unknown, with the reason, when the account's authorization details are absent or lack the principal.
    public func principal(arn: String) -> LayerLookup<PrincipalPolicies> {
        guard let parsed = ARN(arn) else { return .unknown(reason: "`\(arn)` is not an ARN") }
        let kind: PrincipalPolicies.Kind
        let name: String
        let parts = parsed.resource.split(separator: "/", omittingEmptySubsequences: false)
        switch (parsed.service, parts.first) {
        case ("iam", "user") where parts.count >= 2:
            kind = .user
            name = String(parts[parts.count - 1])
        case ("iam", "role") where parts.count >= 2:
            kind = .role
            name = String(parts[parts.count - 1])
        case ("sts", "assumed-role") where parts.count == 3:
            kind = .role
            name = String(parts[1])
        default:
            return .unknown(reason: "`\(arn)` is not an IAM user, an IAM role or an assumed-role session")
        }
        guard let account = accounts[parsed.account] else {
            return .unknown(reason: .init("account `\(parsed.account)` is not in the snapshot", gap: .account(parsed.account)))
        }
        guard let authorization = account.authorization else {
            return .unknown(reason: .init(account.authorizationProblem, gap: .authorizationDetails(account: parsed.account)))
        }
        let entity = kind == .user ? authorization.users[name] : authorization.roles[name]
        guard let entity else {
            return .unknown(reason: "\(kind.rawValue) `\(name)` is not in the authorization details of account `\(parsed.account)`")
        }
        return .known(policies(of: entity, kind: kind, account: parsed.account, in: authorization))
    }

    /// The user or role whose unique id (`AIDA…`, `AROA…`) is `uniqueID`, in any account.
    public func principal(uniqueID: String) -> LayerLookup<PrincipalPolicies> {
        for id in accountIDs {
            guard let authorization = accounts[id]?.authorization else { continue }
            if let user = authorization.users.values.first(where: { $0.id == uniqueID }) {
                return .known(policies(of: user, kind: .user, account: id, in: authorization))
            }
            if let role = authorization.roles.values.first(where: { $0.id == uniqueID }) {
                return .known(policies(of: role, kind: .role, account: id, in: authorization))
            }
        }
        return .unknown(reason: "no user or role with id `\(uniqueID)` in the snapshot")
    }

    /// The tags of a user or role (`aws:PrincipalTag`), for any ARN `principal(arn:)` accepts.
    public func tags(ofPrincipal arn: String) -> LayerLookup<[String: String]> {
        principal(arn: arn).map(\.tags)
    }

    func policies(of entity: IAMEntity, kind: PrincipalPolicies.Kind, account: String,
        in authorization: AccountAuthorization) -> PrincipalPolicies
    {
        var result = PrincipalPolicies(arn: entity.arn, kind: kind, name: entity.name, id: entity.id, account: account,
            path: entity.path, tags: entity.tags, identity: [], boundaryArn: entity.boundaryArn, boundary: nil,
            missingIdentity: [])
        collect(entity, inline: .inline, managed: .managed, authorization, into: &result)
        result.groups = entity.groups
        result.boundaryProblem = entity.boundaryProblem
        if kind == .user {
            for groupName in entity.groups {
                guard let group = authorization.groups[groupName] else {
                    result.missingIdentity.append("group `\(groupName)`")
                    continue
                }
                collect(group, inline: .groupInline, managed: .groupManaged, authorization, into: &result)
            }
        }
        if let boundaryArn = entity.boundaryArn, let policy = authorization.managedPolicies[boundaryArn],
            let document = policy.document
        {
            result.boundary = PolicySource(id: boundaryArn, kind: .boundary, document: document, origin: policy.origin,
                name: PolicySource.managedName(boundaryArn))
        }
        return result
    }

    private func collect(_ entity: IAMEntity, inline: PolicyKind, managed: PolicyKind,
        _ authorization: AccountAuthorization, into result: inout PrincipalPolicies)
    {
        if let problem = entity.attachmentsProblem { result.unknownIdentity.append(problem) }
        for policy in entity.inline {
            let id = "\(entity.arn)#inline:\(policy.name)"
            if let problem = policy.problem {
                result.unknownIdentity.append(problem)
                continue
            }
            guard let document = policy.document else {
                result.missingIdentity.append(id)
                continue
            }
            result.identity.append(PolicySource(id: id, kind: inline, document: document, origin: policy.origin,
                name: "inline \(policy.name) of \(Self.entityKind(entity.arn)) \(entity.name)"))
        }
        for arn in entity.attached {
            if let problem = authorization.managedPolicies[arn]?.problem {
                result.unknownIdentity.append(problem)
                continue
            }
            guard let policy = authorization.managedPolicies[arn], let document = policy.document else {
                result.missingIdentity.append(arn)
                continue
            }
            result.identity.append(PolicySource(id: arn, kind: managed, document: document, origin: policy.origin,
                name: PolicySource.managedName(arn)))
        }
    }

    /// `user`, `role` or `group`, from an IAM entity's ARN.
    private static func entityKind(_ arn: String) -> String {
        ARN(arn).map { String($0.resource.prefix { $0 != "/" }) } ?? "entity"
    }
}
