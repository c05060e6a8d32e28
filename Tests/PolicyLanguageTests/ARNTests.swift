import Testing
@testable import PolicyLanguage

/// ARN fields as https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html gives them:
/// `arn:partition:service:region:account-id:resource`, the resource keeping its own `:` and `/`.
@Suite struct ARNTests {
    @Test func splitsTheSixFieldsKeepingTheResourceWhole() throws {
        let arn = try #require(ARN("arn:aws:sqs:us-east-1:123456789012:queue:with:colons/and/slashes"))
        #expect([arn.partition, arn.service, arn.region, arn.account] == ["aws", "sqs", "us-east-1", "123456789012"])
        #expect(arn.resource == "queue:with:colons/and/slashes")
        #expect(ARN("arn:aws:s3:::bucket")?.resource == "bucket")
        #expect(ARN("arn:aws:s3:::")?.resource == "")
        #expect(ARN("arn:aws:s3::") == nil)
        #expect(ARN("arn::s3:::b") == nil)
        #expect(ARN("arn:aws::::b") == nil)
        #expect(ARN("urn:aws:s3:::b") == nil)
    }

    /// An assumed-role session ARN names its role and session; the session keeps any further `/`
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns).
    @Test func aSessionArnNamesItsRoleAndSession() {
        let parts = ARN("arn:aws:sts::123456789012:assumed-role/deploy/ci-run-1")?.sessionParts
        #expect(parts?.role == "deploy" && parts?.session == "ci-run-1")
        #expect(ARN("arn:aws:sts::123456789012:assumed-role/deploy/a/b")?.sessionParts?.session == "a/b")
        #expect(ARN("arn:aws:sts::123456789012:assumed-role/deploy/a/b")?.sessionRoleArn == "arn:aws:iam::123456789012:role/deploy")
        #expect(ARN("arn:aws:sts::123456789012:assumed-role/deploy")?.sessionParts == nil)
        #expect(ARN("arn:aws:sts::123456789012:assumed-role/deploy/")?.sessionParts == nil)
        #expect(ARN("arn:aws:sts::123456789012:assumed-role//s")?.sessionParts == nil)
        #expect(ARN("arn:aws:iam::123456789012:role/deploy")?.sessionParts == nil)
    }

    /// The byte-level split decides as `split(separator:maxSplits:)` on every text: ASCII, other scripts, and a
    /// `:` followed by a combining mark (one character, which does not separate).
    @Test func fieldsAreThoseOfTheCharacterSplit() {
        let pieces = ["arn", ":", "aws", "s3", "", "123456789012", "/", "é", "e\u{301}", ":\u{301}", "日", "*", "::"]
        var state: UInt64 = 41
        func next() -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1)
        }
        var parsed = 0
        for round in 0..<20_000 {
            let count = next() % 12
            var text = (0..<count).map { _ in pieces[next() % pieces.count] }.joined()
            if round % 2 == 0 { text = "arn:aws:" + text }
            let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            let expected: [String]? = parts.count == 6 && parts[0] == "arn" && !parts[1].isEmpty && !parts[2].isEmpty
                ? parts.map(String.init) : nil
            let arn = ARN(text)
            if arn != nil { parsed += 1 }
            #expect(arn.map { ["arn", $0.partition, $0.service, $0.region, $0.account, $0.resource] } == expected, "\(text)")
        }
        #expect(parsed > 1_000 && parsed < 19_000, "\(parsed) parsed")
    }
}
