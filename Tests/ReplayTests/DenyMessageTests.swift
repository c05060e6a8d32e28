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

    /// One real message per form of `DenyMessage.forms`, quoted from the source the form names.
    struct Quote: Sendable, CustomStringConvertible {
        var text: String
        var errorCode: String? = nil
        var layer: PolicyLayer
        var explicit: Bool?
        var source: String
        var description: String { String(text.suffix(70)) }
    }

    static let iam = "https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html"
    static let quotes: [Quote] = [
        Quote(text: "User: arn:aws:sts::111122223333:assumed-role/role-name/role-session-name is not authorized to perform: SNS:Publish on resource: arn:aws:sns:us-east-1:444455556666:role-name-2 with an explicit deny in a VPC endpoint policy transitively through a service control policy",
              layer: .scp, explicit: true, source: iam),
        Quote(text: "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: codedeploy:ListDeployments on resource: arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:* with an explicit deny in an identity-based policy",
              layer: .identity, explicit: true, source: iam),
        Quote(text: "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:us-east-1:123456789012:secret:* with an explicit deny in a resource-based policy",
              layer: .resource, explicit: true, source: iam),
        Quote(text: "User: arn:aws:iam::777788889999:user/JohnDoe is not authorized to perform: sts:AssumeRole with an explicit deny in the role trust policy",
              layer: .resource, explicit: true, source: iam),
        Quote(text: "User: arn:aws:iam::777788889999:user/JohnDoe is not authorized to perform: sagemaker:ListModels with an explicit deny in a permissions boundary",
              layer: .permissionsBoundary, explicit: true, source: iam),
        // The guide's general pattern: "AWS includes the phrase with an explicit deny in a type policy".
        Quote(text: "User: arn:aws:sts::123456789012:assumed-role/ops/bob is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:123456789012:instance/* with an explicit deny in a session policy",
              layer: .session, explicit: true, source: iam),
        Quote(text: "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: codedeploy:ListDeployments on resource: arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:* with an explicit deny in a sessions policy",
              layer: .session, explicit: true, source: iam),
        Quote(text: "User: arn:aws:iam::777788889999:user/JohnDoe is not authorized to perform: codecommit:ListRepositories with an explicit deny in a service control policy",
              layer: .scp, explicit: true, source: iam),
        // The guide: "the error message always includes the phrase `due to an explicit deny in a Service Control Policy`".
        Quote(text: "User: arn:aws:iam::777788889999:user/JohnDoe is not authorized to perform: codecommit:ListRepositories due to an explicit deny in a Service Control Policy",
              layer: .scp, explicit: true, source: iam),
        Quote(text: "User: arn:aws:sts::1:assumed-role/a/b is not authorized to perform: s3:DeleteObject on resource: \"arn:aws:s3:::b/k\" with an explicit deny in a resource control policy",
              layer: .rcp, explicit: true, source: "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html"),
        Quote(text: "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: codedeploy:ListDeployments on resource: arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:* with an explicit deny in a VPC endpoint policy",
              layer: .vpcEndpoint, explicit: true, source: iam),
        Quote(text: "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: codecommit:ListRepositories because no identity-based policy allows the codecommit:ListRepositories action",
              layer: .identity, explicit: false, source: iam),
        Quote(text: "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: secretsmanager:GetSecretValue because no resource-based policy allows the secretsmanager:GetSecretValue action",
              layer: .resource, explicit: false, source: iam),
        Quote(text: "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/prod because no role trust policy allows the sts:AssumeRole action",
              layer: .resource, explicit: false, source: iam),
        Quote(text: "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: sts:AssumeRole because the role trust policy allows the sts:AssumeRole action",
              layer: .resource, explicit: false, source: iam),
        Quote(text: "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: codedeploy:ListDeployments on resource: arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:* because no permissions boundary allows the codedeploy:ListDeployments action",
              layer: .permissionsBoundary, explicit: false, source: iam),
        Quote(text: "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: codecommit:ListRepositories because no session policy allows the codecommit:ListRepositories action",
              layer: .session, explicit: false, source: iam),
        Quote(text: "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: codecommit:ListRepositories because no service control policy allows the codecommit:ListRepositories action",
              layer: .scp, explicit: false, source: iam),
        Quote(text: "User: arn:aws:sts::1:assumed-role/a/b is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::b/k\" because no resource control policy allows the s3:GetObject action",
              layer: .rcp, explicit: false, source: "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html"),
        Quote(text: "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: codecommit:ListRepositories because no VPC endpoint policy allows the codecommit:ListRepositories action",
              layer: .vpcEndpoint, explicit: false, source: iam),
        Quote(text: "The request was denied due to a VPC endpoint policy", errorCode: "VpceAccessDenied", layer: .vpcEndpoint,
              explicit: nil, source: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html"),
    ]

    @Test(arguments: quotes)
    func readsEveryDocumentedForm(_ quote: Quote) {
        let message = DenyMessage(quote.text, errorCode: quote.errorCode)
        #expect(message.layer == quote.layer)
        #expect(message.explicit == quote.explicit)
        let form = DenyMessage.form(in: quote.text[...])?.0
        #expect(form?.source == quote.source)
    }

    @Test func everyFormHasAQuote() {
        for form in DenyMessage.forms {
            #expect(Self.quotes.contains { DenyMessage.form(in: $0.text[...])?.0.phrase == form.phrase }, "\(form.phrase)")
        }
    }

    @Test func theVpcEndpointErrorCodeNamesTheLayerWithoutAMessage() {
        #expect(DenyMessage("", errorCode: "VpceAccessDenied").layer == .vpcEndpoint)
        #expect(DenyMessage("Access Denied", errorCode: "AccessDenied").layer == nil)
    }

    @Test func keepsTheEncodedMessageAndThePrincipal() {
        let message = DenyMessage(Self.cases[9].text)
        #expect(message.encodedMessage == "fqhg8C")
        #expect(message.principal == "arn:aws:sts::751353041310:assumed-role/r/s")
    }
}
