extension Authorizer {
    /// Actions evaluated against a role's trust policy, which must always allow them.
    static let roleAssumptions: Set<String> = ["sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity"]

    /// The Allows missing among identity, boundary, session and resource policies, following
    /// AWS's same-account and cross-account rules and the KMS key policy rule.
    func principalAndResource(
        scope: EvaluationScope, identity: LayerResult?, resource: LayerResult?, boundary: LayerResult?,
        session: LayerResult?, resourceLayerGiven: Bool, resourceAccount: String?, recorder: inout EvaluationRecorder
    ) -> [MissingAllow] {
        let caller = scope.caller
        // Made only for a message: most requests need none.
        var what: String { "`\(scope.requestedAction)` on `\(scope.resource)`" }
        let resourceGrants = resource?.grants ?? []
        let resourceAllows = !resourceGrants.isEmpty

        if caller.kind == .service || caller.kind == .anonymous {
            if resourceAllows { return [] }
            let who = caller.kind == .service ? "the service principal" : "an anonymous caller"
            return [MissingAllow(layer: .resource, detail: "no resource-based policy allows \(who) \(what)")]
        }

        let identityAllows = caller.kind == .root || (identity?.allowed ?? false)
        // A role can be assumed only if its trust policy allows it, in the same account as across accounts.
        if scope.service == "sts" && Self.roleAssumptions.contains(scope.action) && resourceLayerGiven && !resourceAllows {
            var missing = [MissingAllow(layer: .resource, detail: "the role's trust policy does not allow \(what)")]
            if !identityAllows {
                missing.insert(MissingAllow(layer: .identity, detail: "no identity-based policy allows \(what)"), at: 0)
            }
            return missing
        }
        let boundaryAllows = boundary?.allowed ?? true
        let sessionAllows = session?.allowed ?? true
        let principalSide = identityAllows && boundaryAllows && sessionAllows

        var principalMissing: [MissingAllow] = []
        if !identityAllows {
            let detail = identity == nil
                ? "no identity-based policies were supplied for the caller"
                : "no identity-based policy allows \(what)"
            principalMissing.append(MissingAllow(layer: .identity, detail: detail))
        }
        if !boundaryAllows {
            principalMissing.append(MissingAllow(layer: .permissionsBoundary, detail: "the permissions boundary does not allow \(what)"))
        }
        if !sessionAllows {
            principalMissing.append(MissingAllow(layer: .session, detail: "no session policy allows \(what)"))
        }

        let crossAccount: Bool
        if let account = caller.account, let resourceAccount {
            crossAccount = account != resourceAccount
        } else {
            crossAccount = false
            if resourceLayerGiven && resourceAccount == nil {
                recorder.note("the resource's account is unknown; the request is treated as same-account")
            }
        }

        if crossAccount {
            var missing = principalSide ? [] : principalMissing
            if !resourceAllows {
                let detail = resourceLayerGiven
                    ? "cross-account request: no resource-based policy in account `\(resourceAccount ?? "")` allows \(what)"
                    : "cross-account request: the resource account `\(resourceAccount ?? "")` must allow it and no resource-based policy was supplied"
                missing.append(MissingAllow(layer: .resource, detail: detail))
            }
            return missing
        }

        if scope.service == "kms" && ServiceRules.isKMSKey(scope.resource) {
            guard resourceLayerGiven else {
                recorder.note("no key policy was supplied for `\(scope.resource)`; every KMS key has one, and "
                    + "identity-based policies have effect only where it allows them")
                return principalSide ? [] : principalMissing
            }
            // An identity-based Allow counts only where the key policy names the account for the action
            // (KMS developer guide, "Key policies in AWS KMS").
            if resourceGrants.isEmpty {
                return principalMissing + [MissingAllow(layer: .resource,
                    detail: "the key policy does not allow \(what): for KMS keys an identity-based Allow has effect only "
                        + "where the key policy allows the caller or delegates the action to the account")]
            }
            if resourceGrants.contains(where: \.isDirect) || (principalSide && resourceGrants.contains(.account)) { return [] }
        } else if principalSide || resourceGrants.contains(where: \.isDirect) {
            return []
        }
        if resourceGrants.contains(.role) && boundaryAllows && sessionAllows { return [] }

        var missing: [MissingAllow] = []
        if resourceGrants.contains(.role) {
            if !boundaryAllows {
                missing.append(MissingAllow(layer: .permissionsBoundary,
                    detail: "the resource-based policy allows the role, which the permissions boundary limits, and the boundary does not allow \(what)"))
            }
            if !sessionAllows {
                missing.append(MissingAllow(layer: .session,
                    detail: "the resource-based policy allows the role, which the session policy limits, and no session policy allows \(what)"))
            }
            return missing
        }
        missing = principalMissing
        if resourceGrants.contains(.account) {
            if let i = missing.firstIndex(where: { $0.layer == .identity }) {
                missing[i].detail += "; the resource-based policy names only the account, which delegates to identity-based policies"
            }
        } else if resourceLayerGiven {
            missing.append(MissingAllow(layer: .resource, detail: "no resource-based policy allows \(what)"))
        }
        return missing
    }
}
