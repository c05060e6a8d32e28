import Foundation
import Testing
@testable import TrailReader

/// `whatif`'s byte-level choice of the records a change can reach, and its accounting.
@Suite struct ReachableRecordsTests {
    @Test(arguments: [
        ("222233334444", "…\"accountId\":\"222233334444\"…", true), ("222233334444", "2222333344", false),
        ("abc", "ababc", true), ("abc", "abab", false), ("a", "a", true), ("", "x", true), ("x", "", false),
    ])
    func findsBytes(needle: String, haystack: String, found: Bool) {
        var needle = needle, haystack = haystack
        let result = haystack.withUTF8 { h in needle.withUTF8 { n in
            ReachableRecords.contains(UnsafeRawBufferPointer(h), UnsafeRawBufferPointer(n))
        } }
        #expect(result == found)
    }

    @Test func failuresTouchedAccountsUnsettledAccountsAndGovernedServicesAreRead() {
        let reach = ReachableRecords(mentioning: ["222233334444"], eventSources: ["sts.amazonaws.com"],
            settledAccounts: ["111122223333", "555566667777"])
        let records = [
            record("failure", errorCode: "AccessDenied"),                                    // read: a failure
            record("settled"),                                                               // not read
            record("touched", extra: #","userIdentity":{"accountId":"222233334444"}"#),      // read: mentions it
            record("outside", account: "999999999999"),                                      // read: not in the tree
            record("governed").replacingOccurrences(of: "s3.amazonaws.com", with: "sts.amazonaws.com"),  // read: governed
            record("other-account", account: "555566667777"),                                // not read
            record("throttled", errorCode: "ThrottlingException", account: "999999999999"),  // not read: not denied
        ]
        let directory = TemporaryDirectory()
        let (result, ids) = readFile(directory.write("log.json", #"{"Records":["# + records.joined(separator: ",") + "]}"),
            options: ReadOptions(selection: .failuresAndReachable(reach)))
        #expect(ids == ["failure", "touched", "outside", "governed"])
        let statistics = result.statistics
        #expect(statistics.recordsRead == 7 && statistics.recordsNotSelected == 3)
        #expect(statistics.recordsRead == statistics.recordsSelected + statistics.recordsNotSelected
            + statistics.recordsFiltered + statistics.recordsUnreadable)
    }

    /// With `events`, a record whose event the change cannot reach is not read, unless it carries a message
    /// (which may name another action) or is a failure.
    @Test func eventsTheChangeCannotReachAreNotRead() {
        let events = ReachableEvents { source, name in source == "s3.amazonaws.com" && name == "PutObject" }
        let reach = ReachableRecords(mentioning: [], eventSources: [], settledAccounts: [], events: events)
        let records = [
            record("get"),                                                                   // not read: GetObject
            record("put").replacingOccurrences(of: "GetObject", with: "PutObject"),          // read
            record("messaged", extra: #","errorMessage":"no""#),                            // read: a message
            record("failure", errorCode: "AccessDenied"),                                    // read: a failure
        ]
        let directory = TemporaryDirectory()
        let (result, ids) = readFile(directory.write("log.json", #"{"Records":["# + records.joined(separator: ",") + "]}"),
            options: ReadOptions(selection: .failuresAndReachable(reach)))
        #expect(ids == ["put", "messaged", "failure"])
        #expect(result.statistics.recordsNotSelected == 1)
    }

    /// Each event is decided once; an overlong one is decided every time and not kept.
    @Test func eventsAreDecidedOnceAndOverlongOnesAreNotKept() {
        final class Count: @unchecked Sendable { var value = 0 }
        let count = Count()
        let events = ReachableEvents { _, name in
            count.value += 1
            return name.hasPrefix("Put")
        }
        #expect(events.admits(eventSource: "s3.amazonaws.com", eventName: "PutObject"))
        #expect(!events.admits(eventSource: "s3.amazonaws.com", eventName: "GetObject"))
        #expect(events.admits(eventSource: "s3.amazonaws.com", eventName: "PutObject"))
        #expect(count.value == 2)
        let long = "Put" + String(repeating: "x", count: 1_000)
        #expect(events.admits(eventSource: "s3.amazonaws.com", eventName: long))
        #expect(events.admits(eventSource: "s3.amazonaws.com", eventName: long))
        #expect(count.value == 4)
    }
}
