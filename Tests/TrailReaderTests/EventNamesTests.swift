import Testing
@testable import TrailReader

/// `EventNames` matches a record's raw `eventSource` and `eventName` bytes as the decoded strings would match.
@Suite struct EventNamesTests {
    static let kept: EventNames = ["sts.amazonaws.com": ["AssumeRole", "AssumeRoleWithSAML"], "iam.amazonaws.com": ["PutUserPolicy"]]

    static func isKept(_ source: String, _ name: String) -> Bool {
        let record = #"{"eventSource":"\#(source)","eventName":"\#(name)"}"#
        let bytes = Array(record.utf8)
        return bytes.withUnsafeBytes { raw in
            RecordSplitter.fields(ofSingleRecord: raw).map { $0.isEvent(of: kept, in: raw) } ?? false
        }
    }

    @Test func matchesExactlyTheKeptEventsOfEachSource() {
        #expect(Self.isKept("sts.amazonaws.com", "AssumeRole"))
        #expect(Self.isKept("sts.amazonaws.com", "AssumeRoleWithSAML"))
        #expect(Self.isKept("iam.amazonaws.com", "PutUserPolicy"))
        #expect(!Self.isKept("iam.amazonaws.com", "AssumeRole"))
        #expect(!Self.isKept("sts.amazonaws.com", "AssumeRol"))
        #expect(!Self.isKept("sts.amazonaws.com", "assumerole"))
        #expect(!Self.isKept("sts.amazonaws.co", "AssumeRole"))
        #expect(!Self.isKept("", ""))
    }

    /// A field written with JSON escapes is compared decoded.
    @Test func escapedFieldsAreDecodedFirst() {
        #expect(Self.isKept(#"sts.amazonaws.com"#, #"Assume\u0052ole"#))
        #expect(Self.isKept(#"sts\u002eamazonaws.com"#, "AssumeRole"))
        #expect(!Self.isKept(#"sts.amazonaws.com"#, #"Assume\u0052oleX"#))
    }

    @Test func nothingIsKeptByAnEmptySet() {
        let record = Array(#"{"eventSource":"sts.amazonaws.com","eventName":"AssumeRole"}"#.utf8)
        let kept = record.withUnsafeBytes { raw in RecordSplitter.fields(ofSingleRecord: raw)?.isEvent(of: [:], in: raw) }
        #expect(kept == false)
    }
}
