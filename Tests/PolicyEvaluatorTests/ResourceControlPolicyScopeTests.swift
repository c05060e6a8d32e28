import PolicyEvaluator
import Testing

@Suite struct ResourceControlPolicyScopeTests {
    static func decide(action: String, services: Set<String>?) throws -> Decision.Outcome {
        try decision(action: action, services: services).decision
    }

    static func decision(action: String, services: Set<String>?, principal: String = "arn:aws:iam::111122223333:user/alice")
        throws -> Decision
    {
        let deny = try CompiledPolicy.compile(
            text: #"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*"}]}"#,
            id: "rcp")
        let allow = try CompiledPolicy.compile(
            text: #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#, id: "id")
        let authorizer = services.map { Authorizer(rcpServices: $0) } ?? Authorizer()
        return authorizer.evaluate(
            request: Request(principal: principal, action: action),
            policies: LayeredPolicies(identity: [allow], resource: [allow], rcp: [[deny]])
        )
    }

    @Test(arguments: [
        ("s3:GetObject", Decision.Outcome.explicitDeny), ("sts:AssumeRole", .explicitDeny), ("kms:Decrypt", .explicitDeny),
        ("sqs:SendMessage", .explicitDeny), ("secretsmanager:GetSecretValue", .explicitDeny), ("ecr:BatchGetImage", .explicitDeny),
        ("aoss:APIAccessAll", .explicitDeny), ("cognito-idp:InitiateAuth", .explicitDeny), ("logs:PutLogEvents", .explicitDeny),
        ("ec2:RunInstances", .allow), ("lambda:InvokeFunction", .allow), ("iam:CreateUser", .allow),
    ])
    func documentedServicesOnly(action: String, outcome: Decision.Outcome) throws {
        #expect(try Self.decide(action: action, services: nil) == outcome)
    }

    // "RCPs don't apply to … actions performed by AWS service principals" (AWS Organizations User Guide, RCPs:
    // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html).
    @Test func anAWSServicePrincipalIsNotRestricted() throws {
        let service = try Self.decision(action: "s3:PutObject", services: nil, principal: "cloudtrail.amazonaws.com")
        #expect(service.denies.isEmpty && service.missingAllows.allSatisfy { $0.layer != .rcp })
        #expect(try Self.decision(action: "s3:PutObject", services: nil).denies.map(\.layer) == [.rcp])
    }

    @Test func callersCanReplaceTheTable() throws {
        #expect(try Self.decide(action: "ec2:RunInstances", services: ["ec2"]) == .explicitDeny)
        #expect(try Self.decide(action: "s3:GetObject", services: ["ec2"]) == .allow)
    }
}
