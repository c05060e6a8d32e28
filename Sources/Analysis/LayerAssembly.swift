import PolicyEvaluator
import PolicyLanguage
import Replay
import Snapshot

/// Gathers, for one rebuilt request, the policies of every layer that applies from the snapshot and the
/// session record, adds the context the snapshot knows (principal tags, organization id, endpoint VPC), and
/// names every layer it could not know.
struct LayerAssembly {
    let request: RebuiltRequest
    let snapshot: Snapshot
    let compiler: PolicyCompiler
    /// Services resource control policies govern (the authorizer's list).
    let rcpServices: Set<String>
    var policies = LayeredPolicies()
    var context: [String: [String]]
    /// The caller's ARN for the evaluator: as the record gives it, or as the snapshot found it by unique id.
    var principalArn: String?
    /// The IAM user or role behind the caller (with its path), where an identity-based policy would be attached.
    var entityArn: String?
    /// The resources for the evaluator: as rebuilt, with an IAM role's path from the snapshot (a record names
    /// roles without it, and the path decides protections such as `/aws-service-role/`).
    var resources: [String] = []
    /// The layers the snapshot or the input cannot describe, each with the reason in words.
    var unknown: [UnknownLayer] = []
    /// The names of the policies compiled, by policy id, for results that name what denied.
    var policyNames: [String: String] = [:]

    init(request: RebuiltRequest, snapshot: Snapshot, compiler: PolicyCompiler, rcpServices: Set<String>) {
        self.request = request
        self.snapshot = snapshot
        self.compiler = compiler
        self.rcpServices = rcpServices
        context = request.context
        principalArn = request.caller.arn ?? request.caller.entityArn
        resources = request.resources.filter { $0 != "*" }.map { resource in
            guard let arn = ARN(resource), arn.service == "iam", arn.resource.hasPrefix("role/"),
                !arn.resource.dropFirst(5).contains("/"), let found = snapshot.principal(arn: resource).value
            else { return resource }
            return found.arn
        }
    }

    /// Gathers every layer; with `organizationOnly`, the SCPs and RCPs and the context alone (what judging
    /// a call that succeeded on the organization layers needs), compiling no other policy.
    mutating func assemble(service: String, organizationOnly: Bool = false) {
        let caller = request.caller
        let principalAccount = caller.account
        var principal: PrincipalPolicies?

        switch caller.kind {
        case .iamUser, .assumedRole, .federatedUser:
            // A federated user's permissions are those of the IAM user that called GetFederationToken.
            if let arn = caller.entityArn ?? caller.arn {
                switch snapshot.principal(arn: arn) {
                case .known(let found):
                    principal = found
                case .unknown(let reason):
                    unknown.append(.init(.identity, reason))
                }
            } else {
                unknown.append(.init(.identity, "the record's userIdentity names no ARN for the caller"))
            }
        case _ where caller.isAnonymous:
            // No principal: only resource-based policies that name everyone can allow it.
            principalArn = nil
        case .awsAccount:
            principal = resolveByUniqueID(caller)
        case .root:
            break
        case .awsService:
            break
        default:
            unknown.append(.init(.identity, "the caller (\(caller.kind.rawValue)) is not an IAM user or role the snapshot can describe"))
        }

        if let principal {
            entityArn = principal.arn
            // The snapshot knows the role's path, which the session ARN does not carry.
            context["aws:PrincipalArn"] = [principal.arn]
            for (key, value) in principal.tags where context["aws:PrincipalTag/\(key)"] == nil {
                context["aws:PrincipalTag/\(key)"] = [value]
            }
            if !organizationOnly {
                switch principal.identityLayer {
                case .known(let sources): policies.identity = compile(sources, layer: .identity)
                case .unknown(let reason): unknown.append(.init(.identity, reason))
                }
                switch principal.boundaryLayer {
                case .known(let source?): policies.permissionsBoundary = compile([source], layer: .permissionsBoundary)
                case .known(nil): break
                case .unknown(let reason): unknown.append(.init(.permissionsBoundary, reason))
                }
            }
        }

        if !organizationOnly { assembleSession() }

        if principalAccount == nil && caller.kind != .awsService && !caller.isAnonymous {
            unknown.append(.init(.scp, "the record does not say which account the caller belongs to"))
        }
        if let account = principalAccount, caller.kind != .awsService, !caller.isAnonymous {
            if let org = snapshot.organizationID, snapshot.organizationPath(account: account).value != nil {
                context["aws:PrincipalOrgID"] = context["aws:PrincipalOrgID"] ?? [org]
            }
            switch snapshot.serviceControlPolicies(account: account) {
            case .known(let levels): policies.scp = levels.map { compile($0, layer: .scp) ?? [] }
            case .unknown(let reason): unknown.append(.init(.scp, reason, prefix: "service control policies: "))
            }
            policies.principalInManagementAccount = snapshot.isManagementAccount(account) ?? false
        }

        let resourceAccount = request.resourceAccount
        if let resourceAccount {
            switch snapshot.resourceControlPolicies(account: resourceAccount) {
            case .known(let levels): policies.rcp = levels.map { compile($0, layer: .rcp) ?? [] }
            case .unknown(let reason):
                if rcpServices.contains(service) { unknown.append(.init(.rcp, reason, prefix: "resource control policies: ")) }
            }
            policies.resourceInManagementAccount = snapshot.isManagementAccount(resourceAccount) ?? false
        }

        if !organizationOnly { assembleResourcePolicy(service: service, principalAccount: principalAccount) }
        assembleEndpoint(compilingPolicy: !organizationOnly)
    }

    /// Where the statements of fixes go: the entity behind the caller, and the organization target of each SCP
    /// and RCP level (root, OUs, account).
    var fixTargets: FixPlanner.Targets {
        let principalPath = request.caller.account.flatMap { snapshot.organizationPath(account: $0).value } ?? []
        let resourcePath = request.resourceAccount.flatMap { snapshot.organizationPath(account: $0).value } ?? []
        return FixPlanner.Targets(principal: entityArn, scpTargets: principalPath, rcpTargets: resourcePath)
    }

    /// A caller from another account, which CloudTrail names only by its unique id (`AIDA…`, `AROA…:session`):
    /// the user or role with that id in the caller's account of the snapshot, and the ARN the evaluator sees
    /// (the session's for a role).
    private mutating func resolveByUniqueID(_ caller: CallerIdentity) -> PrincipalPolicies? {
        let account = caller.account ?? "?"
        guard let unique = caller.uniqueID else {
            unknown.append(.init(.identity, "the caller from account `\(account)` is not identified by the record (principalId `\(caller.principalId ?? "")`)"))
            return nil
        }
        guard snapshot.accountIDs.contains(account) else {
            unknown.append(.init(.identity, "the caller's account `\(account)` is not in the snapshot, so `\(unique.id)` cannot be resolved",
                missing: UnknownLayer.missing(.account(account))))
            return nil
        }
        switch snapshot.principal(uniqueID: unique.id) {
        case .known(let found) where found.account == account:
            let partition = ARN(found.arn)?.partition ?? "aws"
            switch found.kind {
            case .role:
                principalArn = "arn:\(partition):sts::\(found.account):assumed-role/\(found.name)/\(unique.session ?? found.name)"
                context["aws:PrincipalType"] = context["aws:PrincipalType"] ?? ["AssumedRole"]
            case .user:
                principalArn = found.arn
                context["aws:PrincipalType"] = context["aws:PrincipalType"] ?? ["User"]
                context["aws:username"] = context["aws:username"] ?? [found.name]
            }
            context["aws:PrincipalAccount"] = context["aws:PrincipalAccount"] ?? [found.account]
            return found
        case .known:
            unknown.append(.init(.identity, "no user or role with id `\(unique.id)` in account `\(account)` of the snapshot"))
        case .unknown(let reason):
            unknown.append(.init(.identity, reason.text + " (account `\(account)`)", missing: reason.gap.map(UnknownLayer.missing)))
        }
        return nil
    }

    /// Session policies come from the record that issued the session, never from the snapshot.
    private mutating func assembleSession() {
        if let session = request.session {
            var list: [CompiledPolicy] = []
            if let text = session.policy {
                switch compiler.compile(text: text, id: "session policy of \(session.eventName) \(session.eventID ?? "")") {
                case .success(let policy): list.append(policy)
                case .failure(let error): unknown.append(.init(.session, "session policy: \(error)"))
                }
            }
            for arn in session.policyArns {
                switch snapshot.managedPolicy(arn: arn) {
                case .known(let source):
                    list += compile([source], layer: .session) ?? []
                case .unknown(let reason):
                    unknown.append(.init(.session, reason, prefix: "managed session policy: "))
                }
            }
            if session.policy != nil || !session.policyArns.isEmpty { policies.session = list }
        } else if request.sessionUnknown {
            // Without the issuing record nobody knows whether a session policy was passed; a session policy can
            // only take permissions away, so a deny found elsewhere still stands.
            unknown.append(.init(.session, request.sessionProblem.map { $0 + ", so its session policy is unknown" }
                ?? "the session's issuing record (AssumeRole…) is not in the input, so its session policy is unknown",
                missing: request.caller.entityArn.map { "the records that issued sessions of `\($0)` (not in the input)" }))
        }
    }

    private mutating func assembleResourcePolicy(service: String, principalAccount: String?) {
        guard SnapshotAttributor.resourcePolicyServices.contains(service) else { return }
        let crossAccount = principalAccount != nil && request.resourceAccount != nil && principalAccount != request.resourceAccount
        var found: [CompiledPolicy] = []
        var anyUnknown = false
        for arn in request.resources where arn != "*" {
            switch snapshot.resourcePolicy(arn: arn) {
            case .known(let source?):
                found += compile([source], layer: .resource) ?? []
            case .known(nil):
                continue
            case .unknown(let reason):
                anyUnknown = true
                unknown.append(.init(.resource, reason, prefix: "resource policy of `\(arn)`: "))
            }
        }
        if !found.isEmpty {
            policies.resource = found
        } else if (crossAccount || request.caller.isAnonymous || isKMSKeyRequest) && !anyUnknown {
            // Across accounts, for an anonymous caller and for a KMS key the resource must allow too; no policy
            // allows nothing.
            policies.resource = []
        }
    }

    /// Whether the request is on a KMS key, which always has a key policy that must allow it.
    private var isKMSKeyRequest: Bool {
        request.resources.contains { ARN($0)?.isKMSKey ?? false }
    }

    private mutating func assembleEndpoint(compilingPolicy: Bool) {
        guard let endpoint = request.context["aws:SourceVpce"]?.first else { return }
        switch snapshot.vpcEndpoint(id: endpoint) {
        case .known(let found):
            context["aws:SourceVpc"] = context["aws:SourceVpc"] ?? [found.vpcId]
            if let policy = found.policy, compilingPolicy {
                policies.vpcEndpoint = compile([policy], layer: .vpcEndpoint)
            }
        case .unknown(let reason):
            unknown.append(.init(.vpcEndpoint, reason, prefix: "vpc endpoint `\(endpoint)`: "))
        }
    }

    /// Compiles sources; a policy that does not parse makes its layer unknown (it is reported once elsewhere).
    private mutating func compile(_ sources: [PolicySource], layer: PolicyLayer) -> [CompiledPolicy]? {
        var list: [CompiledPolicy] = []
        for source in sources {
            switch compiler.compile(source) {
            case .success(let policy):
                if layer == .resource { compiler.noteResourcePolicyProblems(policy, origin: source.origin) }
                list.append(policy)
                if let name = source.name { policyNames[source.id] = name }
            case .failure(let error):
                unknown.append(.init(layer, "\(layer) policy `\(source.id)` cannot be read: \(error.message)"))
                return nil
            }
        }
        return list
    }
}
