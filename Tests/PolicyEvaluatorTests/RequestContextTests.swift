import Testing

@testable import PolicyEvaluator

/// Context keys are found in any case and in any spelling Swift's String equality takes as the same key (canonical
/// equivalence), as a dictionary keyed by the lowercased key finds them; the flat, hashed store must agree.
@Suite struct RequestContextTests {
    @Test(arguments: [
        ("aws:RequestedRegion", "AWS:requestedregion"),
        ("aws:PrincipalTag/caf\u{E9}", "aws:principaltag/cafe\u{301}"),
        ("aws:PrincipalTag/a;b", "aws:PrincipalTag/a\u{037E}b"),
        ("aws:PrincipalTag/`x", "aws:PrincipalTag/\u{1FEF}x"),
        ("aws:PrincipalTag/Kelvin", "aws:PrincipalTag/\u{212A}elvin"),
    ])
    func findsEveryEqualSpelling(stored: String, asked: String) {
        var context = RequestContext()
        context[stored] = ["v"]
        #expect(context[asked] == ["v"])
        #expect(context.values(ContextKey(asked.lowercased())) == ["v"])
        context[asked] = nil
        #expect(context[stored] == nil)
        #expect(context.keys.isEmpty)
    }

    @Test func impliedKeysComeAfterTheRequestsAndNeverReplaceThem() {
        var context = RequestContext(["aws:PrincipalArn": ["given"], "aws:SourceIp": ["10.0.0.1"]])
        context.setIfAbsent(.principalArn, ["implied"])
        context.setIfAbsent(.resourceAccount, ["111122223333"])
        context.setIfAbsent(.resourceAccount, ["444455556666"])
        #expect(context["aws:principalarn"] == ["given"])
        #expect(context.values(ImpliedKey.resourceAccount.key) == ["111122223333"])
        #expect(context.keys == ["aws:PrincipalArn", "aws:ResourceAccount", "aws:SourceIp"])
        #expect(context == RequestContext([
            ("aws:SourceIp", ["10.0.0.1"]), ("aws:ResourceAccount", ["111122223333"]), ("aws:PrincipalArn", ["given"]),
        ]))
        context["aws:ResourceAccount"] = ["444455556666"]
        #expect(context["aws:resourceaccount"] == ["444455556666"])
    }

    @Test func impliedKeysHashAsTheirFoldedSpelling() {
        for key in ImpliedKey.allCases {
            #expect(key.hash == ContextKey(key.spelled.lowercased()).hash, "\(key.spelled)")
            #expect(key.key.folded == key.spelled.lowercased())
        }
    }
}
