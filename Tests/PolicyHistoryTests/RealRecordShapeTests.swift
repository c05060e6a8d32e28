import CivilTime
import Foundation
import PolicyHistory
import Replay
import Snapshot
import Testing
import TrailJSON

/// The policy change records of real logs (Tests/Fixtures/RealData, README there): their documents are read as
/// the history reads any record's.
@Suite struct RealRecordShapeTests {
    static let realData: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/Tests/Fixtures/RealData"
    }()

    static func records(_ path: String) throws -> [JSONValue] {
        let value = try JSONParser.parse(try String(contentsOfFile: realData + "/" + path, encoding: .utf8))
        return value["Records"]?.arrayValue ?? value.arrayValue ?? []
    }

    @Test func panthersPutUserPolicyAndPutBucketPolicyCarryTheirDocuments() throws {
        let changes = try Self.records("panther-analysis/panther_cloudtrail_tests_envelope.json").compactMap(PolicyChange.init(record:))
        let put = try #require(changes.first { $0.eventName == "PutUserPolicy" && $0.policy == "TestUserDenyAll" })
        let putHistory = PolicyHistory(changes: [put])
        guard case .set(.document(let document?))? = putHistory.entries.first?.effect else {
            Issue.record("the PutUserPolicy document is a JSON string with tabs and newlines"); return
        }
        #expect(document["Statement"]?.arrayValue?.first?["Sid"] == "TestUserDenyAll")
        let bucket = try #require(changes.first { $0.eventName == "PutBucketPolicy" && $0.subject == .bucket("example-bucket") })
        guard case .set(.document(let policy?))? = PolicyHistory(changes: [bucket]).entries.first?.effect else {
            Issue.record("the bucket policy is an object"); return
        }
        #expect(policy["Statement"]?.arrayValue?.first?["Action"] == "s3:GetBucketAcl")
        let noBucket = try #require(changes.first { $0.eventName == "PutBucketPolicy" && $0.subject == nil && $0.document != nil })
        #expect(PolicyHistory(changes: [noBucket]).entries.isEmpty, "a record naming no bucket places nothing")
    }

    @Test func stratusUpdateAssumeRolePolicySetsTheTrustPolicy() throws {
        let changes = try Self.records("stratus-red-team/aws.persistence.iam-backdoor-role.json").compactMap(PolicyChange.init(record:))
        let update = try #require(changes.first { $0.eventName == "UpdateAssumeRolePolicy" })
        let history = PolicyHistory(changes: [update])
        #expect(history.diagnostics.isEmpty)
        guard case .trustPolicy? = history.entries.first?.object, case .set(.document(let document?))? = history.entries.first?.effect else {
            Issue.record("expected the trust policy's document"); return
        }
        #expect(document["Statement"]?.arrayValue?.first?["Action"] == "sts:AssumeRole")
    }
}
