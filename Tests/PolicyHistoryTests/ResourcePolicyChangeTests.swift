import CivilTime
import Foundation
import PolicyHistory
import Replay
import Snapshot
import Testing
import TrailJSON

/// Changes to the other resource policies a snapshot holds in `resource-policies/`, with the request parameters
/// the API references give: SQS SetQueueAttributes (`Attributes.Policy`,
/// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html), SNS
/// SetTopicAttributes (`AttributeName` `Policy`, https://docs.aws.amazon.com/sns/latest/api/API_SetTopicAttributes.html),
/// ECR SetRepositoryPolicy (`policyText`, https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_SetRepositoryPolicy.html),
/// Secrets Manager PutResourcePolicy (`ResourcePolicy`, `SecretId` an ARN or a name,
/// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutResourcePolicy.html) and Lambda
/// AddPermission, which adds one statement (https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html).
@Suite struct ResourcePolicyChangeTests {
    static let policy = JSONWriter.string(PolicyHistoryTests.document("FromTheRecord", "Allow"))

    static func change(_ source: String, _ name: String, _ parameters: JSONValue, at clock: String, id: Int) throws -> PolicyChange {
        try PolicyHistoryTests.change(name, JSONWriter.string(parameters), at: clock, id: id, source: source)
    }

    func state(_ changes: [PolicyChange], _ object: PolicyObject, at clock: String, snapshot: PolicyObjectState? = .document(nil))
        -> PolicyObjectState
    {
        PolicyHistory(changes: changes).state(of: object, at: PolicyHistoryTests.time(clock), snapshot: snapshot,
            snapshotTime: PolicyHistoryTests.snapshotTime)
    }

    @Test func aQueuePolicySetBeforeTheCallIsTheQueuesPolicyThen() throws {
        let set = try Self.change("sqs.amazonaws.com", "SetQueueAttributes",
            ["queueUrl": "https://sqs.us-east-1.amazonaws.com/222233334444/orders", "attributes": ["Policy": .string(Self.policy)]],
            at: "08:00", id: 1)
        let queue = PolicyObject.resourcePolicy(arn: "arn:aws:sqs:us-east-1:222233334444:orders")
        #expect(PolicyHistory(changes: [set]).entries.map(\.object) == [queue])
        #expect(state([set], queue, at: "09:00") == .document(PolicyHistoryTests.document("FromTheRecord", "Allow")))
        // An empty Policy removes it.
        let cleared = try Self.change("sqs.amazonaws.com", "SetQueueAttributes",
            ["queueUrl": "https://sqs.us-east-1.amazonaws.com/222233334444/orders", "attributes": ["Policy": ""]], at: "08:30", id: 2)
        #expect(state([set, cleared], queue, at: "09:00") == .document(nil))
    }

    @Test func attributesOtherThanThePolicyAreNotPolicyChanges() throws {
        let text = #"{"eventSource":"sqs.amazonaws.com","eventName":"SetQueueAttributes","eventTime":"2026-11-28T08:00:00Z","recipientAccountId":"222233334444","awsRegion":"us-east-1","requestParameters":{"queueUrl":"https://sqs.us-east-1.amazonaws.com/222233334444/orders","attributes":{"VisibilityTimeout":"60"}}}"#
        #expect(PolicyChange(record: try JSONParser.parse(text)) == nil)
        let topic = #"{"eventSource":"sns.amazonaws.com","eventName":"SetTopicAttributes","eventTime":"2026-11-28T08:00:00Z","recipientAccountId":"222233334444","awsRegion":"us-east-1","requestParameters":{"topicArn":"arn:aws:sns:us-east-1:222233334444:alerts","attributeName":"DisplayName","attributeValue":"Alerts"}}"#
        #expect(PolicyChange(record: try JSONParser.parse(topic)) == nil)
    }

    @Test func topicRepositoryAndSecretPoliciesAreNamedByTheirARN() throws {
        let topic = try Self.change("sns.amazonaws.com", "SetTopicAttributes", ["topicArn": "arn:aws:sns:us-east-1:222233334444:alerts",
            "attributeName": "Policy", "attributeValue": .string(Self.policy)], at: "08:00", id: 1)
        let repository = try Self.change("ecr.amazonaws.com", "DeleteRepositoryPolicy", ["repositoryName": "app"], at: "08:00", id: 2)
        let secret = try Self.change("secretsmanager.amazonaws.com", "PutResourcePolicy", ["secretId": "prod/db",
            "resourcePolicy": .string(Self.policy)], at: "08:00", id: 3)
        let entries = PolicyHistory(changes: [topic, repository, secret]).entries
        #expect(entries.map(\.object) == [
            .resourcePolicy(arn: "arn:aws:sns:us-east-1:222233334444:alerts"),
            .resourcePolicy(arn: "arn:aws:ecr:us-east-1:222233334444:repository/app"),
            .resourcePolicy(arn: "arn:aws:secretsmanager:us-east-1:222233334444:secret:prod/db"),
        ])
        #expect(state([repository], .resourcePolicy(arn: "arn:aws:ecr:us-east-1:222233334444:repository/app"), at: "09:00",
            snapshot: .document(PolicyHistoryTests.document("Old", "Allow"))) == .document(nil))
        #expect(PolicyChange.secretWithoutSuffix("arn:aws:secretsmanager:us-east-1:1:secret:prod/db-AbCdEf")
            == "arn:aws:secretsmanager:us-east-1:1:secret:prod/db")
    }

    @Test func aStatementAddedAfterTheCallMakesTheFunctionPolicyBeforeItUnknown() throws {
        let add = try Self.change("lambda.amazonaws.com", "AddPermission20150331v2", ["functionName": "ingest",
            "statementId": "s3-invoke", "action": "lambda:InvokeFunction", "principal": "s3.amazonaws.com"], at: "09:30", id: 1)
        let function = PolicyObject.resourcePolicy(arn: "arn:aws:lambda:us-east-1:222233334444:function:ingest")
        let snapshot = PolicyObjectState.document(PolicyHistoryTests.document("Now", "Allow"))
        guard case .unknown(let reason) = state([add], function, at: "09:00", snapshot: snapshot) else {
            Issue.record("a call before AddPermission is not unknown")
            return
        }
        #expect(reason.contains("AddPermission20150331v2 at 2026-11-28T09:30:00Z"))
        // After it, nothing changed before the snapshot: the snapshot's policy.
        #expect(state([add], function, at: "10:00", snapshot: snapshot) == snapshot)
    }
}

/// The sample snapshot lists the secret `prod/db/password` (stored as `…:secret:prod/db/password-Xk29Qa`) with no
/// policy; a PutResourcePolicy naming it by name applies to it.
@Suite struct ResourcePolicySnapshotTests {
    static let snapshot = SnapshotAsOfTests.snapshot
    static let stored = "arn:aws:secretsmanager:us-east-1:222233334444:secret:prod/db/password-Xk29Qa"

    @Test func aSecretNamedWithoutItsSuffixIsTheStoredOne() throws {
        let named = PolicyObject.resourcePolicy(arn: "arn:aws:secretsmanager:us-east-1:222233334444:secret:prod/db/password")
        #expect(Self.snapshot.state(of: named) == .document(nil), "listed in the inventory, without a policy")
        #expect(Self.snapshot.policyID(of: named) == Self.stored)
        let document = PolicyHistoryTests.document("FromTheRecord", "Allow")
        let changed = Self.snapshot.applying([PolicyObjectUpdate(object: named, state: .document(document), origin: "a record")])
        #expect((changed.resourcePolicy(arn: Self.stored).value ?? nil)?.document == document)
        #expect(Self.snapshot.state(of: .resourcePolicy(arn: "arn:aws:sqs:us-east-1:222233334444:nowhere")) == nil)
    }
}
