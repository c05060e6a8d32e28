import Foundation
import MotoSupport
import Snapshot
import Testing
import TrailJSON

/// Builds an organization in a moto server through real API calls (Scripts/moto-fixture.py), collects it
/// with Scripts/collect-snapshot, loads the result and checks the model. moto 5.2 lacks
/// `iam:PutUserPermissionsBoundary` (the fixture reports it; user boundaries are covered by unit tests).
@Suite(.serialized) struct MotoCollectorTests {
    @Test(.enabled(if: MotoServer.isAvailable, "needs python3 with moto and boto3 (pip install moto boto3) and the aws CLI"),
        .timeLimit(.minutes(2)))
    func collectsAndLoadsAnOrganization() throws {
        let clock = ContinuousClock()
        var started = clock.now
        func phase(_ name: String) {
            print("moto test: \(name) took \(clock.now - started)")
            started = clock.now
        }
        let server = try MotoServer()
        defer { server.stop() }
        phase("starting moto")
        let fixtureRun = try ProcessRunner.run(["python3", repositoryRoot + "/Scripts/moto-fixture.py", server.endpoint])
        try #require(fixtureRun.status == 0, "fixture failed: \(fixtureRun.stderr)")
        phase("the fixture")
        let fixture = try JSONParser.parse(fixtureRun.stdout)
        for key in ["organization", "management", "workload", "data", "root", "production", "apps", "scp_production",
            "scp_workload", "allow_iam", "boundary", "deploy_id", "intern_id", "vpce", "vpc", "queue", "plain_queue",
            "key", "key_alias", "secret", "repository", "topic"] {
            try #require(fixture[key]?.stringValue != nil, "fixture output has no `\(key)`")
        }
        func id(_ key: String) -> String { fixture[key]?.stringValue ?? "" }
        let unsupported = (fixture["unsupported"]?.arrayValue ?? []).compactMap(\.stringValue)
        for item in unsupported { print("moto does not support: \(item)") }

        let output = TemporaryDirectory()
        let snapshotPath = output.path + "/snapshot"
        let collect = try ProcessRunner.run(
            [repositoryRoot + "/Scripts/collect-snapshot", snapshotPath, "--organization",
             "--member-role", "OrganizationAccountAccessRole", "--region", "us-east-1"],
            environment: ["AWS_ENDPOINT_URL": server.endpoint, "AWS_ACCESS_KEY_ID": "testing",
                "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "", "AWS_PROFILE": "",
                "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null"])
        try #require(collect.status == 0, "collector failed: \(collect.stderr)")
        #expect(collect.stderr.contains("0 problems"), "collector problems: \(collect.stderr)")

        phase("collect-snapshot")
        let load = Snapshot.load(directory: snapshotPath)
        phase("Snapshot.load")
        #expect(load.diagnostics == [])
        let snapshot = load.snapshot
        let (management, workload, data) = (id("management"), id("workload"), id("data"))
        #expect(snapshot.accountIDs == [management, workload, data].sorted())

        // The organization tree and its control policies, root → Production → Apps → workload.
        #expect(snapshot.organizationID == (id("organization")))
        #expect(snapshot.isManagementAccount(management) == true)
        #expect(snapshot.isManagementAccount(workload) == false)
        #expect(snapshot.organizationPath(account: workload) == .known([id("root"), id("production"), id("apps"), workload]))
        let scps = try #require(snapshot.serviceControlPolicies(account: workload).value)
        #expect(scps.count == 4)
        #expect(scps.map { Set($0.map(\.id)) }.allSatisfy { $0.contains { $0.hasSuffix("/p-FullAWSAccess") } })
        #expect(scps[1].map(\.id).contains(id("scp_production")))
        #expect(scps[3].map(\.id).contains(id("scp_workload")))
        #expect(scps.flatMap { $0 }.allSatisfy { $0.kind == .scp })
        #expect(snapshot.serviceControlPolicies(account: management) == .known([]))
        if let rcp = fixture["rcp"]?.stringValue {
            let rcps = try #require(snapshot.resourceControlPolicies(account: data).value)
            #expect(rcps.map { $0.map(\.id).sorted() }.last?.contains(rcp) == true)
            #expect(rcps.count == 2)
        } else {
            Issue.record("moto did not accept an RCP: \(unsupported)")
        }

        // Principals: a user with inline, attached, group and AWS managed policies; roles with a path and boundary.
        let alice = try #require(snapshot.principal(arn: "arn:aws:iam::\(workload):user/alice").value)
        #expect(alice.kind == .user)
        #expect(alice.tags == ["team": "platform"])
        #expect(alice.identity.map(\.kind) == [.inline, .managed, .groupInline, .groupManaged])
        #expect(alice.identity.map(\.id) == [
            "arn:aws:iam::\(workload):user/alice#inline:NoRoleDeletion", id("allow_iam"),
            "arn:aws:iam::\(workload):group/developers#inline:ReadBuckets", "arn:aws:iam::aws:policy/ReadOnlyAccess",
        ])
        #expect(alice.identity[1].document["Statement"]?.arrayValue?.first?["Sid"] == "V2")
        #expect(alice.isComplete)
        let deploy = try #require(snapshot.principal(arn: "arn:aws:sts::\(workload):assumed-role/deploy/ci-run").value)
        #expect(deploy.arn == "arn:aws:iam::\(workload):role/ci/deploy")
        #expect(deploy.id == (id("deploy_id")))
        #expect(deploy.tags == ["env": "prod", "cost-center": "cc-42"])
        #expect(deploy.boundaryLayer == .known(nil))
        let intern = try #require(snapshot.principal(uniqueID: id("intern_id")).value)
        #expect(intern.name == "intern")
        #expect(intern.boundary?.id == (id("boundary")))
        #expect(intern.boundary?.kind == .boundary)
        #expect(intern.identity.map(\.kind) == [.inline, .managed])
        let bob = try #require(snapshot.principal(arn: "arn:aws:iam::\(workload):user/contractors/bob").value)
        #expect(bob.path == "/contractors/" && bob.identity.isEmpty && bob.isComplete)
        #expect(snapshot.principal(arn: "arn:aws:iam::\(workload):user/nobody").unknownReason?.contains("not in the authorization details") == true)
        #expect(snapshot.principal(arn: "arn:aws:iam::999999999999:user/alice").unknownReason?.contains("not in the snapshot") == true)

        // Resource policies: buckets with and without a policy, a bucket never collected, other services.
        let bucket = try #require(snapshot.resourcePolicy(arn: "arn:aws:s3:::example-data/reports/2026-11.csv").value ?? nil)
        #expect(bucket.id == "arn:aws:s3:::example-data" && bucket.kind == .bucket)
        #expect(bucket.document["Statement"]?.arrayValue?.first?["Sid"] == "DenyIntern")
        #expect(snapshot.bucketOwner(bucket: "example-data") == data)
        #expect(snapshot.resourcePolicy(arn: "arn:aws:s3:::example-plain") == .known(nil))
        #expect(snapshot.resourcePolicy(arn: "arn:aws:s3:::workload-logs/x") == .known(nil))
        #expect(snapshot.resourcePolicy(arn: "arn:aws:s3:::not-collected").value == nil)
        #expect(firstAction(snapshot.resourcePolicy(arn: id("queue")).value ?? nil) == "sqs:SendMessage")
        #expect(snapshot.resourcePolicy(arn: id("plain_queue")) == .known(nil))
        #expect((snapshot.resourcePolicy(arn: id("key_alias")).value ?? nil)?.id == (id("key")))
        let secret = id("secret")
        #expect((snapshot.resourcePolicy(arn: String(secret.dropLast(7))).value ?? nil)?.id == secret)
        #expect(firstAction(snapshot.resourcePolicy(arn: id("repository")).value ?? nil) == "ecr:BatchGetImage")
        #expect((snapshot.resourcePolicy(arn: id("topic")).value ?? nil)?.kind == .resource)
        #expect(snapshot.resourcePolicy(arn: "arn:aws:kinesis:us-east-1:\(data):stream/clickstream").unknownReason != nil)

        // The VPC endpoint and its policy; an endpoint that does not exist.
        let endpoint = try #require(snapshot.vpcEndpoint(id: id("vpce")).value)
        #expect(endpoint.account == workload && endpoint.vpcId == (id("vpc")))
        #expect(endpoint.serviceName == "com.amazonaws.us-east-1.s3")
        #expect(firstAction(endpoint.policy) == "s3:GetObject")
        #expect(snapshot.vpcEndpoint(id: "vpce-00000000000000000").value == nil)
    }
}
