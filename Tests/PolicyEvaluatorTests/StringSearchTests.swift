import Testing

@testable import PolicyEvaluator

/// The evaluator's byte-level string tests decide exactly as the String operations they stand for, on ASCII and
/// non-ASCII text alike (a combining mark after a prefix joins its last character; only ASCII folds by bytes).
@Suite struct StringSearchTests {
    static let pieces = ["a", "r", "n", ":", "T", "t", "R", "u", "U", "e", "E", "f", "/", "\u{301}", "é", "Ｔ", "K", "\u{212A}", ""]

    /// Strings of up to six pieces from a fixed seed (SplitMix64, as the index property tests).
    static func samples() -> [String] {
        var g = ActionIndexPropertyTests.Generator(state: 0x57A1)
        var out = ["arn:", "arn", "arn:\u{301}", "arn:aws:iam::1:role/x", "true", "TRUE", "True", "false", "FALSE", "tru", "true\u{301}", "ｔrue"]
        for _ in 0..<3000 { out.append((0..<g.below(7)).map { _ in g.pick(pieces) }.joined()) }
        return out
    }

    @Test func anASCIIPrefixIsHasPrefix() {
        for text in Self.samples() {
            #expect(text.hasASCIIPrefix("arn:") == text.hasPrefix("arn:"), "\(text.debugDescription)")
            #expect(text.hasASCIIPrefix("ar") == text.hasPrefix("ar"), "\(text.debugDescription)")
        }
    }

    @Test func lowercasedEqualsIsLowercasedThenEqual() {
        for text in Self.samples() {
            #expect(text.lowercasedEquals("true") == (text.lowercased() == "true"), "\(text.debugDescription)")
            #expect(text.lowercasedEquals("false") == (text.lowercased() == "false"), "\(text.debugDescription)")
        }
    }

    @Test func containsBytesFindsEveryOccurrence() {
        let samples = Self.samples()
        for (text, needle) in zip(samples, samples.reversed()) {
            #expect(text.containsBytes(needle) == text.utf8.elementsEqualSomewhere(needle.utf8), "\(text.debugDescription) \(needle.debugDescription)")
        }
        #expect("arn:aws:iam::111122223333:role/aws-service-role/x".containsBytes(ServiceRules.serviceRolePath))
        #expect(!"arn:aws:sts::111122223333:assumed-role/aws-service-role/x".containsBytes(ServiceRules.serviceRolePath))
    }

    @Test func aRoleARNIsItsPartsJoined() {
        #expect(String.roleARN(partition: "aws-us-gov", account: "111122223333", roleName: "data-eng")
            == "arn:aws-us-gov:iam::111122223333:role/data-eng")
        #expect(String.roleARN(partition: "aws", account: "1", roleName: "caf\u{E9}") == "arn:aws:iam::1:role/caf\u{E9}")
    }
}

extension Sequence where Element == UInt8 {
    /// Whether `needle`'s bytes occur somewhere in these bytes (the plain definition, for the tests).
    fileprivate func elementsEqualSomewhere<N: Sequence<UInt8>>(_ needle: N) -> Bool {
        let h = Array(self), n = Array(needle)
        guard !n.isEmpty else { return true }
        guard h.count >= n.count else { return false }
        return (0...(h.count - n.count)).contains { Array(h[$0..<($0 + n.count)]) == n }
    }
}
