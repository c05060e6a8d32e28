import PolicyLanguage
import Testing

@Suite struct WildcardPatternTests {
    @Test(arguments: [
        ("*", "anything:at:all", true),
        ("s3:get*", "s3:getobject", true),
        ("s3:get*", "s3:putobject", false),
        ("s3:?etobject", "s3:getobject", true),
        ("s3:?etobject", "s3:etobject", false),
        ("*object", "s3:getobject", true),
        ("a*b*c", "axxbyyc", true),
        ("a*b*c", "axxbyy", false),
        ("a*b", "ab", true),
        ("é?", "éü", true),
        ("abc", "abcd", false),
        ("", "", true),
    ])
    func plainMode(pattern: String, subject: String, expected: Bool) {
        #expect(WildcardPattern(pattern).matches(subject) == expected, "\(pattern) vs \(subject)")
    }

    @Test(arguments: [
        ("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b:c", true),
        ("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket2/a", false),
        ("arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", true),
        ("arn:aws:ec2:us-*-1:*:instance/*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", true),
        ("arn:aws:ec2:us-*-1:*:instance/*", "arn:aws:ec2:us-east:x-1:111122223333:instance/i-1", false),
        ("arn:aws:iam::*", "arn:aws:iam::111122223333:user/alice", true),
        ("arn:aws:ec2:*:instance/*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", true),
        ("arn:aws:e?2:*:*:*", "arn:aws:ec2:r:a:x", true),
        ("arn:aws:??:*", "arn:aws:s:3:x", false),
        ("arn:aws:logs:*:*:log-group:app-*:log-stream", "arn:aws:logs:r:1:log-group:app-x:y:log-stream", true),
        ("arn:aws:s3:::Bucket/*", "arn:aws:s3:::bucket/a", false),
        ("*", "*", true),
        ("arn:aws:s3:::b", "*", false),
    ])
    func arnModeKeepsWildcardsInsideSegments(pattern: String, subject: String, expected: Bool) {
        #expect(WildcardPattern(pattern, mode: .arn).matches(subject) == expected, "\(pattern) vs \(subject)")
    }

    @Test func literalPiecesDoNotWildcard() {
        let pattern = WildcardPattern(
            pieces: [.init("arn:aws:s3:::b/", wildcards: true), .init("*", wildcards: false), .init("/*", wildcards: true)],
            mode: .arn)
        #expect(pattern.matches("arn:aws:s3:::b/*/x"))
        #expect(!pattern.matches("arn:aws:s3:::b/a/x"))
    }

    @Test func caseInsensitivePatternsExpectLowercasedSubjects() {
        let pattern = WildcardPattern("S3:Get*", asciiCaseInsensitive: true)
        #expect(pattern.matches("s3:getobject"))
        #expect("S3:GetObject".asciiLowercased == "s3:getobject")
    }
}
