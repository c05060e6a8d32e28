import Testing
@testable import Replay

@Suite struct ActionResolverTests {
    static let resolver = ActionResolver(reference: .bundled)

    @Test func theBundledReferenceIsLoaded() {
        #expect(ServiceReference.bundled.services.count > 400)
        #expect(ServiceReference.bundled.rcpServices.contains("s3"))
        #expect(ServiceReference.bundled.canonicalAction(prefix: "S3", name: "getobject") == "s3:GetObject")
    }

    @Test(arguments: [
        ("s3.amazonaws.com", "ListBuckets", "s3:ListAllMyBuckets"),
        ("s3.amazonaws.com", "HeadObject", "s3:GetObject"),
        ("s3.amazonaws.com", "ListObjectsV2", "s3:ListBucket"),
        ("s3.amazonaws.com", "ListObjects", "s3:ListBucket"),
        ("s3.amazonaws.com", "CopyObject", "s3:PutObject"),
        ("s3.amazonaws.com", "UploadPart", "s3:PutObject"),
        ("s3.amazonaws.com", "GetBucketEncryption", "s3:GetEncryptionConfiguration"),
        ("lambda.amazonaws.com", "UpdateFunctionConfiguration20150331v2", "lambda:UpdateFunctionConfiguration"),
        ("lambda.amazonaws.com", "GetFunction20150331", "lambda:GetFunction"),
        ("lambda.amazonaws.com", "Invoke", "lambda:InvokeFunction"),
        ("cloudfront.amazonaws.com", "ListDistributions2020_05_31", "cloudfront:ListDistributions"),
        ("monitoring.amazonaws.com", "PutMetricAlarm", "cloudwatch:PutMetricAlarm"),
        ("email.amazonaws.com", "SendEmail", "ses:SendEmail"),
        ("appstream2.amazonaws.com", "CreateFleet", "appstream:CreateFleet"),
        ("models.lex.amazonaws.com", "GetBots", "lex:GetBots"),
        ("runtime.lex.amazonaws.com", "PostText", "lex:PostText"),
        ("streams.dynamodb.amazonaws.com", "GetRecords", "dynamodb:GetRecords"),
        ("tagging.amazonaws.com", "GetResources", "tag:GetResources"),
        ("ec2.amazonaws.com", "RunInstances", "ec2:RunInstances"),
        ("iam.amazonaws.com", "DeleteRole", "iam:DeleteRole"),
        ("sts.amazonaws.com", "AssumeRole", "sts:AssumeRole"),
    ])
    func mapsEventsToActions(source: String, name: String, action: String) {
        #expect(Self.resolver.action(eventSource: source, eventName: name) == action)
    }
}
