import Testing
@testable import PolicyLanguage

/// StringLike and Action: `*` and `?` anywhere in the string.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
@Suite struct GlobPatternTests {
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
        ("a*b*a", "aba", true),
        ("a*ba*a", "aba", false),
        ("*a?c*", "xxabcyy", true),
        ("*a?c*", "xxabbcyy", false),
        ("*?", "", false),
        ("??", "é", false),
        ("é?", "éü", true),
        ("*ü?*", "aüéb", true),
        ("abc", "abcd", false),
        ("", "", true),
        ("arn:*:s3", "arn:a:b:c:s3", true),
    ])
    func matchesAnywhere(pattern: String, subject: String, expected: Bool) {
        #expect(GlobPattern(pattern).matches(subject) == expected, "\(pattern) vs \(subject)")
    }

    @Test func caseInsensitivePatternsExpectLowercasedSubjects() {
        let pattern = GlobPattern("S3:Get*", asciiCaseInsensitive: true)
        #expect(pattern.matches("s3:getobject"))
        #expect("S3:GetObject".asciiLowercased == "s3:getobject")
    }

    @Test func literalPiecesDoNotWildcard() {
        let pattern = GlobPattern(pieces: [.init("a", wildcards: true), .init("*", wildcards: false), .init("*", wildcards: true)])
        #expect(pattern.matches("a*b"))
        #expect(!pattern.matches("ab"))
    }

    /// Agrees with a plain recursive definition of the rule on every short pattern and subject over a small alphabet.
    @Test func agreesWithTheDefinition() {
        let patterns = Self.strings(over: ["a", "b", "*", "?"], upTo: 4)
        let subjects = Self.strings(over: ["a", "b"], upTo: 5)
        for pattern in patterns {
            let compiled = GlobPattern(pattern)
            for subject in subjects {
                #expect(compiled.matches(subject) == Self.reference(Array(pattern), Array(subject)), "\(pattern) vs \(subject)")
            }
        }
    }

    static func strings(over alphabet: [Character], upTo length: Int) -> [String] {
        var all = [""]
        var level = [""]
        for _ in 0..<length {
            level = level.flatMap { prefix in alphabet.map { prefix + String($0) } }
            all += level
        }
        return all
    }

    static func reference(_ p: [Character], _ s: [Character]) -> Bool {
        guard let first = p.first else { return s.isEmpty }
        switch first {
        case "*": return reference(Array(p.dropFirst()), s) || (!s.isEmpty && reference(p, Array(s.dropFirst())))
        case "?": return !s.isEmpty && reference(Array(p.dropFirst()), Array(s.dropFirst()))
        default: return s.first == first && reference(Array(p.dropFirst()), Array(s.dropFirst()))
        }
    }
}

/// Resource: wildcards stay within a colon-separated segment, except a `*` that ends a segment.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
@Suite struct ResourcePatternTests {
    @Test(arguments: [
        ("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b:c", true),
        ("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket2/a", false),
        // The guide's example: `*` expands across `/` within a segment.
        ("arn:aws:s3:::amzn-s3-demo-bucket/*/test/*", "arn:aws:s3:::amzn-s3-demo-bucket/1/2/test/3/object.jpg", true),
        ("arn:aws:s3:::amzn-s3-demo-bucket/*/test/*", "arn:aws:s3:::amzn-s3-demo-bucket//test/object.jpg", true),
        ("arn:aws:s3:::amzn-s3-demo-bucket/*/test/*", "arn:aws:s3:::amzn-s3-demo-bucket/1-test/object.jpg", false),
        // A `*` inside a segment does not cross a colon, even in the resource part.
        ("arn:aws:s3:::b/*/x", "arn:aws:s3:::b/a:c/x", false),
        ("arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", true),
        ("arn:aws:ec2:us-*-1:*:instance/*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", true),
        ("arn:aws:ec2:us-*-1:*:instance/*", "arn:aws:ec2:us-east:x-1:111122223333:instance/i-1", false),
        ("arn:aws:iam::*", "arn:aws:iam::111122223333:user/alice", true),
        // A `*` that ends a segment expands beyond the colon boundaries.
        ("arn:aws:ec2:*:instance/*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", true),
        ("arn:aws:logs:*:*:log-group:app-*:log-stream", "arn:aws:logs:r:1:log-group:app-x:y:log-stream", true),
        ("arn:aws:logs:*:*:log-group:app-*:log-stream", "arn:aws:logs:r:1:log-group:app-x:y:log-streams", false),
        ("arn:*:x", "arn:a:b:c:x", true),
        ("arn:*:x:*:y", "arn:a:x:b:x:c:y", true),
        ("arn:*:x:*:y", "arn:a:x:b:y:c", false),
        ("arn:aws:e?2:*:*:*", "arn:aws:ec2:r:a:x", true),
        ("arn:aws:??:*", "arn:aws:s:3:x", false),
        ("arn:aws:s?:*", "arn:aws:s::x", false),
        ("arn:aws:s3:::Bucket/*", "arn:aws:s3:::bucket/a", false),
        ("*", "*", true),
        ("arn:aws:s3:::b", "*", false),
        ("arn:aws:s3:::b", "arn:aws:s3:::b", true),
    ])
    func wildcardsStayInSegments(pattern: String, subject: String, expected: Bool) {
        #expect(ResourcePattern(pattern).matches(subject) == expected, "\(pattern) vs \(subject)")
    }

    @Test func literalPiecesDoNotWildcard() {
        let pattern = ResourcePattern(pieces: [.init("arn:aws:s3:::b/", wildcards: true), .init("*", wildcards: false), .init("/*", wildcards: true)])
        #expect(pattern.matches("arn:aws:s3:::b/*/x"))
        #expect(!pattern.matches("arn:aws:s3:::b/a/x"))
    }

    /// Agrees with a recursive definition of the rule (segment-bounded wildcards, elastic segment-final `*`).
    @Test func agreesWithTheDefinition() {
        let patterns = GlobPatternTests.strings(over: ["a", ":", "*", "?"], upTo: 4)
        let subjects = GlobPatternTests.strings(over: ["a", ":"], upTo: 5)
        for pattern in patterns {
            let compiled = ResourcePattern(pattern)
            let chars = Array(pattern)
            for subject in subjects {
                #expect(compiled.matches(subject) == Self.reference(chars, 0, Array(subject), 0), "\(pattern) vs \(subject)")
            }
        }
    }

    static func reference(_ p: [Character], _ i: Int, _ s: [Character], _ j: Int) -> Bool {
        guard i < p.count else { return j == s.count }
        switch p[i] {
        case "*":
            // Collapse a run of stars; the star is elastic when the run ends the segment.
            var k = i
            while k < p.count && p[k] == "*" { k += 1 }
            let elastic = k == p.count || p[k] == ":"
            var m = j
            while true {
                if reference(p, k, s, m) { return true }
                guard m < s.count, elastic || s[m] != ":" else { return false }
                m += 1
            }
        case "?":
            return j < s.count && s[j] != ":" && reference(p, i + 1, s, j + 1)
        default:
            return j < s.count && s[j] == p[i] && reference(p, i + 1, s, j + 1)
        }
    }
}

/// ArnLike/ArnEquals: each of the six components is matched separately.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
@Suite struct ArnPatternTests {
    @Test(arguments: [
        ("arn:aws:iam::*:role/*", "arn:aws:iam::123456789012:role/AdminRole", true),
        ("arn:aws:iam::*:role/*", "arn:aws:iam::123456789012:user/User", false),
        ("arn:aws:ec2:*:*:instance/i-?????", "arn:aws:ec2:us-east-1:1:instance/i-12345", true),
        ("arn:aws:ec2:*:*:instance/i-?????", "arn:aws:ec2:us-east-1:1:instance/i-123456", false),
        // A `*` never spans a colon between components, even at the end of one (unlike Resource and StringLike).
        ("arn:aws:*:123456789012:*", "arn:aws:s3:us-east-1:123456789012:x", false),
        ("arn:aws:*:*:123456789012:*", "arn:aws:s3:us-east-1:123456789012:x", true),
        ("arn:*", "arn:aws:s3:::b", false),
        ("arn:aws:sns:*:111122223333:*", "arn:aws:sns:us-east-1:111122223333:topic", true),
        ("arn:aws:sns:*:111122223333:*", "arn:aws:sns:us-east-1:444455556666:topic", false),
        // Colons inside the resource component are ordinary characters.
        ("arn:aws:logs:*:*:log-group:*", "arn:aws:logs:r:1:log-group:a:b", true),
        ("arn:aws:s3:::b", "arn:aws:s3:::b", true),
        ("*", "arn:aws:s3:::b", false),
        ("arn:aws:s3:::b", "not-an-arn", false),
    ])
    func matchesComponentByComponent(pattern: String, subject: String, expected: Bool) {
        #expect(ArnPattern(pattern).matches(subject) == expected, "\(pattern) vs \(subject)")
    }

    @Test func aValueWithoutSixComponentsIsNotAnARNPattern() {
        #expect(!ArnPattern("arn:aws:s3").isARN)
        #expect(ArnPattern("arn:aws:s3:::b").isARN)
    }
}

/// The matchers' cost on hostile input, counted in bytes and characters compared (no clocks): the subject and
/// pattern sizes are those that took 40–75 s with the quadratic matcher.
@Suite struct PatternComplexityTests {
    static let key = String(repeating: "a", count: 20_000_000)

    @Test func aLongLiteralRunAfterAStarIsSearchedInLinearTime() {
        let run = String(repeating: "a", count: 50_000) + "b"
        var steps = 0
        #expect(!GlobPattern("*" + run + "*").matches(Self.key, steps: &steps))
        #expect(steps <= 2 * Self.key.utf8.count + run.count, "\(steps) steps")
    }

    @Test func manyStarsCostOnePassOverTheSubject() {
        let pattern = "*" + Array(repeating: "a", count: 25_000).joined(separator: "*") + "*b"
        var steps = 0
        #expect(!GlobPattern(pattern).matches(Self.key, steps: &steps))
        #expect(steps <= 3 * Self.key.utf8.count + pattern.count, "\(steps) steps")
    }

    @Test func aRunWithQuestionMarksCostsOneStepPerCharacterAndWord() {
        let run = String(repeating: "a?", count: 32) + "b"
        var steps = 0
        let subject = String(repeating: "a", count: 1_000_000)
        #expect(!GlobPattern("*" + run + "*").matches(subject, steps: &steps))
        #expect(steps <= 2 * subject.utf8.count, "\(steps) steps")
    }

    @Test func aResourcePatternOnAHugeKeyIsLinear() {
        let object = "arn:aws:s3:::bucket/" + Self.key
        for pattern in ["arn:aws:s3:::bucket/*" + String(repeating: "a", count: 50_000) + "b",
                        "arn:aws:s3:::bucket/*a*a*a*a*a*a*a*a*a*b", "arn:aws:s3:::*/" + String(repeating: "a?", count: 20) + "*"] {
            var steps = 0
            _ = ResourcePattern(pattern).matches(object, steps: &steps)
            #expect(steps <= 4 * object.utf8.count + 4 * pattern.count, "\(pattern.prefix(40)): \(steps) steps")
        }
    }

    @Test func anArnPatternOnAHugeResourceIsLinear() {
        let arn = "arn:aws:s3:::bucket/" + String(repeating: "a", count: 1_000_000)
        let pattern = "arn:aws:s3:::bucket/*" + String(repeating: "a", count: 50_000) + "b*"
        var steps = 0
        #expect(!ArnPattern(pattern).matches(arn, steps: &steps))
        #expect(steps <= 3 * arn.utf8.count + pattern.count, "\(steps) steps")
    }
}
