import PolicyLanguage

/// Decides whether a statement's Principal or NotPrincipal covers the caller.
enum PrincipalMatcher {
    /// The grant under which the statement applies to the caller, nil when it does not.
    ///
    /// A statement without a principal element applies to everyone (as in VPC endpoint policies).
    static func applies(_ element: CompiledPrincipal?, effect: Effect, scope: EvaluationScope) -> PrincipalGrant? {
        guard let element else { return .anyone }
        if !element.negated {
            var best: PrincipalGrant?
            for entry in element.entries {
                guard let grant = grant(entry, caller: scope.caller, context: scope.context) else { continue }
                if grant.isDirect { return grant }
                if best == nil || (best == .account && grant == .role) { best = grant }
            }
            return best
        }
        return excluded(by: element.entries, effect: effect, scope: scope) ? nil : .anyone
    }

    /// Whether `NotPrincipal` entries exclude the caller.
    ///
    /// For a Deny, AWS excludes a principal only when both its own ARN (the session ARN for a
    /// role session, not the role ARN) and its account are listed, and never excludes a
    /// principal that has a permissions boundary.
    static func excluded(by entries: [CompiledPrincipal.Entry], effect: Effect, scope: EvaluationScope) -> Bool {
        if entries.contains(where: { $0.entry == .anyone || $0.entry == .aws("*") }) { return true }
        if effect == .deny && scope.hasBoundary { return false }
        var selfListed = false
        var accountListed = false
        for entry in entries {
            switch grant(entry, caller: scope.caller, context: scope.context) {
            case .account?: accountListed = true
            case .role?, nil, .anyone?: break
            default: selfListed = true
            }
        }
        switch scope.caller.kind {
        case .root: return accountListed
        case .service, .anonymous: return selfListed
        default: return effect == .deny ? selfListed && accountListed : selfListed || accountListed
        }
    }

    /// How `entry` names the caller, nil when it does not.
    static func grant(_ compiled: CompiledPrincipal.Entry, caller: PrincipalIdentity, context: RequestContext) -> PrincipalGrant? {
        switch compiled.entry {
        case .anyone:
            return .anyone
        case .service(let name):
            return caller.kind == .service && caller.arn.lowercased() == name.lowercased() ? .service : nil
        case .federated(let provider):
            if caller.arn == provider { return .federated }
            if let given = context["aws:FederatedProvider"], given.contains(provider) { return .federated }
            return nil
        case .canonicalUser(let id):
            if caller.arn == id { return .canonicalUser }
            if let given = context["s3:CanonicalUser"], given.contains(id) { return .canonicalUser }
            return nil
        case .aws(let value):
            return awsGrant(value, named: compiled.named, caller: caller, context: context)
        }
    }

    static func awsGrant(_ value: String, named: PrincipalIdentity, caller: PrincipalIdentity, context: RequestContext)
        -> PrincipalGrant?
    {
        if value == "*" { return .anyone }
        switch named.kind {
        case .root:
            return caller.account != nil && caller.account == named.account ? .account : nil
        case .user:
            return caller.kind == .user && caller.arn == value ? .user : nil
        case .roleSession:
            return caller.kind == .roleSession && caller.arn == value ? .roleSession : nil
        case .federatedUser:
            return caller.kind == .federatedUser && caller.arn == value ? .federatedUser : nil
        case .role:
            guard caller.kind == .roleSession || caller.kind == .role, caller.account == named.account,
                caller.roleName == named.roleName
            else { return nil }
            if let given = context["aws:PrincipalArn"], given.count == 1, given[0].containsBytes(":role/"), given[0] != value {
                return nil
            }
            return .role
        case .service, .anonymous, .other:
            return caller.arn == value ? .user : nil
        }
    }
}
