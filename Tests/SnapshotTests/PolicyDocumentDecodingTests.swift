import Snapshot
import Testing
import TrailJSON

@Suite struct PolicyDocumentDecodingTests {
    let expected = policy(statement("Deny", "iam:DeleteRole"))

    @Test func keepsAnObjectAsItIs() throws {
        #expect(try PolicyDocumentDecoding.decode(expected) == expected)
    }

    @Test func parsesAStringHoldingJSON() throws {
        let text = policyText(statement("Deny", "iam:DeleteRole"))
        #expect(try PolicyDocumentDecoding.decode(.string(text)) == expected)
        #expect(try PolicyDocumentDecoding.decode(.string("\n  " + text)) == expected)
    }

    @Test func decodesURLEncodedJSONAsTheIAMAPIReturnsIt() throws {
        let encoded = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Deny%22%2C"
            + "%22Action%22%3A%22iam%3ADeleteRole%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D"
        #expect(try PolicyDocumentDecoding.decode(.string(encoded)) == expected)
        let plus = try PolicyDocumentDecoding.decode(text: "%7B%22a%22%3A%22x+y%20z%22%7D")
        #expect(plus["a"] == "x+y z")
    }

    @Test func reportsInvalidJSONWithLineAndColumn() {
        #expect {
            try PolicyDocumentDecoding.decode(text: "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [}")
        } throws: { error in
            guard case .invalidJSON(let parse, urlEncoded: false) = error as? PolicyDocumentError else { return false }
            return parse.line == 3 && (error as? PolicyDocumentError)?.description.hasPrefix("policy text is not valid JSON: line 3") == true
        }
    }

    @Test func rejectsWhatIsNotAPolicyDocument() {
        #expect(throws: PolicyDocumentError.notPolicyText(prefix: "Allow everything")) {
            try PolicyDocumentDecoding.decode(text: "Allow everything")
        }
        #expect(throws: PolicyDocumentError.invalidURLEncoding(offset: 3)) {
            try PolicyDocumentDecoding.decode(text: "%7B%zz")
        }
        #expect(throws: PolicyDocumentError.notAnObject(kind: "array")) {
            try PolicyDocumentDecoding.decode(text: "[1]")
        }
        #expect(throws: PolicyDocumentError.notAnObject(kind: "number")) {
            try PolicyDocumentDecoding.decode(.number("1"))
        }
        #expect(PolicyDocumentError.notPolicyText(prefix: "x").description == "policy text `x` is neither JSON nor URL-encoded JSON")
    }
}
