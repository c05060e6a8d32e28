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
    /// The layers the snapshot or the input cannot describe, each with the reason in words.
    var unknown: [(layer: PolicyLayer, reason: String)] = []

    init(request: RebuiltRequest, snapshot: Snapshot, compiler: PolicyCompiler, rcpServices: Set<String>) {
        self.request = request
        self.snapshot = snapshot
        self.compiler = compiler
        self.rcpServices = rcpServices
        context = request.context
        principalArn = request.caller.arn ?? request.caller.entityArn
    }

    mutating func assemble(service: String) {
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
                    unknown.append((.identity, reason))
                }
            } else {
                unknown.append((.identity, "the record's userIdentity names no ARN for the caller"))
            }
        case .awsAccount:
            // A caller from another account: CloudTrail gives only its unique id (AIDA…, AROA…:session).
            if let id = caller.principalId?.split(separator: ":").first.map(String.init), id.hasPrefix("A") {
                switch snapshot.principal(uniqueID: id) {
                case .known(let found):
                    principal = found
                    principalArn = found.arn
                    context["aws:PrincipalAccount"] = context["aws:PrincipalAccount"] ?? [found.account]
                case .unknown(let reason):
                    unknown.append((.identity, reason))
                }
            } else {
                unknown.append((.identity, "the caller from account \(caller.account ?? "?") is not identified by the record"))
            }
        case .root:
            break
        case .awsService:
            break
        default:
            unknown.append((.identity, "the caller (\(caller.kind.rawValue)) is not an IAM user or role the snapshot can describe"))
        }

        if let principal {
            // The snapshot knows the role's path, which the session ARN does not carry.
            context["aws:PrincipalArn"] = [principal.arn]
            for (key, value) in principal.tags where context["aws:PrincipalTag/\(key)"] == nil {
                context["aws:PrincipalTag/\(key)"] = [value]
            }
            switch principal.identityLayer {
            case .known(let sources): policies.identity = compile(sources, layer: .identity)
            case .unknown(let reason): unknown.append((.identity, reason))
            }
            switch principal.boundaryLayer {
            case .known(let source?): policies.permissionsBoundary = compile([source], layer: .permissionsBoundary)
            case .known(nil): break
            case .unknown(let reason): unknown.append((.permissionsBoundary, reason))
            }
        }

        assembleSession()

        if principalAccount == nil && caller.kind != .awsService {
            unknown.append((.scp, "the record does not say which account the caller belongs to"))
        }
        if let account = principalAccount, caller.kind != .awsService {
            if let org = snapshot.organizationID, snapshot.organizationPath(account: account).value != nil {
                context["aws:PrincipalOrgID"] = context["aws:PrincipalOrgID"] ?? [org]
            }
            switch snapshot.serviceControlPolicies(account: account) {
            case .known(let levels): policies.scp = levels.map { compile($0, layer: .scp) ?? [] }
            case .unknown(let reason): unknown.append((.scp, "service control policies: " + reason))
            }
            policies.principalInManagementAccount = snapshot.isManagementAccount(account) ?? false
        }

        let resourceAccount = request.resourceAccount
        if let resourceAccount {
            switch snapshot.resourceControlPolicies(account: resourceAccount) {
            case .known(let levels): policies.rcp = levels.map { compile($0, layer: .rcp) ?? [] }
            case .unknown(let reason):
                if rcpServices.contains(service) { unknown.append((.rcp, "resource control policies: " + reason)) }
            }
            policies.resourceInManagementAccount = snapshot.isManagementAccount(resourceAccount) ?? false
        }

        assembleResourcePolicy(service: service, principalAccount: principalAccount)
        assembleEndpoint()
    }

    /// Session policies come from the record that issued the session, never from the snapshot.
    private mutating func assembleSession() {
        if let session = request.session {
            var list: [CompiledPolicy] = []
            if let text = session.policy {
                switch compiler.compile(text: text, id: "session policy of \(session.eventName) \(session.eventID ?? "")") {
                case .success(let policy): list.append(policy)
                case .failure(let error): unknown.append((.session, "session policy: \(error)"))
                }
            }
            for arn in session.policyArns {
                switch snapshot.managedPolicy(arn: arn) {
                case .known(let source):
                    list += compile([source], layer: .session) ?? []
                case .unknown(let reason):
                    unknown.append((.session, "managed session policy: " + reason))
                }
            }
            if session.policy != nil || !session.policyArns.isEmpty { policies.session = list }
        } else if request.sessionUnknown {
            // Without the issuing record nobody knows whether a session policy was passed; a session policy can
            // only take permissions away, so a deny found elsewhere still stands.
            unknown.append((.session, "the session's issuing record (AssumeRole…) is not in the input, so its session policy is unknown"))
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
                unknown.append((.resource, "resource policy of `\(arn)`: " + reason))
            }
        }
        if !found.isEmpty {
            policies.resource = found
        } else if crossAccount && !anyUnknown {
            // Across accounts the resource must allow too; no policy allows nothing.
            policies.resource = []
        }
    }

    private mutating func assembleEndpoint() {
        guard let endpoint = request.context["aws:SourceVpce"]?.first else { return }
        switch snapshot.vpcEndpoint(id: endpoint) {
        case .known(let found):
            context["aws:SourceVpc"] = context["aws:SourceVpc"] ?? [found.vpcId]
            if let policy = found.policy {
                policies.vpcEndpoint = compile([policy], layer: .vpcEndpoint)
            }
        case .unknown(let reason):
            unknown.append((.vpcEndpoint, "vpc endpoint `\(endpoint)`: " + reason))
        }
    }

    /// Compiles sources; a policy that does not parse makes its layer unknown (it is reported once elsewhere).
    private mutating func compile(_ sources: [PolicySource], layer: PolicyLayer) -> [CompiledPolicy]? {
        var list: [CompiledPolicy] = []
        for source in sources {
            switch compiler.compile(source) {
            case .success(let policy): list.append(policy)
            case .failure(let error):
                unknown.append((layer, "\(layer) policy `\(source.id)` cannot be read: \(error.message)"))
                return nil
            }
        }
        return list
    }
}
