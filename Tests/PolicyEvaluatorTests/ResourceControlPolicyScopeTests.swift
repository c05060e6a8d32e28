import PolicyEvaluator
import Testing

@Suite struct ResourceControlPolicyScopeTests {
    static func decide(action: String, services: Set<String>?) throws -> Decision.Outcome {
        let deny = try CompiledPolicy.compile(
            text: #"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*"}]}"#,
            id: "rcp")
        let allow = try CompiledPolicy.compile(
            text: #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#, id: "id")
        let authorizer = services.map { Authorizer(rcpServices: $0) } ?? Authorizer()
        return authorizer.evaluate(
            request: Request(principal: "arn:aws:iam::111122223333:user/alice", action: action),
            policies: LayeredPolicies(identity: [allow], rcp: [[deny]])
        ).decision
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

    @Test func callersCanReplaceTheTable() throws {
        #expect(try Self.decide(action: "ec2:RunInstances", services: ["ec2"]) == .explicitDeny)
        #expect(try Self.decide(action: "s3:GetObject", services: ["ec2"]) == .allow)
    }
}
