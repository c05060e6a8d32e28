import PolicyLanguage
import Testing

@Suite struct ConditionOperatorTests {
    @Test(arguments: ConditionBaseOperator.allCases)
    func everyDocumentedOperatorParsesWithItsVariants(base: ConditionBaseOperator) {
        #expect(ConditionOperator(parsing: base.rawValue) == ConditionOperator(base: base))
        #expect(ConditionOperator(parsing: "ForAllValues:" + base.rawValue)?.qualifier == .forAllValues)
        #expect(ConditionOperator(parsing: "ForAnyValue:" + base.rawValue)?.qualifier == .forAnyValue)
        if base == .null {
            #expect(ConditionOperator(parsing: "NullIfExists") == nil)
        } else {
            #expect(ConditionOperator(parsing: base.rawValue + "IfExists") == ConditionOperator(base: base, ifExists: true))
        }
    }

    @Test(arguments: [
        ("ForAllValues:StringNotLikeIfExists", "ForAllValues:StringNotLikeIfExists"),
        ("BoolIfExists", "BoolIfExists"),
        ("ArnNotLike", "ArnNotLike"),
    ])
    func roundTripsItsSpelling(text: String, expected: String) {
        #expect(ConditionOperator(parsing: text)?.description == expected)
    }

    @Test(arguments: ["stringequals", "StringEqualsIfexists", "ForAllValue:StringEquals", "StringEquals:", "", "IfExists", "ForAnyValue:"])
    func rejectsMisspellings(text: String) {
        #expect(ConditionOperator(parsing: text) == nil)
    }

    @Test func negationPairs() {
        let negated = ConditionBaseOperator.allCases.filter(\.isNegated)
        #expect(negated.count == 8)
        for op in negated { #expect(!op.positive.isNegated && op.positive.family == op.family) }
    }
}
