import PolicyLanguage
import PolicyEvaluator
import Replay
import ReplayResults
import TrailReader

/// A replay written out for a person: the request as rebuilt and where each part came from, each layer's
/// verdict, the statements that denied with their conditions, and what would have to change.
public enum Explanation {
    /// `afterFixes` is the decision with every fix applied (`SnapshotAttributor.decisionAfterFixes`).
    public static func render(request: RebuiltRequest, outcome: ReplayOutcome, afterFixes: Decision? = nil) -> String {
        let result = outcome.attribution
        var out: [String] = []
        out.append(headline(request))
        if let message = request.message, message.layer != nil || message.explicit != nil {
            var said = "AWS said: " + (message.explicit == true ? "explicit deny in the " : "no Allow in the ")
            said += (message.layer?.rawValue ?? "unnamed") + " layer"
            if let policy = message.policyArn { said += " (\(policy))" }
            out.append(said)
        }

        out.append("")
        out.append("request as rebuilt")
        func line(_ name: String, _ value: String, _ source: Provenance?) {
            let padded = name.padding(toLength: 18, withPad: " ", startingAt: 0)
            out.append("  \(padded)\(value)" + (source.map { "   [from \($0.rawValue)]" } ?? ""))
        }
        line("principal", request.caller.arn ?? request.caller.entityArn ?? "(unknown)", .userIdentity)
        if let entity = request.caller.entityArn, entity != request.caller.arn { line("iam entity", entity, .userIdentity) }
        line("action", request.action ?? "(unknown)", request.actionSource)
        line("resource", request.resources.isEmpty ? "(unknown)" : request.resources.joined(separator: ", "), request.resourceSource)
        line("resource account", request.resourceAccount ?? "(unknown)", nil)
        if let session = request.session {
            let policy = session.policy != nil ? "an inline session policy" : "no inline session policy"
            line("session", "issued by \(session.eventName) \(session.eventID ?? "") with \(policy)"
                + (session.policyArns.isEmpty ? "" : " and \(session.policyArns.joined(separator: ", "))"), .sessionRecord)
        } else if request.sessionUnknown {
            line("session", request.sessionProblem ?? "temporary credentials whose issuing record is not in the input", nil)
        }
        out.append("  context")
        for key in outcome.context.keys.sorted(by: { $0.lowercased() < $1.lowercased() }) {
            let values = outcome.context[key] ?? []
            let source = request.contextSources[key] ?? (request.context[key] == nil ? .snapshot : nil)
            out.append("    \(key) = \(values.count == 1 ? values[0] : "[" + values.joined(separator: ", ") + "]")"
                + (source.map { "   [from \($0.rawValue)]" } ?? ""))
        }
        for gap in request.gaps { out.append("  note: \(gap)") }

        out.append("")
        out.append("layers")
        for (layer, verdict) in layerVerdicts(outcome) {
            out.append("  " + layer.padding(toLength: 22, withPad: " ", startingAt: 0) + verdict)
        }

        out.append("")
        var verdict = "verdict: \(result.decision.rawValue)"
        if let agreement = result.agreement {
            verdict += agreement ? " — agrees with AWS's message" : " — differs from AWS's message (\(result.reportedLayer?.rawValue ?? "?"))"
        }
        out.append(verdict)
        if let reason = result.reason { out.append("  because \(reason)") }
        if let fix = result.fixedBy { out.append("  " + fix.fixedText) }
        if !result.policyChanges.isEmpty {
            out.append("  policies changed between the call and the snapshot:")
            for change in result.policyChanges {
                out.append("    \(change.time) \(change.eventName) of \(change.policy) by \(change.by ?? "?") [\(change.eventID ?? "no event id")]")
            }
        }
        if !result.missingContext.isEmpty {
            out.append("  keys the policies test but the request lacks: " + result.missingContext.joined(separator: ", "))
        }

        if !result.denies.isEmpty {
            out.append("")
            out.append("denying statements")
            for deny in result.denies {
                out.append("  \(deny.layer): " + (deny.policyName.map { "\($0), " } ?? "") + "\(deny.policy), statement \(deny.statement)")
                for condition in deny.conditions.arrayValue ?? [] {
                    let op = condition["operator"]?.stringValue ?? "?"
                    let key = condition["key"]?.stringValue ?? "?"
                    let policyValues = (condition["policyValues"]?.arrayValue ?? []).compactMap(\.stringValue)
                    let requestValues = condition["requestValues"]?.arrayValue?.compactMap(\.stringValue)
                    out.append("    \(op) \(key) \(policyValues) — request has "
                        + (requestValues.map { "\($0)" } ?? "no such key") + " → true")
                }
            }
        }

        out.append("")
        out.append("what would have to change")
        for change in changes(outcome, succeeded: request.errorCode == nil) { out.append("  - " + change) }
        if let afterFixes {
            out.append(afterFixes.decision == .allow
                ? "  with these changes the replay allows the call"
                : "  with these changes the replay still gives \(afterFixes.decision.rawValue): " + afterFixes.explanation
                    .split(separator: "\n").prefix(3).joined(separator: "; "))
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The first line: the event, and whether it is an authorization failure at all (the replay follows either way).
    static func headline(_ request: RebuiltRequest) -> String {
        let event = "event \(request.eventID ?? "(no eventID)") at \(request.eventTime ?? "?"): "
            + "\(request.eventName ?? "?") on \(request.eventSource ?? "?")"
        guard let code = request.errorCode else {
            return event + " succeeded: it is not an authorization failure; its replay against the snapshot follows"
        }
        guard AuthorizationFailureCodes.isAuthorizationFailure(code) else {
            return event + " failed with \(code), which is not an authorization failure; its replay against the snapshot follows"
        }
        return event + " failed with \(code)"
    }

    /// One line per layer: denied, allowed, gave no Allow, not applicable, or unknown.
    static func layerVerdicts(_ outcome: ReplayOutcome) -> [(String, String)] {
        let decision = outcome.decision
        let policies = outcome.policies
        func verdict(_ layer: PolicyLayer, present: Bool) -> String {
            if let reason = outcome.unknown.first(where: { $0.layer == layer })?.reason { return "unknown: \(reason)" }
            let denies = decision?.denies.filter { $0.layer == layer } ?? []
            if !denies.isEmpty { return "DENY by " + denies.map { "\(outcome.label($0.policy)), statement \($0.statement)" }.joined(separator: ", ") }
            let missing = decision?.missingAllows.filter { $0.layer == layer } ?? []
            if !missing.isEmpty { return "no Allow: " + missing.map(\.detail).joined(separator: "; ") }
            let allows = decision?.allows.filter { $0.layer == layer } ?? []
            if !allows.isEmpty {
                return "allows (" + Set(allows.map { "\(outcome.label($0.policy)) \($0.statement)" }).sorted().joined(separator: ", ") + ")"
            }
            return present ? "applies, neither allows nor denies on its own" : "does not apply"
        }
        return [
            ("identity", verdict(.identity, present: policies?.identity != nil)),
            ("resource", verdict(.resource, present: policies?.resource != nil)),
            ("permissions-boundary", verdict(.permissionsBoundary, present: policies?.permissionsBoundary != nil)),
            ("session", verdict(.session, present: policies?.session != nil)),
            ("scp", verdict(.scp, present: policies?.scp != nil)),
            ("rcp", verdict(.rcp, present: policies?.rcp != nil && outcome.rcpGoverned)),
            ("vpc-endpoint", verdict(.vpcEndpoint, present: policies?.vpcEndpoint != nil)),
        ]
    }

    /// The fixes, one per blocker; for a call no policy can allow, the rule that forbids it.
    static func changes(_ outcome: ReplayOutcome, succeeded: Bool) -> [String] {
        let result = outcome.attribution
        switch result.decision {
        case .explicitDeny, .implicitDeny:
            if let rule = outcome.decision?.rules.first(where: \.denies) {
                return ["no policy change can allow it: \(rule.detail) (\(rule.source))"]
            }
            return outcome.fixes.map { $0.explanation(levelName: outcome.levelName($0.layer, $0.level)) }
        case .allow where succeeded:
            return ["nothing: the call succeeded and the snapshot allows it too"]
        case .allow:
            return ["nothing in the snapshot denies this request; compare the snapshot's age with the event time, and the context the record lacks"]
        case .unknown:
            return ["collect the missing snapshot data named above and replay again"]
        }
    }
}
