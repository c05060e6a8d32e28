import PolicyEvaluator
import Testing

@Suite struct PrincipalIdentityTests {
    @Test(arguments: [
        ("arn:aws:iam::111122223333:user/alice", PrincipalIdentity.Kind.user, "111122223333", "arn:aws:iam::111122223333:user/alice"),
        ("arn:aws:iam::111122223333:user/division/team/alice", .user, "111122223333", "arn:aws:iam::111122223333:user/division/team/alice"),
        ("arn:aws:sts::111122223333:assumed-role/dev/alice@example.com", .roleSession, "111122223333", "arn:aws:iam::111122223333:role/dev"),
        ("arn:aws-cn:sts::111122223333:assumed-role/dev/s", .roleSession, "111122223333", "arn:aws-cn:iam::111122223333:role/dev"),
        ("arn:aws:iam::111122223333:root", .root, "111122223333", "arn:aws:iam::111122223333:root"),
        ("111122223333", .root, "111122223333", "arn:aws:iam::111122223333:root"),
        ("arn:aws:sts::111122223333:federated-user/bob", .federatedUser, "111122223333", "arn:aws:sts::111122223333:federated-user/bob"),
        ("arn:aws:iam::111122223333:role/service-role/app", .role, "111122223333", "arn:aws:iam::111122223333:role/service-role/app"),
    ])
    func readsCallerArns(arn: String, kind: PrincipalIdentity.Kind, account: String, principalArn: String) {
        let caller = PrincipalIdentity(principal: arn)
        #expect(caller.kind == kind)
        #expect(caller.account == account)
        #expect(caller.principalArn == principalArn)
    }

    @Test(arguments: [
        (String?.none, PrincipalIdentity.Kind.anonymous),
        ("*", .anonymous),
        ("cloudtrail.amazonaws.com", .service),
        ("not-an-arn", .other),
        ("arn:aws:s3:::bucket", .other),
    ])
    func readsOtherCallers(principal: String?, kind: PrincipalIdentity.Kind) {
        #expect(PrincipalIdentity(principal: principal).kind == kind)
    }

    @Test func derivesTheKeysARequestImplies() {
        let request = Request(
            principal: "arn:aws:iam::111122223333:user/alice", action: "s3:GetObject",
            resources: ["arn:aws:s3:::b/k"], resourceAccount: "444455556666")
        let policy = try? CompiledPolicy.compile(
            text: """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {
                  "StringEquals": {"aws:username": "alice", "aws:PrincipalAccount": "111122223333", "aws:PrincipalType": "User",
                                   "aws:ResourceAccount": "444455556666", "aws:PrincipalIsAWSService": "false",
                                   "aws:PrincipalArn": "arn:aws:iam::111122223333:user/alice"}}}]}
                """, id: "p")
        let decision = Authorizer().evaluate(
            request: request, policies: LayeredPolicies(identity: policy.map { [$0] }, resource: []))
        #expect(decision.missingContext.isEmpty)
        #expect(decision.missingAllows.map(\.layer) == [.resource])
    }
}
