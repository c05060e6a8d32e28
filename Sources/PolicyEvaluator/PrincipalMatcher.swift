import PolicyLanguage

/// Decides whether a statement's Principal or NotPrincipal covers the caller.
enum PrincipalMatcher {
    /// The grant under which the statement applies to the caller, nil when it does not.
    ///
    /// A statement without a principal element applies to everyone (as in VPC endpoint policies); the
    /// resource layer, where such a statement is invalid, never asks.
    static func applies(_ element: CompiledPrincipal?, scope: EvaluationScope) -> PrincipalGrant? {
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
        return excluded(by: element.entries, scope: scope) ? nil : .anyone
    }

    /// Whether `NotPrincipal` entries exclude the caller from a Deny.
    ///
    /// AWS checks the account, then the role, then the session (or the account, then the user),
    /// so a caller is excluded only when every link of that chain is listed: a role ARN alone
    /// does not exclude its sessions. A caller with a permissions boundary is never excluded.
    static func excluded(by entries: [CompiledPrincipal.Entry], scope: EvaluationScope) -> Bool {
        if entries.contains(where: { $0.entry == .anyone || $0.entry == .aws("*") }) { return true }
        if scope.hasBoundary { return false }
        var grants = Set<PrincipalGrant>()
        for entry in entries {
            if let grant = grant(entry, caller: scope.caller, context: scope.context) { grants.insert(grant) }
        }
        switch scope.caller.kind {
        case .root: return grants.contains(.account)
        case .user: return grants.contains(.account) && grants.contains(.user)
        case .roleSession: return grants.contains(.account) && grants.contains(.role) && grants.contains(.roleSession)
        case .role: return grants.contains(.account) && grants.contains(.role)
        case .federatedUser: return grants.contains(.account) && grants.contains(.federatedUser)
        case .service: return grants.contains(.service)
        case .anonymous, .other: return !grants.isEmpty
        }
    }

    /// How `entry` names the caller, nil when it does not.
    static func grant(_ compiled: CompiledPrincipal.Entry, caller: PrincipalIdentity, context: RequestContext) -> PrincipalGrant? {
        // Only `"Principal": "*"` and `{"AWS": "*"}` name an anonymous caller.
        if caller.kind == .anonymous {
            return compiled.entry == .anyone || compiled.entry == .aws("*") ? .anyone : nil
        }
        switch compiled.entry {
        case .anyone:
            return .anyone
        case .service(let name):
            return caller.kind == .service && caller.arn.lowercased() == name.lowercased() ? .service : nil
        case .federated(let provider):
            if caller.arn == provider { return .federated }
            if let given = context.values(.federatedProvider), given.contains(provider) { return .federated }
            return nil
        case .canonicalUser(let id):
            if caller.arn == id { return .canonicalUser }
            if let given = context.values(.canonicalUser), given.contains(id) { return .canonicalUser }
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
            if let given = context.values(.principalArn), given.count == 1, given[0].containsBytes(":role/"), given[0] != value {
                return nil
            }
            return .role
        case .service, .anonymous, .other:
            return caller.arn == value ? .user : nil
        }
    }
}
