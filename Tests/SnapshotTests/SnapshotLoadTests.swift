import Foundation
import Snapshot
import Testing
import TrailJSON

@Suite struct SnapshotLoadTests {
    @Test func aMissingDirectoryIsADiagnosticNotACrash() {
        let load = Snapshot.load(directory: "/nonexistent/snapshot")
        #expect(load.diagnostics == [SnapshotDiagnostic(file: "/nonexistent/snapshot", message: "snapshot directory does not exist")])
        #expect(load.unavailable == .missing(directory: "/nonexistent/snapshot"))
        #expect(load.snapshot.accountIDs == [])
        #expect(load.snapshot.principal(arn: "arn:aws:iam::111122223333:user/a").unknownReason != nil)
        #expect(load.snapshot.serviceControlPolicies(account: "111122223333").unknownReason != nil)
        #expect(load.snapshot.resourcePolicy(arn: "arn:aws:s3:::b").unknownReason != nil)
    }

    @Test func aFileInPlaceOfTheDirectoryIsUnavailableToo() throws {
        let file = NSTemporaryDirectory() + "snapshot-file-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data("{}".utf8).write(to: URL(fileURLWithPath: file))
        #expect(Snapshot.load(directory: file).unavailable == .notADirectory(path: file))
        #expect(SnapshotUnavailable.check(NSTemporaryDirectory()) == nil)
    }

    @Test func anEmptyDirectoryIsDiagnosed() {
        let dir = TemporaryDirectory()
        #expect(Snapshot.load(directory: dir.path).diagnostics.map(\.message)
            == ["neither `accounts` nor `organization` is in the snapshot directory"])
    }

    @Test func anInvalidFileIsReportedWithItsPositionAndTheRestLoads() throws {
        let dir = TemporaryDirectory()
        dir.write("accounts/111122223333/authorization-details.json", "{\n  \"UserDetailList\": [,]\n}")
        dir.write("accounts/111122223333/vpc-endpoints.json", json: ["VpcEndpoints": [
            ["VpcEndpointId": "vpce-1", "VpcId": "vpc-1", "ServiceName": "s3"]]])
        dir.write("accounts/not-an-account/x.json", "{}")
        dir.write("accounts/111122223333/s3/.DS_Store", "x")
        let load = Snapshot.load(directory: dir.path + "/")
        #expect(load.diagnostics == [
            SnapshotDiagnostic(file: dir.path + "/accounts/111122223333/authorization-details.json",
                message: "invalid JSON: line 2, column 22: unexpected `,`, expected a value"),
            SnapshotDiagnostic(file: dir.path + "/accounts/not-an-account",
                message: "`not-an-account` is not a 12-digit account id; folder skipped"),
        ])
        #expect(load.snapshot.vpcEndpoint(id: "vpce-1").value?.vpcId == "vpc-1")
        #expect(load.snapshot.principal(arn: "arn:aws:iam::111122223333:user/a").unknownReason
            == "no authorization details for account `111122223333`: `\(dir.path)/accounts/111122223333/authorization-details.json` is not valid JSON")
    }

    @Test func filesOfTheWrongShapeAreNamed() {
        let dir = TemporaryDirectory()
        dir.write("accounts/111122223333/authorization-details.json", json: ["Users": []])
        dir.write("accounts/111122223333/vpc-endpoints.json", json: ["Endpoints": []])
        dir.write("accounts/111122223333/resource-policies/q.json", json: ["Arn": "x"])
        dir.write("accounts/111122223333/s3/b.json", json: ["Statement": []])
        dir.write("organization/policies/p-1.json", json: ["Policy": ["Content": "{}"]])
        let load = Snapshot.load(directory: dir.path)
        let root = dir.path + "/"
        #expect(load.diagnostics.map { "\($0.file.dropFirst(root.count)) \($0.place)" } == [
            "accounts/111122223333/authorization-details.json ",
            "accounts/111122223333/s3/b.json Policy",
            "accounts/111122223333/vpc-endpoints.json VpcEndpoints",
            "accounts/111122223333/resource-policies/q.json ResourceArn",
            "organization/policies/p-1.json Policy.PolicySummary",
        ])
        #expect(load.snapshot.resourcePolicy(arn: "arn:aws:s3:::b").unknownReason == "`\(root)accounts/111122223333/s3/b.json` has no `Policy`")
        #expect(load.snapshot.serviceControlPolicies(account: "111122223333").unknownReason?.hasPrefix("the management account is unknown") == true)
    }
}
