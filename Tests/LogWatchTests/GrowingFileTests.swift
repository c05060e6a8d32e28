import DenyStore
import Foundation
import LogWatch
import ReplayResults
import Testing

/// `tail` on a JSON Lines file that grows by appends: each version is read whole again, but each record is
/// printed once, when it is first stored; a call delivered again (in the file or another) is never printed twice.
@Suite(.serialized) struct GrowingFileTests {
    /// Alice's denied `iam:DeleteRole` call of the sample archive (…03), on one line, with another eventID.
    static func record(_ eventID: String) -> String {
        #"{"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"AIDAWORKLOADALICE0001","#
            + #""arn":"arn:aws:iam::222233334444:user/alice","accountId":"222233334444","#
            + #""accessKeyId":"AKIAWORKLOADALICE001","userName":"alice"},"eventTime":"2026-11-28T09:01:05Z","#
            + #""eventSource":"iam.amazonaws.com","eventName":"DeleteRole","awsRegion":"us-east-1","#
            + #""errorCode":"AccessDenied","errorMessage":"User: arn:aws:iam::222233334444:user/alice is not "#
            + #"authorized to perform: iam:DeleteRole on resource: role prod-app with an explicit deny in an "#
            + #"identity-based policy","requestParameters":{"roleName":"prod-app"},"eventID":"\#(eventID)","#
            + #""eventType":"AwsApiCall","recipientAccountId":"222233334444"}"# + "\n"
    }

    static func append(_ eventIDs: [String], to path: String) throws {
        let text = eventIDs.map(record).joined()
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    @Test func aFileGrownByAppendsPrintsEachRecordOnce() throws {
        let work = NSTemporaryDirectory() + "logwatch-grow-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: work + "/logs", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        var printed: [[String]] = []
        var lines: [String] = []
        let stop = StopSignal()
        let session = try TailSession(root: work + "/logs", snapshot: TailSessionTests.snapshot,
            store: work + "/store.sqlite", settle: 30, maxRecordBytes: 1 << 20,
            diagnostics: { lines.append($0) }, emit: { printed.append($0.compactMap(\.eventID)) })
        try session.startUp(stop: stop)
        let path = work + "/logs/export.jsonl"
        var expected: [[String]] = []
        for append in 1...9 {
            let fresh = (1...3).map { "grow-\(append)-\($0)" }
            // From the third append on, each also delivers again a call of the append before.
            let again = append >= 3 ? ["grow-\(append - 1)-1"] : []
            try GrowingFileTests.append(fresh + again, to: path)
            try session.handle(ChangeBatch(paths: [path]), stop: stop)
            expected.append(fresh)
        }
        #expect(printed.filter { !$0.isEmpty } == expected, "\(lines)")
        #expect(session.printed == 27)

        // Another file delivering calls the grown file holds adds and prints nothing new.
        try GrowingFileTests.append(["grow-1-1", "grow-9-3", "other-1"], to: work + "/logs/other.jsonl")
        try session.handle(ChangeBatch(paths: [work + "/logs/other.jsonl"]), stop: stop)
        #expect(printed.last == ["other-1"])
        try session.finish()

        let store = try DenyStore(path: work + "/store.sqlite", readOnly: true)
        let stored = try store.allAttributions().compactMap(\.eventID)
        #expect(stored.count == 28)
        #expect(Set(stored).count == 28, "each eventID stored once")
        #expect(try store.files().map(\.duplicateDeliveries) == [7, 2], "7 in the grown file, 2 in the other")
        #expect(session.recorder.counts.attributions == 28)
        #expect(session.recorder.counts.duplicateDeliveries == 9, "each duplicate counted once, not per version")
    }
}
