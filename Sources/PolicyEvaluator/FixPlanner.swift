import PolicyLanguage
import TrailJSON

/// Turns a denied request's decision into the changes that would let it through: for every missing Allow the
/// least-privilege statement to add and where, for every denying statement the condition the call would have to
/// meet, or else the edit (an exemption for this caller) or removal of the statement. Pure; a condition to meet
/// is proposed only once re-evaluating the request with it shows that statement no longer denies.
public struct FixPlanner: Sendable {
    /// Where new statements go, when the caller knows better than the request does.
    public struct Targets: Sendable, Equatable {
        /// The IAM user or role an identity-based policy is attached to (the role, for a role session).
        public var principal: String?
        /// The organization target (root, OU or account id) of each SCP level, from the root down.
        public var scpTargets: [String]
        /// The organization target of each RCP level.
        public var rcpTargets: [String]

        public init(principal: String? = nil, scpTargets: [String] = [], rcpTargets: [String] = []) {
            self.principal = principal
            self.scpTargets = scpTargets
            self.rcpTargets = rcpTargets
        }
    }

    let authorizer: Authorizer

    public init(authorizer: Authorizer = Authorizer()) {
        self.authorizer = authorizer
    }

    /// The fixes for `decision` on `request` under `policies`; none for an allow, nor for a request no policy can
    /// allow (a protected resource), since no change of policy helps there.
    public func fixes(request: Request, policies: LayeredPolicies, decision: Decision, targets: Targets = Targets()) -> [Fix] {
        guard decision.decision != .allow, !decision.rules.contains(where: \.denies) else { return [] }
        let call = Call(request: request, targets: targets)
        var fixes: [Fix] = []
        var seen = Set<String>()
        for deny in decision.denies where seen.insert("\(deny.layer.rawValue)|\(deny.level ?? -1)|\(deny.policy)|\(deny.statementIndex)").inserted {
            guard let statement = policies.statement(of: deny) else { continue }
            fixes.append(fix(for: deny, statement: statement, call: call, policies: policies))
        }
        for missing in decision.missingAllows {
            fixes.append(fix(for: missing, call: call, policies: policies))
        }
        return fixes
    }

    // MARK: - Explicit denies

    func fix(for deny: DenyReason, statement: Statement, call: Call, policies: LayeredPolicies) -> Fix {
        let target = Fix.Target(policy: deny.policy, index: deny.statementIndex, label: statement.label)
        if let met = meet(deny, statement: statement, target: target, call: call, policies: policies) { return met }
        // Exempting the caller by name makes sense in a policy that also governs others: resource and
        // organization policies, managed policies; in an inline or session policy of the caller it is removal.
        let shared = [.resource, .scp, .rcp, .vpcEndpoint].contains(deny.layer) || deny.policy.contains(":policy/")
        if shared, let exemption = call.exemption, !(statement.conditions.isEmpty && statement.covers(only: call)) {
            var edited = statement
            edited.exempt(exemption)
            return Fix(layer: deny.layer, level: deny.level, policy: deny.policy, change: .editStatement,
                statement: edited.json, target: target,
                detail: "no condition of the statement is one the call can meet: exempt `\(exemption.value)` from it "
                    + "with `\(exemption.operator) \(exemption.key)`, or narrow it so that it does not cover this call")
        }
        let why = shared ? "denies exactly this call" : "applies only to the principals it is attached to"
        return Fix(layer: deny.layer, level: deny.level, policy: deny.policy, change: .removeStatement, target: target,
            detail: "the statement \(why) and has no condition the call can meet: remove it (or narrow it) if the call should be allowed")
    }

    /// The first condition of the Deny the call can be made to fail, with the request values that do it.
    func meet(_ deny: DenyReason, statement: Statement, target: Fix.Target, call: Call, policies: LayeredPolicies) -> Fix? {
        for condition in statement.conditions where Self.isMeetable(condition.key) {
            for values in Self.candidates(condition, call: call) {
                var request = call.request
                request.context[condition.key] = values
                let after = authorizer.evaluate(request: request, policies: policies)
                let stillDenies = after.denies.contains {
                    $0.layer == deny.layer && $0.level == deny.level && $0.policy == deny.policy && $0.statementIndex == deny.statementIndex
                }
                guard !stillDenies else { continue }
                return Fix(layer: deny.layer, level: deny.level, policy: deny.policy, change: .meetCondition, target: target,
                    requestContext: [condition.key: values],
                    detail: Self.phrase(condition, values) + ": the statement denies the call otherwise")
            }
        }
        return nil
    }

    /// Keys a caller or an administrator can change for the next call: how the call is made (MFA, network path,
    /// TLS, region), the tags of the request, the resource and the principal, and service-specific keys.
    static let meetableKeys: Set<String> = [
        "aws:multifactorauthpresent", "aws:multifactorauthage", "aws:sourcevpce", "aws:sourcevpc", "aws:sourceip",
        "aws:vpcsourceip", "aws:securetransport", "aws:requestedregion", "aws:tagkeys",
    ]

    static func isMeetable(_ key: String) -> Bool {
        let lower = key.lowercased()
        if meetableKeys.contains(lower) { return true }
        if lower.hasPrefix("aws:requesttag/") || lower.hasPrefix("aws:resourcetag/") || lower.hasPrefix("aws:principaltag/") {
            return true
        }
        return !lower.hasPrefix("aws:")
    }

    /// Request values that make `condition` false, from the operator and the policy's values.
    static func candidates(_ condition: Condition, call: Call) -> [[String]] {
        let values = condition.rawValues.filter { !$0.contains("${") }
        switch condition.operator.base {
        case .bool:
            return [[values.contains { $0.lowercased() == "false" } ? "true" : "false"]]
        case .stringNotEquals, .stringNotEqualsIgnoreCase, .arnNotEquals:
            return values.map { [$0] }
        case .stringNotLike, .arnNotLike:
            return values.map { [$0.replacingWildcards()] }
        case .notIpAddress:
            return values.map { [String($0.prefix { $0 != "/" })] }
        case .numericGreaterThan, .numericLessThan:
            return values.map { [$0] }
        case .numericGreaterThanEquals:
            return values.compactMap { Double($0).map { [Self.number($0 - 1)] } }
        case .numericLessThanEquals:
            return values.compactMap { Double($0).map { [Self.number($0 + 1)] } }
        case .null where values.first?.lowercased() == "true":
            switch condition.key.lowercased() {
            case "aws:multifactorauthpresent", "aws:securetransport": return [["true"]]
            case "aws:multifactorauthage": return [["0"]]
            default: return []
            }
        default:
            return []
        }
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// The condition to meet, in words.
    static func phrase(_ condition: Condition, _ values: [String]) -> String {
        let key = condition.key
        let value = values.first ?? ""
        let lower = key.lowercased()
        switch lower {
        case "aws:multifactorauthpresent": return "sign in with MFA (`aws:MultiFactorAuthPresent` must be `true`)"
        case "aws:multifactorauthage": return "sign in with MFA again, no more than \(value) seconds before the call"
        case "aws:sourcevpce": return "call through the VPC endpoint `\(value)`"
        case "aws:sourcevpc": return "call through a VPC endpoint in `\(value)`"
        case "aws:sourceip", "aws:vpcsourceip":
            return "call from an address in \(condition.rawValues.map { "`\($0)`" }.joined(separator: " or "))"
        case "aws:securetransport": return "call over HTTPS (`aws:SecureTransport` must be `\(value)`)"
        case "aws:requestedregion": return "call in the region `\(value)`"
        default: break
        }
        if lower == "aws:tagkeys" { return "pass the tag key\(values.count == 1 ? "" : "s") `\(values.joined(separator: "`, `"))` in the request" }
        if lower.hasPrefix("aws:resourcetag/") { return "tag the resource with `\(key.dropFirst(16))` = `\(value)`" }
        if lower.hasPrefix("aws:requesttag/") { return "pass the tag `\(key.dropFirst(15))` = `\(value)` in the request" }
        if lower.hasPrefix("aws:principaltag/") { return "tag the principal with `\(key.dropFirst(17))` = `\(value)`" }
        return "make the request carry `\(key)` = `\(values.joined(separator: "`, `"))`"
    }

    // MARK: - Missing Allows

    func fix(for missing: MissingAllow, call: Call, policies: LayeredPolicies) -> Fix {
        let action = call.request.action
        switch missing.layer {
        case .identity:
            let principal = call.identityHolder
            return Fix(layer: .identity, policy: principal, change: .addStatement, statement: call.allow(principal: nil),
                detail: "attach to `\(principal)` an identity-based policy with this statement")
        case .resource:
            let holder = call.resourceHolder
            let kind = call.isRoleAssumption ? "the role's trust policy" : ServiceRules.isKMSKey(holder) ? "the key policy" : "the resource-based policy"
            return Fix(layer: .resource, policy: holder, change: .addStatement,
                statement: call.allow(principal: call.principalElement, resource: !call.isRoleAssumption),
                detail: "add this statement to \(kind) of `\(holder)`")
        case .permissionsBoundary:
            let boundary = policies.permissionsBoundary?.first?.id ?? "the permissions boundary of \(call.identityHolder)"
            return Fix(layer: .permissionsBoundary, policy: boundary, change: .addStatement, statement: call.allow(principal: nil),
                detail: "add this statement to the permissions boundary `\(boundary)`, which caps what identity-based policies grant")
        case .session:
            let session = policies.session?.first?.id ?? "the session policy"
            return Fix(layer: .session, policy: session, change: .addStatement, statement: call.allow(principal: nil),
                detail: "pass a session policy with this statement when the session is created (AssumeRole, GetFederationToken)")
        case .scp:
            let level = missing.level ?? 0
            let target = call.targets.scpTargets.indices.contains(level) ? call.targets.scpTargets[level] : "organization level \(level)"
            return Fix(layer: .scp, level: level, policy: target, change: .addStatement, statement: call.allow(principal: nil),
                detail: "attach to `\(target)` a service control policy with this statement (or add it to one attached there)")
        case .rcp:
            let level = missing.level ?? 0
            let target = call.targets.rcpTargets.indices.contains(level) ? call.targets.rcpTargets[level] : "organization level \(level)"
            return Fix(layer: .rcp, level: level, policy: target, change: .addStatement,
                statement: ["Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"],
                detail: "attach the AWS managed `RCPFullAWSAccess` policy to `\(target)`: RCPs support Allow only in that policy "
                    + "(https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html)")
        case .vpcEndpoint:
            let endpoint = call.request.context["aws:SourceVpce"]?.first ?? policies.vpcEndpoint?.first?.id ?? "the VPC endpoint"
            return Fix(layer: .vpcEndpoint, policy: endpoint, change: .addStatement,
                statement: call.allow(principal: call.principalElement),
                detail: "add this statement to the policy of the VPC endpoint `\(endpoint)` for `\(action)`")
        }
    }
}

/// What the planner needs of the request: who calls, on what, and where its statements go.
struct Call {
    let request: Request
    let targets: FixPlanner.Targets
    let caller: PrincipalIdentity

    init(request: Request, targets: FixPlanner.Targets) {
        self.request = request
        self.targets = targets
        caller = PrincipalIdentity(principal: request.principal)
    }

    /// The ARN policies name the caller by: `aws:PrincipalArn` (the role, for a session).
    var principalArn: String? {
        request.context["aws:PrincipalArn"]?.first ?? caller.principalArn ?? request.principal
    }

    var identityHolder: String { targets.principal ?? principalArn ?? "the caller" }

    var isRoleAssumption: Bool { Authorizer.roleAssumptions.contains(request.action.asciiLowercased) }

    /// The resource whose policy must allow: the bucket of an S3 object, else the resource itself.
    var resourceHolder: String {
        guard let resource = request.resources.first else { return "the resource" }
        if let arn = ARN(resource), arn.service == "s3", arn.account.isEmpty, let slash = arn.resource.firstIndex(of: "/") {
            return "arn:\(arn.partition):s3:::\(arn.resource[..<slash])"
        }
        return resource
    }

    /// The Principal element that names this caller, least widely.
    var principalElement: JSONValue {
        switch caller.kind {
        case .anonymous: return "*"
        case .service: return ["Service": .string(caller.arn)]
        default: return ["AWS": .string(principalArn ?? caller.arn)]
        }
    }

    /// The condition that exempts this caller from a Deny, nil for an anonymous caller (nothing names it).
    var exemption: (operator: String, key: String, value: String)? {
        switch caller.kind {
        case .anonymous: return nil
        case .service: return ("StringNotEquals", "aws:PrincipalServiceName", caller.arn)
        default: return principalArn.map { ("ArnNotLike", "aws:PrincipalArn", $0) }
        }
    }

    /// An Allow of exactly the call's action on its resources, with `principal` where the layer needs one.
    func allow(principal: JSONValue?, resource: Bool = true) -> JSONValue {
        let name = request.action.split(separator: ":").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        var members: [JSONObject.Member] = [
            .init(key: "Sid", value: .string("Allow" + name.filter { $0.isLetter || $0.isNumber })),
            .init(key: "Effect", value: "Allow"),
        ]
        if let principal { members.append(.init(key: "Principal", value: principal)) }
        members.append(.init(key: "Action", value: .string(request.action)))
        if resource {
            let resources = request.resources.isEmpty ? ["*"] : request.resources
            members.append(.init(key: "Resource", value: resources.count == 1 ? .string(resources[0]) : .array(resources.map(JSONValue.string))))
        }
        return .object(JSONObject(members))
    }
}

extension Statement {
    /// Whether the statement names exactly the call's action and resources, so that removing it loses nothing else.
    func covers(only call: Call) -> Bool {
        guard !action.negated, action.patterns.count == 1, action.patterns[0].asciiLowercased == call.request.action.asciiLowercased
        else { return false }
        guard let resource else { return false }
        return !resource.negated && Set(resource.patterns.map(\.source)) == Set(call.request.resources)
    }

    /// Adds a condition exempting one value of a key, joining an existing condition with the same operator and key.
    mutating func exempt(_ exemption: (operator: String, key: String, value: String)) {
        if let i = conditions.firstIndex(where: { $0.operator.description == exemption.operator && $0.key.lowercased() == exemption.key.lowercased() }) {
            conditions[i].rawValues.append(exemption.value)
            return
        }
        guard let op = ConditionOperator(parsing: exemption.operator) else { return }
        conditions.append(Condition(operator: op, key: exemption.key, rawValues: [exemption.value],
            values: .strings([PolicyString(plain: exemption.value)])))
    }
}

extension String {
    /// A value a `*`/`?` pattern matches: `*` as nothing, `?` as `x`.
    func replacingWildcards() -> String {
        String(compactMap { $0 == "*" ? nil : $0 == "?" ? "x" : $0 })
    }
}
