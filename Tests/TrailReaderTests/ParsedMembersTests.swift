import Testing
import TrailJSON
@testable import TrailReader

/// A read that builds only some members of a record (`ReadOptions.parsedMembers`) selects, counts and reports
/// exactly as a read that builds them all.
@Suite struct ParsedMembersTests {
    static let sessionRecord = #"{"eventVersion":"1.08","eventTime":"2026-11-28T10:00:00Z","eventSource":"sts.amazonaws.com","eventName":"AssumeRole","eventID":"s-1","userIdentity":{"type":"AWSService","invokedBy":"ec2.amazonaws.com"},"requestParameters":{"roleArn":"arn:aws:iam::111122223333:role/r"},"responseElements":{"credentials":{"accessKeyId":"ASIAEXAMPLE"}},"tlsDetails":{"tlsVersion":"TLSv1.3"}}"#
    static let members = ParsedMembers(failures: ["eventID"], successful: ["sts.amazonaws.com": ["eventName", "responseElements"]])
    static let selection = RecordSelection.failuresAndSuccessful(["sts.amazonaws.com": ["AssumeRole"],
        "iam.amazonaws.com": ["AssumeRole"]])

    static func read(_ text: String, members: ParsedMembers) -> (FileReadResult, [JSONValue]) {
        let dir = TemporaryDirectory()
        var options = ReadOptions(selection: selection)
        options.parsedMembers = members
        var values: [JSONValue] = []
        let result = LogFileReader(options: options).read(LogFile(path: dir.write("in.json", text), key: nil)) { values.append($0.value) }
        return (result, values)
    }

    @Test func buildsTheNamedMembersOfEachKindOfRecord() throws {
        let text = #"{"Records":["# + Self.sessionRecord + "," + record("f-1", errorCode: "AccessDenied") + "]}"
        let (result, values) = Self.read(text, members: Self.members)
        #expect(result.statistics.recordsSelected == 2 && result.diagnostics.isEmpty)
        #expect(values.first?.objectValue?.keys == ["eventName", "responseElements"])
        #expect(values.first?["responseElements"]?["credentials"]?["accessKeyId"] == "ASIAEXAMPLE")
        #expect(values.last == .object(JSONObject([.init(key: "eventID", value: "f-1")])))
    }

    /// A fault in a member that is skipped makes the record unreadable with the same diagnostic as a full parse.
    @Test func aFaultInASkippedMemberIsReportedAsByTheFullParse() {
        for fault in [#""tlsDetails":{"tlsVersion":"TLS\q"}"#, "\"tlsDetails\":\"\u{FFFD}\"".replacingOccurrences(of: "\u{FFFD}", with: "\u{01}"),
            #""tlsDetails":[1,2,]"#]
        {
            let text = #"{"Records":["# + Self.sessionRecord.replacingOccurrences(of: #""tlsDetails":{"tlsVersion":"TLSv1.3"}"#, with: fault) + "]}"
            let (pruned, prunedValues) = Self.read(text, members: Self.members)
            let (full, _) = Self.read(text, members: .all)
            #expect(prunedValues.isEmpty && pruned.statistics.recordsUnreadable == 1, "\(fault)")
            #expect(pruned.statistics == full.statistics, "\(fault)")
            #expect(pruned.diagnostics.map(\.message) == full.diagnostics.map(\.message) && !full.diagnostics.isEmpty, "\(fault)")
        }
    }

    /// A record that names its source twice is built by its last `eventSource` (the one its value reads): here
    /// a source with no members named, so whole.
    @Test func aRecordWhoseLastSourceDiffersIsBuiltWhole() throws {
        let hostile = Self.sessionRecord.dropLast() + #","eventSource":"iam.amazonaws.com"}"#
        let (_, values) = Self.read(#"{"Records":["# + hostile + "]}", members: Self.members)
        let value = try #require(values.first)
        #expect(value["eventSource"] == "iam.amazonaws.com" && value["userIdentity"] != nil && value["tlsDetails"] != nil)
    }
}
