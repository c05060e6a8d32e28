/// The services whose resources resource control policies (RCPs) govern.
///
/// AWS Organizations documents RCPs for Amazon S3, AWS STS, AWS KMS, Amazon SQS and AWS
/// Secrets Manager, and later added Amazon ECR, Amazon OpenSearch Serverless, Amazon Cognito
/// (user and identity pools), Amazon CloudWatch Logs and Amazon DynamoDB. Actions of other
/// services are not subject to RCPs. Callers with fresher reference data pass their own set.
public enum ResourceControlPolicyServices {
    /// IAM action prefixes of the services AWS lists as supporting RCPs.
    public static let documented: Set<String> = [
        "s3", "sts", "kms", "sqs", "secretsmanager",
        "ecr", "aoss", "cognito-idp", "cognito-identity", "logs", "dynamodb",
    ]
}
