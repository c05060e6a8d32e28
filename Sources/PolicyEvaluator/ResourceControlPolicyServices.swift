/// The services whose resources resource control policies (RCPs) govern.
///
/// AWS Organizations launched RCPs for Amazon S3, AWS STS, AWS KMS, Amazon SQS and AWS Secrets
/// Manager, added Amazon ECR and Amazon OpenSearch Serverless (June 2025), then Amazon Cognito
/// and Amazon CloudWatch Logs (January 2026). Actions of other services are not subject to RCPs.
/// Callers with fresher reference data pass their own set to `Authorizer`.
public enum ResourceControlPolicyServices {
    /// IAM action prefixes of the services AWS lists as supporting RCPs.
    public static let documented: Set<String> = [
        "s3", "sts", "kms", "sqs", "secretsmanager",
        "ecr", "aoss", "cognito-idp", "cognito-identity", "logs",
    ]
}
