import PolicyLanguage
import Testing
@testable import Replay

@Suite struct DenyMessageTests {
    struct Case: Sendable, CustomStringConvertible {
        var text: String
        var action: String?
        var resource: String?
        var layer: PolicyLayer?
        var explicit: Bool?
        var policy: String? = nil
        var description: String { String(text.prefix(60)) }
    }

    static let cases: [Case] = [
        Case(text: "User: arn:aws:iam::123456789012:user/Matt is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::123456789012:role/* with an explicit deny in a service control policy",
             action: "iam:ListRoles", resource: "arn:aws:iam::123456789012:role/*", layer: .scp, explicit: true),
        Case(text: "User: arn:aws:iam::123456789012:user/Matt is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::123456789012:role/* with an explicit deny in a service control policy: arn:aws:organizations::987654321098:policy/o-qv5af4abcd/service_control_policy/p-2kgnabcd",
             action: "iam:ListRoles", resource: "arn:aws:iam::123456789012:role/*", layer: .scp, explicit: true,
             policy: "arn:aws:organizations::987654321098:policy/o-qv5af4abcd/service_control_policy/p-2kgnabcd"),
        Case(text: "User: arn:aws:sts::111122223333:assumed-role/R/s is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::b/k\" with an explicit deny in an identity-based policy, with policy ARN: arn:aws:iam::111122223333:policy/DenyS3",
             action: "s3:GetObject", resource: "arn:aws:s3:::b/k", layer: .identity, explicit: true,
             policy: "arn:aws:iam::111122223333:policy/DenyS3"),
        Case(text: "User: arn:aws:iam::123456789012:user/MaryMajor is not authorized to perform: codecommit:ListRepositories because no identity-based policy allows the codecommit:ListRepositories action",
             action: "codecommit:ListRepositories", resource: nil, layer: .identity, explicit: false),
        Case(text: "User: arn:aws:sts::1:assumed-role/A/B is not authorized to perform: s3:PutObject on resource: \"arn:aws:s3:::b/x\" because no VPC endpoint policy allows the s3:PutObject action",
             action: "s3:PutObject", resource: "arn:aws:s3:::b/x", layer: .vpcEndpoint, explicit: false),
        Case(text: "User: arn:aws:iam::1:user/a is not authorized to perform: iam:DeleteRole on resource: role prod-app with an explicit deny in an identity-based policy",
             action: "iam:DeleteRole", resource: "role prod-app", layer: .identity, explicit: true),
        Case(text: "User: arn:aws:sts::1:assumed-role/a/b is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:1:instance/* with an explicit deny in a permissions boundary",
             action: "ec2:RunInstances", resource: "arn:aws:ec2:us-east-1:1:instance/*", layer: .permissionsBoundary, explicit: true),
        Case(text: "User: arn:aws:sts::1:assumed-role/a/b is not authorized to perform: s3:DeleteObject on resource: \"arn:aws:s3:::b/k\" with an explicit deny in a resource control policy",
             action: "s3:DeleteObject", resource: "arn:aws:s3:::b/k", layer: .rcp, explicit: true),
        Case(text: "User: arn:aws:sts::1:assumed-role/a/b is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:1:instance/* with an explicit deny in a session policy",
             action: "ec2:RunInstances", resource: "arn:aws:ec2:us-east-1:1:instance/*", layer: .session, explicit: true),
        Case(text: "You are not authorized to perform this operation. User: arn:aws:sts::751353041310:assumed-role/r/s is not authorized to perform: ec2:GetPasswordData on resource: arn:aws:ec2:r:751353041310:instance/* because no identity-based policy allows the ec2:GetPasswordData action. Encoded authorization failure message: fqhg8C",
             action: "ec2:GetPasswordData", resource: "arn:aws:ec2:r:751353041310:instance/*", layer: .identity, explicit: false),
        Case(text: "User: arn:aws:sts::1:assumed-role/a/b is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::b/k\" because no resource-based policy allows the s3:GetObject action",
             action: "s3:GetObject", resource: "arn:aws:s3:::b/k", layer: .resource, explicit: false),
        Case(text: "Access Denied", action: nil, resource: nil, layer: nil, explicit: nil),
        Case(text: "You are not authorized to perform this operation.", action: nil, resource: nil, layer: nil, explicit: nil),
    ]

    @Test(arguments: cases)
    func parsesEveryForm(_ c: Case) {
        let message = DenyMessage(c.text)
        #expect(message.action == c.action)
        #expect(message.resource == c.resource)
        #expect(message.layer == c.layer)
        #expect(message.explicit == c.explicit)
        #expect(message.policyArn == c.policy)
    }

    @Test func keepsTheEncodedMessageAndThePrincipal() {
        let message = DenyMessage(Self.cases[9].text)
        #expect(message.encodedMessage == "fqhg8C")
        #expect(message.principal == "arn:aws:sts::751353041310:assumed-role/r/s")
    }
}
