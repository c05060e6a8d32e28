import PolicyEvaluator
import PolicyLanguage
import Replay
import ReplayResults
import Snapshot
import TrailJSON

/// One replay: the attribution, the evaluator's decision behind it, and the layers as they were assembled.
public struct ReplayOutcome: Sendable {
    public var attribution: Attribution
    public var decision: Decision?
    public var policies: LayeredPolicies?
    /// The request context as evaluated (the record's keys plus what the snapshot added).
    public var context: [String: [String]] = [:]
    /// Layers the snapshot or the input could not describe, with the reason.
    public var unknown: [UnknownLayer] = []
    /// Whether resource control policies govern the request's service.
    public var rcpGoverned = false
    /// The request as evaluated (principal, resources and context after the snapshot's additions).
    public var request: Request?
    /// The changes that would let the call through, for an explicit or implicit deny.
    public var fixes: [Fix] = []
    /// The names of the policies evaluated, by policy id, where they have one beside it.
    public var policyNames: [String: String] = [:]
    /// The organization target of each SCP and RCP level, as people read it (`OU Production (ou-…)`).
    public var levelNames: [PolicyLayer: [String]] = [:]

    /// The name of an organization level of `layer`, when the snapshot places it.
    public func levelName(_ layer: PolicyLayer, _ level: Int?) -> String? {
        guard let level, let names = levelNames[layer], names.indices.contains(level) else { return nil }
        return names[level]
    }

    /// A policy id with its name where the id does not say it (`ProtectCloudTrail (p-7tr41lpr)`).
    public func label(_ policy: String) -> String {
        Attribution.Deny.label(policy: policy, name: policyNames[policy])
    }
}

/// Replays a rebuilt request against a policy snapshot and says which layer, policy and statement denied it.
///
/// Layers whose data the snapshot lacks are left out of the evaluation and named: a deny found in the known
/// layers stands (an unknown layer can only add restrictions), but an allow is reported as `unknown`, since
/// the missing data may be what denied the call.
public struct SnapshotAttributor: RequestAttributor {
    public let snapshot: Snapshot
    let compiler: PolicyCompiler
    let authorizer: Authorizer

    /// Services whose resources carry resource-based policies that a snapshot collects.
    static let resourcePolicyServices: Set<String> = [
        "s3", "kms", "sqs", "sns", "secretsmanager", "lambda", "ecr", "kinesis", "logs", "events", "glacier",
        "es", "aoss", "backup", "codeartifact", "elasticfilesystem", "dynamodb", "sts",
    ]

    public init(snapshot: Snapshot, reference: ServiceReference = .bundled) {
        self.snapshot = snapshot
        compiler = PolicyCompiler()
        authorizer = Authorizer(rcpServices: reference.rcpServices.isEmpty
            ? ResourceControlPolicyServices.documented : reference.rcpServices)
    }

    /// The same authorizer over another snapshot (the policies of another time): the policies whose ids are in
    /// `changed` are compiled anew, every other one shared with this attributor.
    func with(snapshot: Snapshot, changed: Set<String>) -> SnapshotAttributor {
        SnapshotAttributor(snapshot: snapshot, authorizer: authorizer, compiler: PolicyCompiler(sharing: compiler, own: changed))
    }

    private init(snapshot: Snapshot, authorizer: Authorizer, compiler: PolicyCompiler) {
        self.snapshot = snapshot
        self.authorizer = authorizer
        self.compiler = compiler
    }

    /// Policies that failed to parse, each once.
    public var policyErrors: [PolicyParseError] { compiler.failures.map(\.error) }

    /// The same, with the snapshot file each came from (none for a session policy from a log record).
    public var policyFailures: [PolicyFailure] { compiler.failures }

    public func attribute(_ request: RebuiltRequest) -> Attribution {
        replay(request).attribution
    }

    /// The attribution with what led to it: the evaluator's full decision and the layers as assembled.
    public func replay(_ request: RebuiltRequest) -> ReplayOutcome {
        var result = Attribution(
            eventID: request.eventID, eventTime: request.eventTime,
            account: request.recipientAccount ?? request.caller.account, region: request.region,
            principal: request.caller.isAnonymous ? "anonymous"
                : request.caller.arn ?? request.caller.entityArn ?? request.caller.principalId,
            action: request.action, resources: request.resources, errorCode: request.errorCode,
            decision: .unknown, reportedLayer: request.message?.layer,
            reportedPolicy: request.message?.policyArn)
        if let refused = request.refusalReason {
            // A value longer than AWS allows: the record is not what AWS wrote, so nothing is replayed.
            result.reason = refused
            return ReplayOutcome(attribution: result)
        }
        guard let action = request.action else {
            result.reason = request.gaps.first ?? "the action cannot be rebuilt from the record"
            return ReplayOutcome(attribution: result)
        }
        if request.resources.isEmpty {
            result.reason = request.gaps.first ?? "the resource cannot be rebuilt from the record"
            return ReplayOutcome(attribution: result)
        }
        var assembly = LayerAssembly(request: request, snapshot: snapshot, compiler: compiler,
            rcpServices: authorizer.rcpServices)
        assembly.assemble(service: String(action.prefix { $0 != ":" }))
        if assembly.principalArn == nil && request.caller.kind != .awsService && !request.caller.isAnonymous {
            result.reason = (assembly.unknown.first?.reason).map { "the caller cannot be identified: " + $0 }
                ?? "the caller cannot be identified: userIdentity names no ARN"
            result.missing = assembly.unknown.first?.missing.map { [$0] } ?? []
            return ReplayOutcome(attribution: result)
        }
        let evaluated = Request(
            principal: request.caller.isAnonymous ? nil : assembly.principalArn ?? request.caller.invokedBy, action: action,
            resources: assembly.resources, resourceAccount: request.resourceAccount,
            context: RequestContext(assembly.context))
        let decision = authorizer.evaluate(request: evaluated, policies: assembly.policies)
        result.denies = decision.denies.map { deny in
            Attribution.Deny(layer: deny.layer, policy: deny.policy, policyName: assembly.policyNames[deny.policy],
                statement: deny.statement, conditions: .array(deny.conditions.map(SnapshotAttributor.json)))
        }
        result.missingAllows = decision.missingAllows.map {
            Attribution.MissingAllow(layer: $0.layer, level: $0.level, detail: $0.detail)
        }
        result.missingContext = decision.missingContext
        let unknownLayers = Set(assembly.unknown.map(\.layer))
        // The layers that decide the outcome first; an unknown session policy (which can only restrict) last.
        let missingLayers = Set(result.missingAllows.map(\.layer))
        let unknownReasons = assembly.unknown.enumerated().sorted { a, b in
            func rank(_ layer: PolicyLayer) -> Int { missingLayers.contains(layer) ? 0 : layer == .session ? 2 : 1 }
            return (rank(a.element.layer), a.offset) < (rank(b.element.layer), b.offset)
        }.map(\.element.reason).joined(separator: "; ")
        let missing = assembly.unknown.compactMap(\.missing).uniqued()
        switch decision.decision {
        case .explicitDeny:
            result.decision = .explicitDeny
        case .implicitDeny where result.missingAllows.contains { unknownLayers.contains($0.layer) }:
            // The missing Allow may be in the data the snapshot lacks.
            result.decision = .unknown
            result.reason = unknownReasons
            result.missing = missing
        case .implicitDeny:
            result.decision = .implicitDeny
        case .allow:
            if assembly.unknown.isEmpty {
                result.decision = .allow
                result.reason = "the snapshot allows this request: the deny depends on something the log and "
                    + "snapshot do not show (a policy changed since, or context the record lacks)"
                    + (decision.missingContext.isEmpty ? "" : "; keys the policies test but the record lacks: "
                        + decision.missingContext.joined(separator: ", "))
            } else {
                result.decision = .unknown
                result.reason = unknownReasons
                result.missing = missing
            }
        }
        result.agreement = SnapshotAttributor.agreement(result, message: request.message)
        var fixes: [Fix] = []
        if result.reproduced {
            fixes = FixPlanner(authorizer: authorizer).fixes(request: evaluated, policies: assembly.policies,
                decision: decision, targets: assembly.fixTargets)
            result.fixes = fixes.compactMap { Attribution.Fix(json: $0.json) }
        }
        if let rule = decision.rules.first, result.decision != .unknown {
            // A rule of AWS's own decided it: say which, and where AWS documents it.
            result.reason = "\(rule.detail) (\(rule.source))"
        }
        return ReplayOutcome(attribution: result, decision: decision, policies: assembly.policies,
            context: assembly.context, unknown: assembly.unknown,
            rcpGoverned: authorizer.rcpServices.contains(String(action.prefix { $0 != ":" })), request: evaluated, fixes: fixes,
            policyNames: assembly.policyNames, levelNames: [
                .scp: assembly.fixTargets.scpTargets.map(snapshot.organizationTargetLabel),
                .rcp: assembly.fixTargets.rcpTargets.map(snapshot.organizationTargetLabel),
            ])
    }

    /// The decision on the replayed request with every proposed fix applied (statements added, edited or
    /// removed, conditions met), to show that the fixes suffice; nil when there is nothing to apply.
    public func decisionAfterFixes(_ outcome: ReplayOutcome) -> Decision? {
        guard !outcome.fixes.isEmpty, var request = outcome.request, var policies = outcome.policies else { return nil }
        // Existing statements by descending position, so that a removal does not move another fix's statement.
        for fix in outcome.fixes.sorted(by: { ($0.target?.index ?? -1) > ($1.target?.index ?? -1) }) {
            for (key, values) in fix.requestContext { request.context[key] = values }
            guard let changed = try? policies.applying(fix) else { return nil }
            policies = changed
        }
        return authorizer.evaluate(request: request, policies: policies)
    }

    /// Whether the replay names the layer AWS named; nil when AWS named none or nothing was reproduced.
    static func agreement(_ result: Attribution, message: DenyMessage?) -> Bool? {
        guard let layer = message?.layer else { return nil }
        switch result.decision {
        case .explicitDeny:
            // AWS may say "explicit deny in a service control policy" for an SCP that merely did not allow.
            return result.denies.contains { $0.layer == layer }
        case .implicitDeny:
            return result.missingAllows.contains { $0.layer == layer }
                && (message?.explicit != true || layer == .scp)
        case .allow:
            return false
        case .unknown:
            return nil
        }
    }

    static func json(_ condition: ConditionEvaluation) -> JSONValue {
        [
            "operator": .string(condition.operator),
            "key": .string(condition.key),
            "requestValues": condition.requestValues.map { .array($0.map(JSONValue.string)) } ?? .null,
            "policyValues": .array(condition.policyValues.map(JSONValue.string)),
            "result": .bool(condition.result),
        ]
    }
}

extension SnapshotAttributor {
    /// The organization layers' decision on a request, or why it cannot be told.
    enum OrganizationDecision {
        case decided(Decision, policyNames: [String: String])
        case notJudged(String)
    }

    /// A policy that allows everything, standing for the layers a call that succeeded passed.
    static let allowAll = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#

    /// The request judged by its SCPs and RCPs alone: every other layer is taken to allow it, as AWS did.
    /// Service-linked roles (named `AWSServiceRoleFor…` by AWS) are exempt from both.
    func organizationDecision(_ request: RebuiltRequest, action: String) -> OrganizationDecision {
        var assembly = LayerAssembly(request: request, snapshot: snapshot, compiler: compiler, rcpServices: authorizer.rcpServices)
        assembly.assemble(service: String(action.prefix { $0 != ":" }), organizationOnly: true)
        return decision(request, action: action, assembly: assembly, judged: [.scp, .rcp])
    }
}
