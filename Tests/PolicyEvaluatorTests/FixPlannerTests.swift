import PolicyEvaluator
import PolicyLanguage
import Testing
import TrailJSON

/// Every proposed fix is checked by applying it and deciding again.
enum FixCheck {
    /// Applies one fix: its statement change to the policies, its request values to the request.
    static func apply(_ fix: Fix, to request: Request, _ policies: LayeredPolicies) throws -> (Request, LayeredPolicies) {
        var changed = request
        for (key, values) in fix.requestContext { changed.context[key] = values }
        return (changed, try policies.applying(fix))
    }

    /// Checks that each fix removes the blocker it addresses, and that all of them together allow the request.
    static func verify(_ fixes: [Fix], request: Request, policies: LayeredPolicies, decision: Decision,
        authorizer: Authorizer = Authorizer(), name: String) throws
    {
        for fix in fixes {
            let (changedRequest, changedPolicies) = try apply(fix, to: request, policies)
            let after = authorizer.evaluate(request: changedRequest, policies: changedPolicies)
            switch fix.change {
            case .addStatement:
                #expect(!after.missingAllows.contains { $0.layer == fix.layer && $0.level == fix.level },
                    "\(name): adding \(fix.statement.map { JSONWriter.string($0) } ?? "") to \(fix.policy) left \(after.explanation)")
            case .removeStatement:
                // Removal renumbers the statements after it: count the policy's denies instead.
                let target = try #require(fix.target)
                let before = decision.denies.filter { $0.policy == target.policy }.count
                #expect(after.denies.filter { $0.policy == target.policy }.count < before, "\(name): removing \(target.label) left \(after.explanation)")
            case .editStatement, .meetCondition:
                let target = try #require(fix.target)
                #expect(!after.denies.contains { $0.layer == fix.layer && $0.level == fix.level && $0.policy == target.policy && $0.statementIndex == target.index },
                    "\(name): \(fix.change.rawValue) on \(target.label) left \(after.explanation)")
                #expect(after.denies.count < decision.denies.count || decision.denies.isEmpty, "\(name)")
            }
        }
        var allRequest = request
        var allPolicies = policies
        // Existing statements first, by descending index, so that a removal does not shift another fix's target.
        let ordered = fixes.sorted { ($0.target?.index ?? -1) > ($1.target?.index ?? -1) }
        for fix in ordered { (allRequest, allPolicies) = try apply(fix, to: allRequest, allPolicies) }
        let after = authorizer.evaluate(request: allRequest, policies: allPolicies)
        #expect(after.decision == .allow, "\(name): with every fix applied: \(after.explanation)")
    }
}

@Suite struct FixPlannerTests {
    @Test(arguments: CorpusCase.all())
    func everyFixInTheCorpusFlipsItsBlocker(entry: CorpusCase) throws {
        let simulation = try SimulationCase.parse(json: entry.json)
        let decision = Authorizer().evaluate(request: simulation.request, policies: simulation.policies)
        let fixes = FixPlanner().fixes(request: simulation.request, policies: simulation.policies, decision: decision)
        switch decision.decision {
        case .allow:
            #expect(fixes.isEmpty)
        case .explicitDeny, .implicitDeny:
            if decision.rules.contains(where: \.denies) {
                #expect(fixes.isEmpty, "no policy change helps a protected resource")
                return
            }
            #expect(fixes.count == Set(decision.denies.map { "\($0.layer)\($0.level ?? -1)\($0.policy)\($0.statementIndex)" }).count
                + decision.missingAllows.count, "\(entry.name)")
            try FixCheck.verify(fixes, request: simulation.request, policies: simulation.policies, decision: decision, name: entry.name)
        }
    }

    static func decide(_ text: String) throws -> (SimulationCase, Decision, [Fix]) {
        let simulation = try SimulationCase.parse(json: JSONParser.parse(text))
        let decision = Authorizer().evaluate(request: simulation.request, policies: simulation.policies)
        return (simulation, decision, FixPlanner().fixes(request: simulation.request, policies: simulation.policies, decision: decision,
            targets: .init(principal: "arn:aws:iam::111122223333:role/app/ops", scpTargets: ["r-ab12", "ou-ab12-prod"])))
    }

    @Test func mfaEnforcementIsMetBySigningInWithMFA() throws {
        let (_, _, fixes) = try Self.decide("""
            {"request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "ec2:StopInstances", "resource": "arn:aws:ec2:us-east-1:111122223333:instance/i-1"},
             "identity": [{"name": "ops", "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"},
               {"Sid": "RequireMFA", "Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}]}}]}
            """)
        #expect(fixes.count == 1)
        #expect(fixes[0].change == .meetCondition)
        #expect(fixes[0].requestContext == ["aws:MultiFactorAuthPresent": ["true"]])
        #expect(fixes[0].detail.hasPrefix("sign in with MFA"))
        #expect(JSONWriter.string(fixes[0].json)
            == #"{"layer":"identity","policy":"ops","change":"meet-condition","statement":"RequireMFA","requestContext":{"aws:MultiFactorAuthPresent":["true"]},"detail":"sign in with MFA (`aws:MultiFactorAuthPresent` must be `true`): the statement denies the call otherwise"}"#)
    }

    @Test func aBucketPolicyOnAnEndpointIsMetByCallingThroughIt() throws {
        let (_, _, fixes) = try Self.decide("""
            {"request": {"principal": "arn:aws:sts::111122223333:assumed-role/app/i-1", "action": "s3:GetObject", "resource": "arn:aws:s3:::data/k", "resourceAccount": "111122223333"},
             "identity": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}],
             "resource": [{"name": "arn:aws:s3:::data", "policy": {"Version": "2012-10-17", "Statement": [{"Sid": "OnlyVpce", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*",
               "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}]}}]}
            """)
        #expect(fixes.map(\.change) == [.meetCondition])
        #expect(fixes[0].detail.hasPrefix("call through the VPC endpoint `vpce-1a2b3c4d`"))
    }

    @Test func aResourceTagConditionIsMetByTaggingTheResource() throws {
        let (_, _, fixes) = try Self.decide("""
            {"request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "ec2:TerminateInstances", "resource": "arn:aws:ec2:us-east-1:111122223333:instance/i-1",
                         "context": {"aws:ResourceTag/env": "dev"}},
             "identity": [{"name": "ops", "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"},
               {"Sid": "OnlyProduction", "Effect": "Deny", "Action": "ec2:TerminateInstances", "Resource": "*", "Condition": {"StringNotEquals": {"aws:ResourceTag/env": "Production"}}}]}}]}
            """)
        #expect(fixes.first?.detail.hasPrefix("tag the resource with `env` = `Production`") == true, "\(fixes)")
    }

    @Test func aMissingAllowGetsALeastPrivilegeStatementInTheRightPlace() throws {
        let (_, decision, fixes) = try Self.decide("""
            {"request": {"principal": "arn:aws:sts::444455556666:assumed-role/app/i-1", "action": "s3:GetObject", "resource": "arn:aws:s3:::data/reports/q3.csv", "resourceAccount": "111122223333"},
             "identity": [], "resource": [], "scp": [[{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}], []]}
            """)
        #expect(decision.missingAllows.map(\.layer) == [.identity, .resource, .scp])
        #expect(fixes.map(\.policy) == ["arn:aws:iam::111122223333:role/app/ops", "arn:aws:s3:::data", "ou-ab12-prod"])
        #expect(JSONWriter.string(fixes[0].statement ?? .null)
            == #"{"Sid":"AllowS3GetObject","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::data/reports/q3.csv"}"#)
        #expect(JSONWriter.string(fixes[1].statement ?? .null)
            == #"{"Sid":"AllowS3GetObject","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:role/app"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::data/reports/q3.csv"}"#)
        #expect(fixes[2].level == 1)
    }

    @Test func aDenyWithoutAConditionToMeetIsEditedToExemptTheCaller() throws {
        let (simulation, decision, fixes) = try Self.decide("""
            {"request": {"principal": "arn:aws:sts::111122223333:assumed-role/ops/bob", "action": "s3:DeleteBucket", "resource": "arn:aws:s3:::logs"},
             "identity": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}],
             "scp": [[{"name": "guard", "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"},
               {"Sid": "NoDeletes", "Effect": "Deny", "Action": "s3:Delete*", "Resource": "*"}]}}]]}
            """)
        #expect(fixes.map(\.change) == [.editStatement])
        #expect(JSONWriter.string(fixes[0].statement ?? .null)
            == #"{"Sid":"NoDeletes","Effect":"Deny","Action":"s3:Delete*","Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/ops"}}}"#)
        try FixCheck.verify(fixes, request: simulation.request, policies: simulation.policies, decision: decision, name: "edit")
    }

    @Test func aDenyOfExactlyThisCallIsRemoved() throws {
        let (_, _, fixes) = try Self.decide("""
            {"request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "iam:DeleteRole", "resource": "arn:aws:iam::111122223333:role/prod"},
             "identity": [{"name": "p", "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
               {"Sid": "KeepProd", "Effect": "Deny", "Action": "iam:DeleteRole", "Resource": "arn:aws:iam::111122223333:role/prod"}]}}]}
            """)
        #expect(fixes.map(\.change) == [.removeStatement])
        #expect(JSONWriter.string(fixes[0].json).contains(#""statement":"KeepProd""#))
    }

    @Test func aProtectedResourceHasNoFix() throws {
        let (_, decision, fixes) = try Self.decide("""
            {"request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "iam:CreatePolicyVersion", "resource": "arn:aws:iam::aws:policy/ReadOnlyAccess"},
             "identity": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}]}
            """)
        #expect(decision.decision == .implicitDeny)
        #expect(fixes.isEmpty)
    }
}
