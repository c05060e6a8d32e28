import PolicyLanguage
import Testing

/// Damaged policies must give an error, never a crash or a silently different policy.
@Suite struct MalformedInputTests {
    static let policy = """
        {"Version": "2012-10-17", "Id": "x", "Statement": [
          {"Sid": "A", "Effect": "Deny", "NotAction": ["iam:*", "sts:Get*"], "NotResource": "arn:aws:iam::*:role/${aws:username}",
           "NotPrincipal": {"AWS": ["111122223333", "arn:aws:iam::111122223333:user/bob"], "Service": "ec2.amazonaws.com"},
           "Condition": {"ForAllValues:StringNotLikeIfExists": {"aws:TagKeys": ["a*", "b"]}, "IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "2001:db8::/32"]},
                         "DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}, "NumericLessThan": {"s3:max-keys": 10},
                         "Bool": {"aws:SecureTransport": false}, "Null": {"aws:TokenIssueTime": "true"}}}]}
        """

    @Test func theFullPolicyParses() throws {
        let parsed = try PolicyDocument.parse(text: Self.policy, id: "full")
        #expect(parsed.statements.first?.conditions.count == 6)
    }

    @Test func everyTruncationFailsCleanly() {
        let bytes = Array(Self.policy.utf8)
        for length in 0..<bytes.count {
            let text = String(decoding: bytes[0..<length], as: UTF8.self)
            #expect(throws: PolicyParseError.self, "prefix of \(length) bytes") {
                try PolicyDocument.parse(text: text, id: "truncated")
            }
        }
    }

    @Test func everyByteDeletionParsesOrFailsWithAnError() {
        let bytes = Array(Self.policy.utf8)
        var failures = 0
        for index in bytes.indices {
            var damaged = bytes
            damaged.remove(at: index)
            do {
                _ = try PolicyDocument.parse(text: String(decoding: damaged, as: UTF8.self), id: "damaged")
            } catch {
                failures += 1
                #expect(!error.message.isEmpty)
            }
        }
        #expect(failures > bytes.count / 4)
    }
}
