import CivilTime
import DenyStore
import Foundation
import LogWatch
import ReplayResults
import Testing

/// A watch that runs for days keeps a bounded state: thousands of small files, each issuing a session and using
/// it, go through one `TailSession`; the sessions that expired are dropped (an AssumeRole session lasts at most
/// 12 hours, https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_manage-assume.html), only the most recent
/// done files are remembered and the store answers for the others.
@Suite(.serialized) struct LongRunningTailTests {
    /// The builder role's session `s<n>`: issued by an AssumeRole whose session policy denies RunInstances with
    /// the statement `NoNewInstances<n>`, then used for a RunInstances call a minute later.
    static func file(_ n: Int, issuedAt time: UTCTime) -> String {
        let key = "ASIALONGRUN" + String(format: "%09d", n)
        let issued = time.description, called = time.adding(seconds: 60).description
        let policy = #"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoNewInstances\#(n)\",\"Effect\":\"Deny\","#
            + #"\"Action\":\"ec2:RunInstances\",\"Resource\":\"*\"},{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"#
        let assume = #"{"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"AIDAWORKLOADALICE0001","#
            + #""arn":"arn:aws:iam::222233334444:user/alice","accountId":"222233334444","accessKeyId":"AKIAWORKLOADALICE001","#
            + #""userName":"alice"},"eventTime":"\#(issued)","eventSource":"sts.amazonaws.com","eventName":"AssumeRole","#
            + #""awsRegion":"us-east-1","requestParameters":{"roleArn":"arn:aws:iam::222233334444:role/builder","#
            + #""roleSessionName":"s\#(n)","policy":"\#(policy)"},"responseElements":{"credentials":{"accessKeyId":"\#(key)"},"#
            + #""assumedRoleUser":{"assumedRoleId":"AROAWORKLOADBUILDER01:s\#(n)","#
            + #""arn":"arn:aws:sts::222233334444:assumed-role/builder/s\#(n)"}},"eventID":"issue-\#(n)","#
            + #""eventType":"AwsApiCall","recipientAccountId":"222233334444"}"#
        let call = #"{"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","principalId":"AROAWORKLOADBUILDER01:s\#(n)","#
            + #""arn":"arn:aws:sts::222233334444:assumed-role/builder/s\#(n)","accountId":"222233334444","#
            + #""accessKeyId":"\#(key)","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAWORKLOADBUILDER01","#
            + #""arn":"arn:aws:iam::222233334444:role/builder","accountId":"222233334444","userName":"builder"}}},"#
            + #""eventTime":"\#(called)","eventSource":"ec2.amazonaws.com","eventName":"RunInstances","awsRegion":"us-east-1","#
            + #""errorCode":"Client.UnauthorizedOperation","errorMessage":"You are not authorized to perform this operation. "#
            + #"User: arn:aws:sts::222233334444:assumed-role/builder/s\#(n) is not authorized to perform: ec2:RunInstances "#
            + #"on resource: arn:aws:ec2:us-east-1:222233334444:instance/* with an explicit deny in a session policy.","#
            + #""requestParameters":{"instancesSet":{"items":[{"imageId":"ami-0abcdef1234567890","minCount":1,"maxCount":1}]},"#
            + #""instanceType":"c5.xlarge"},"eventID":"call-\#(n)","eventType":"AwsApiCall","#
            + #""recipientAccountId":"222233334444"}"#
        return assume + "\n" + call + "\n"
    }

    @Test func thousandsOfFilesOverDaysKeepTheStateBounded() throws {
        let work = NSTemporaryDirectory() + "logwatch-long-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: work + "/logs", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        var printed: [Attribution] = []
        var lines: [String] = []
        let stop = StopSignal()
        let session = try TailSession(root: work + "/logs", snapshot: TailSessionTests.snapshot,
            store: work + "/store.sqlite", settle: 30, maxRecordBytes: 1 << 20,
            diagnostics: { lines.append($0) }, emit: { printed += $0 })
        try session.startUp(stop: stop)

        // 2,000 files, one a minute: 33 hours of calls, ending an hour ago.
        let files = 2000
        let start = UTCTime(secondsSinceEpoch: (Date().timeIntervalSince1970 - Double(files) * 60 - 3600).rounded(.down))
        var largestIndex = 0
        for n in 1...files {
            let path = work + "/logs/" + String(format: "f-%05d.jsonl", n)
            try LongRunningTailTests.file(n, issuedAt: start.adding(seconds: Double(n) * 60))
                .write(toFile: path, atomically: false, encoding: .utf8)
            try session.handle(ChangeBatch(paths: [path]), stop: stop)
            largestIndex = max(largestIndex, session.sessionCount)
            #expect(session.rememberedDoneFiles <= TailSession.doneCapacity)
        }
        #expect(lines.isEmpty, "\(lines.prefix(3))")
        #expect(printed.count == files)
        let bySession = printed.filter { $0.denies.first?.layer == .session }
        #expect(bySession.count == files, "every call still finds its session")
        #expect(printed.last?.denies.first?.statement == "NoNewInstances\(files)")
        // 12 hours of sessions, one hour of delivery delay, ten minutes between evictions, one a minute.
        #expect(largestIndex <= 13 * 60 + 10 + 1, "largest session index: \(largestIndex)")
        #expect(session.sessionCount < files / 2)

        // A rescan of the whole tree: the store answers for the files forgotten, nothing is stored or printed again.
        try session.handle(ChangeBatch(rescan: true), stop: stop)
        #expect(printed.count == files)
        #expect(session.recorder.counts.filesProcessed == files)
        #expect(session.rememberedDoneFiles <= TailSession.doneCapacity)
        try session.finish()
        #expect(try DenyStore(path: work + "/store.sqlite", readOnly: true).allAttributions().count == files)
    }
}
