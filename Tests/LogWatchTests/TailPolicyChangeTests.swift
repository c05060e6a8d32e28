import Foundation
import LogWatch
import ReplayResults
import Testing
import TrailJSON

/// `tail` applies policy-change records as they arrive: a call is replayed against the policies of its time.
/// The records are those of `Tests/PipelineTests/Fixtures/policy-history.json` (README there), delivered in two
/// files: alice's `DenyRoleDeletion` put at 08:00 with a `NoUserListing` Deny and her ListUsers denied at 09:00;
/// then the policy put back as the snapshot has it at 09:30, and a ListUsers at 09:40. The snapshot (a copy of
/// SampleSnapshot) says it was collected at 07:00, before every change: they roll it forward.
@Suite(.serialized) struct TailPolicyChangeTests {
    static let fixture = TailSessionTests.root + "/Tests/PipelineTests/Fixtures/policy-history.json"

    static func records() throws -> [JSONValue] {
        let text = try String(contentsOfFile: fixture, encoding: .utf8)
        return try JSONParser.parse(text)["Records"]?.arrayValue ?? []
    }

    static func write(_ records: [JSONValue], to path: String) throws {
        try JSONWriter.string(.object(JSONObject([.init(key: "Records", value: .array(records))])))
            .write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func aCallIsReplayedAgainstThePoliciesOfItsTimeAsChangesArrive() throws {
        let all = try Self.records()
        let put = try #require(all.first { $0["eventTime"] == "2026-11-28T08:00:00Z" })
        let denied = try #require(all.first { $0["eventName"] == "ListUsers" })
        let putBack = try #require(all.first { $0["eventTime"] == "2026-11-28T09:30:00Z" })
        let later = try JSONParser.parse(JSONWriter.string(denied)
            .replacingOccurrences(of: "2026-11-28T09:00:00Z", with: "2026-11-28T09:40:00Z")
            .replacingOccurrences(of: try #require(denied["eventID"]?.stringValue), with: "9b2e4f6a-1c3d-4e5f-8a7b-000000000040"))

        let work = NSTemporaryDirectory() + "tail-history-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: work + "/logs", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        try FileManager.default.copyItem(atPath: TailSessionTests.snapshot, toPath: work + "/snapshot")
        try #"{"collectedAt": "2026-11-28T07:00:00Z"}"#.write(toFile: work + "/snapshot/snapshot.json", atomically: true, encoding: .utf8)
        try Self.write([put, denied], to: work + "/logs/a.json")
        var printed: [Attribution] = []
        var lines: [String] = []
        let session = try TailSession(root: work + "/logs", snapshot: work + "/snapshot", store: work + "/store.sqlite",
            settle: 30, maxRecordBytes: 1 << 20, diagnostics: { lines.append($0) }, emit: { printed += $0 })
        let stop = StopSignal()
        try session.startUp(stop: stop)
        // The snapshot has alice's policy without NoUserListing; at 09:00 the 08:00 document was in force, and the
        // fix that follows is not known yet.
        let first = try #require(printed.first, "\(lines)")
        #expect(first.decision == .explicitDeny)
        #expect(first.denies.map(\.statement) == ["NoUserListing"])
        #expect(session.policyChangeCount == 1)

        try Self.write([putBack, later], to: work + "/logs/b.json")
        try session.handle(ChangeBatch(paths: [work + "/logs/b.json"]), stop: stop)
        let second = try #require(printed.last)
        #expect(second.eventID == "9b2e4f6a-1c3d-4e5f-8a7b-000000000040")
        // After the 09:30 fix the policy is as the snapshot has it: the call is not reproduced, not the old statement.
        #expect(second.decision == .allow)
        #expect(second.denies.isEmpty)
        #expect(session.policyChangeCount == 2)
        try session.finish()
    }
}
