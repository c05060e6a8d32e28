import Snapshot
import Testing
import TrailJSON

/// Hand-written `s3/`, `resource-policies/` and `vpc-endpoints.json` files.
@Suite struct ResourceLookupTests {
    static let data = "accounts/555566667777"

    static func snapshot() -> (TemporaryDirectory, SnapshotLoad) {
        let dir = TemporaryDirectory()
        dir.write("\(data)/s3/example-data.json", json: ["Policy": .string(policyText(statement("Deny", "s3:GetObject", sid: "DenyIntern")))])
        dir.write("\(data)/s3/_buckets.json", json: ["Buckets": [["Name": "example-data"], ["Name": "open-bucket"]],
            "Owner": ["ID": "abc"]])
        dir.write("accounts/222233334444/s3/broken.json", json: ["Policy": "Allow all"])
        dir.write("\(data)/resource-policies/key.json", json: [
            "ResourceArn": "arn:aws:kms:us-east-1:555566667777:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            "Aliases": ["arn:aws:kms:us-east-1:555566667777:alias/data"],
            "Policy": .string(policyText(statement("Allow", "kms:*"))),
        ])
        dir.write("\(data)/resource-policies/secret.json", json: [
            "ResourceArn": "arn:aws:secretsmanager:us-east-1:555566667777:secret:prod/db-AbCdEf",
            "Policy": policy(statement("Deny", "secretsmanager:GetSecretValue")),
        ])
        dir.write("\(data)/resource-policies/queue.json", json: ["ResourceArn": "arn:aws:sqs:us-east-1:555566667777:plain", "Policy": nil])
        dir.write("\(data)/resource-policies/_inventory.json", json: ["Region": "us-east-1", "Services": [
            "sqs": ["arn:aws:sqs:us-east-1:555566667777:plain", "arn:aws:sqs:us-east-1:555566667777:quiet"],
            "kms": ["arn:aws:kms:us-east-1:555566667777:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
        ]])
        dir.write("\(data)/vpc-endpoints.json", json: ["VpcEndpoints": [
            ["VpcEndpointId": "vpce-0a1b2c3d4e5f60718", "VpcEndpointType": "Gateway", "VpcId": "vpc-0abc",
             "ServiceName": "com.amazonaws.us-east-1.s3",
             "PolicyDocument": .string(policyText(statement("Allow", "s3:GetObject")))],
            ["VpcEndpointId": "vpce-0interface000000", "VpcEndpointType": "Interface", "VpcId": "vpc-0abc",
             "ServiceName": "com.amazonaws.us-east-1.execute-api"],
            ["VpcEndpointId": "vpce-0broken00000000", "VpcId": "vpc-0abc", "ServiceName": "x", "PolicyDocument": "{"],
        ]])
        return (dir, Snapshot.load(directory: dir.path))
    }

    @Test func findsBucketPoliciesForBucketAndObjectARNs() throws {
        let (dir, load) = Self.snapshot()
        let snapshot = load.snapshot
        for arn in ["arn:aws:s3:::example-data", "arn:aws:s3:::example-data/reports/2026-11.csv"] {
            let source = try #require(snapshot.resourcePolicy(arn: arn).value ?? nil)
            #expect(source.id == "arn:aws:s3:::example-data")
            #expect(source.kind == .bucket)
            #expect(source.origin == dir.path + "/\(Self.data)/s3/example-data.json: Policy")
            #expect(source.document["Statement"]?.arrayValue?.first?["Sid"] == "DenyIntern")
        }
        #expect(snapshot.bucketOwner(bucket: "example-data") == "555566667777")
    }

    @Test func aListedBucketWithoutPolicyFileHasNoPolicyAndAnUnlistedOneIsUnknown() {
        let (_, load) = Self.snapshot()
        #expect(load.snapshot.resourcePolicy(arn: "arn:aws:s3:::open-bucket/a/b") == .known(nil))
        #expect(load.snapshot.resourcePolicy(arn: "arn:aws:s3:::elsewhere") == .unknown(reason:
            "bucket `elsewhere` is not in the snapshot: no `s3/elsewhere.json` and no `s3/_buckets.json` listing it"))
    }

    @Test func anUndecodableBucketPolicyIsDiagnosedAndUnknown() {
        let (dir, load) = Self.snapshot()
        let file = dir.path + "/accounts/222233334444/s3/broken.json"
        #expect(load.diagnostics.map(\.description) == [
            "\(file): Policy: policy text `Allow all` is neither JSON nor URL-encoded JSON",
            "\(dir.path)/\(Self.data)/vpc-endpoints.json: VpcEndpoints[2].PolicyDocument: policy text is not valid JSON: "
                + "line 1, column 2: unexpected `end of input`, expected a quoted member name",
        ])
        #expect(load.snapshot.resourcePolicy(arn: "arn:aws:s3:::broken") == .unknown(reason: "the policy in `\(file)` cannot be decoded"))
    }

    @Test func findsOtherResourcePoliciesByARNAliasOrPartialSecretARN() throws {
        let (_, load) = Self.snapshot()
        let snapshot = load.snapshot
        let key = "arn:aws:kms:us-east-1:555566667777:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        #expect((snapshot.resourcePolicy(arn: key).value ?? nil)?.id == key)
        #expect((snapshot.resourcePolicy(arn: "arn:aws:kms:us-east-1:555566667777:alias/data").value ?? nil)?.id == key)
        #expect((snapshot.resourcePolicy(arn: key).value ?? nil)?.kind == .resource)
        let secret = snapshot.resourcePolicy(arn: "arn:aws:secretsmanager:us-east-1:555566667777:secret:prod/db").value ?? nil
        #expect(firstAction(secret) == "secretsmanager:GetSecretValue")
        #expect(snapshot.resourcePolicy(arn: "arn:aws:secretsmanager:us-east-1:555566667777:secret:prod/dbx").value == nil)
    }

    @Test func onlyACollectorListingProvesThatAResourceHasNoPolicy() {
        let (_, load) = Self.snapshot()
        let snapshot = load.snapshot
        #expect(snapshot.resourcePolicy(arn: "arn:aws:sqs:us-east-1:555566667777:plain") == .known(nil))
        #expect(snapshot.resourcePolicy(arn: "arn:aws:sqs:us-east-1:555566667777:quiet") == .known(nil))
        #expect(snapshot.resourcePolicy(arn: "arn:aws:sqs:us-east-1:555566667777:ghost") == .unknown(reason:
            "`arn:aws:sqs:us-east-1:555566667777:ghost` is not among the `sqs` resources listed for account `555566667777`"))
        #expect(snapshot.resourcePolicy(arn: "arn:aws:kinesis:us-east-1:555566667777:stream/clickstream") == .unknown(reason: .init(
            "no resource policy for `arn:aws:kinesis:us-east-1:555566667777:stream/clickstream` in the snapshot, "
            + "and no listing of `kinesis` in `us-east-1` for account `555566667777`")))
        // What is missing is named apart from the words, so that a summary counts the calls it made unknown once.
        #expect(snapshot.resourcePolicy(arn: "arn:aws:kinesis:us-east-1:555566667777:stream/clickstream").unknownGap
            == .listing(service: "kinesis", region: "us-east-1", account: "555566667777"))
        #expect(snapshot.resourcePolicy(arn: "arn:aws:sqs:us-east-1:999999999999:q").unknownGap == .account("999999999999"))
        #expect(snapshot.resourcePolicy(arn: "arn:aws:s3:::nowhere-bucket").unknownGap == .bucket("nowhere-bucket"))
        #expect(snapshot.principal(arn: "arn:aws:iam::999999999999:user/x").unknownGap == .account("999999999999"))
        #expect(snapshot.vpcEndpoint(id: "vpce-0nothere").unknownGap == .vpcEndpoint("vpce-0nothere"))
        // A resource missing from a listing proves it is not there, which is not a gap in the snapshot.
        #expect(snapshot.resourcePolicy(arn: "arn:aws:sqs:us-east-1:555566667777:ghost").unknownGap == nil)
        #expect(snapshot.resourcePolicy(arn: "arn:aws:sqs:eu-west-1:555566667777:plain").unknownReason != nil)
        #expect(snapshot.resourcePolicy(arn: "arn:aws:sqs:us-east-1:999999999999:q").unknownReason?.contains("account `999999999999` is not in the snapshot") == true)
    }

    @Test func readsVpcEndpointsAndTheirPolicies() throws {
        let (dir, load) = Self.snapshot()
        let snapshot = load.snapshot
        let endpoint = try #require(snapshot.vpcEndpoint(id: "vpce-0a1b2c3d4e5f60718").value)
        #expect(endpoint.account == "555566667777" && endpoint.vpcId == "vpc-0abc")
        #expect(endpoint.serviceName == "com.amazonaws.us-east-1.s3")
        #expect(endpoint.policy?.id == "vpce-0a1b2c3d4e5f60718" && endpoint.policy?.kind == .vpcEndpoint)
        #expect(firstAction(endpoint.policy) == "s3:GetObject")
        #expect(snapshot.vpcEndpoint(id: "vpce-0interface000000").value?.policy == nil)
        #expect(snapshot.vpcEndpoint(id: "vpce-0broken00000000").unknownReason
            == "the policy of `vpce-0broken00000000` in `\(dir.path)/\(Self.data)/vpc-endpoints.json` cannot be decoded")
        #expect(snapshot.vpcEndpoint(id: "vpce-0missing").unknownReason == "VPC endpoint `vpce-0missing` is not in any account's "
            + "`vpc-endpoints.json` (not collected: `\(dir.path)/accounts/222233334444/vpc-endpoints.json` is missing)")
    }
}
