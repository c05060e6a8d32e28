import PolicyLanguage
import Testing
import TrailJSON

@Suite struct PolicyDocumentParsingTests {
    @Test func readsEveryElementInBothShapes() throws {
        let policy = try PolicyDocument.parse(
            text: """
                {"Version": "2012-10-17", "Id": "p1", "Statement": [
                  {"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::b/*", "arn:aws:s3:::b"]},
                  {"Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "NotResource": "arn:aws:iam::*:role/x",
                   "Principal": {"AWS": ["123456789012", "arn:aws:iam::123456789012:root"], "Service": "ec2.amazonaws.com"},
                   "Condition": {"StringEquals": {"aws:PrincipalTag/team": ["a", "b"]}, "NumericLessThan": {"s3:max-keys": 10},
                                 "Bool": {"aws:SecureTransport": false}}}
                ]}
                """, id: "test")
        #expect(policy.version == .v2012_10_17)
        #expect(policy.policyId == "p1")
        #expect(policy.statements.count == 2)
        let first = policy.statements[0]
        #expect(first.label == "A")
        #expect(first.action == ActionElement(patterns: ["s3:GetObject"], negated: false))
        #expect(first.resource?.patterns.map(\.source) == ["arn:aws:s3:::b/*", "arn:aws:s3:::b"])
        let second = policy.statements[1]
        #expect(second.label == "Statement[1]")
        #expect(second.effect == .deny)
        #expect(second.action.negated)
        #expect(second.resource?.negated == true)
        #expect(
            second.principal?.entries == [
                .aws("123456789012"), .aws("arn:aws:iam::123456789012:root"), .service("ec2.amazonaws.com"),
            ])
        #expect(second.conditions.map(\.operator.description) == ["StringEquals", "NumericLessThan", "Bool"])
        #expect(second.conditions[0].rawValues == ["a", "b"])
        #expect(second.conditions[1].values == .numbers([10]))
        #expect(second.conditions[2].rawValues == ["false"])
    }

    @Test func singleStatementObjectAndMissingVersion() throws {
        let policy = try PolicyDocument.parse(
            text: #"{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::${aws:username}"}}"#, id: "t")
        #expect(policy.version == .v2008_10_17)
        #expect(policy.statements.count == 1)
        #expect(policy.statements[0].resource?.patterns[0].hasVariables == false)
    }

    static let compact = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}"#

    @Test(arguments: [
        ("object", compact),
        ("json string", JSONWriter.quoted(compact)),
        ("url-encoded", "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3AListBucket%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D"),
        ("padded", "\n  " + compact + "  \n"),
    ])
    func acceptsTheTextFormsAWSReturns(form: String, text: String) throws {
        let policy = try PolicyDocument.parse(text: text, id: form)
        #expect(policy.statements.first?.action.patterns == ["s3:ListBucket"], "\(form)")
    }

    @Test(arguments: [
        (#"{"Statement": [{"Effect": "allow", "Action": "*", "Resource": "*"}]}"#, "Statement[0].Effect", "effect must be `Allow` or `Deny`"),
        (#"{"Statement": [{"Effect": "Allow", "Action": "*", "NotAction": "s3:*", "Resource": "*"}]}"#, "Statement[0].NotAction", "both `Action` and `NotAction`"),
        (#"{"Statement": [{"Effect": "Allow", "Resource": "*"}]}"#, "Statement[0]", "missing `Action` or `NotAction`"),
        (#"{"Statement": [{"Action": "*", "Resource": "*"}]}"#, "Statement[0]", "missing `Effect`"),
        (#"{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "NotResource": "*"}]}"#, "Statement[0].NotResource", "both `Resource` and `NotResource`"),
        (#"{"Statement": [{"Effect": "Allow", "Action": "*", "Principal": "*", "NotPrincipal": {"AWS": "1"}}]}"#, "Statement[0].NotPrincipal", "both `Principal` and `NotPrincipal`"),
        (#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}, {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEqulas": {"a:b": "c"}}}]}"#, "Statement[1].Condition.StringEqulas", "unknown condition operator `StringEqulas`"),
        (#"{"Statement": {"Effect": "Allow", "Action": "*", "Condition": {"NullIfExists": {"a:b": "true"}}}}"#, "Statement.Condition.NullIfExists", "unknown condition operator"),
        (#"{"Statement": {"Effect": "Allow", "Action": "*", "Condition": {"Null": {"a:b": "maybe"}}}}"#, "Statement.Condition.Null.a:b", "`Null` takes one value"),
        (#"{"Statement": {"Effect": "Allow", "Action": "*", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/33"}}}}"#, "Statement.Condition.IpAddress.aws:SourceIp", "invalid ip address"),
        (#"{"Statement": {"Effect": "Allow", "Action": "*", "Condition": {"NumericEquals": {"a:b": "ten"}}}}"#, "Statement.Condition.NumericEquals.a:b", "invalid number `ten`"),
        (#"{"Statement": {"Effect": "Allow", "Action": "*", "Condition": {"DateLessThan": {"aws:CurrentTime": "yesterday"}}}}"#, "Statement.Condition.DateLessThan.aws:CurrentTime", "invalid date"),
        (#"{"Statement": {"Effect": "Allow", "Action": "*", "Condition": {"Bool": {"aws:SecureTransport": "yes"}}}}"#, "Statement.Condition.Bool.aws:SecureTransport", "invalid boolean"),
        (#"{"Statement": {"Effect": "Allow", "Action": "*", "Condition": {"StringEquals": {"a:b": []}}}}"#, "Statement.Condition.StringEquals.a:b", "at least one value"),
        (#"{"Statement": {"Effect": "Allow", "Action": "*", "Condition": {"StringEquals": {"a:b": {"x": 1}}}}}"#, "Statement.Condition.StringEquals.a:b", "must be a string, number or boolean"),
        (#"{"Statement": {"Effect": "Allow", "Action": "*", "Condition": {"StringEquals": {"a:b": "x", "A:B": "y"}}}}"#, "Statement.Condition.StringEquals.A:B", "duplicate condition key"),
        (#"{"Statement": {"Effect": "Allow", "Action": "s3", "Resource": "*"}}"#, "Statement.Action", "invalid action `s3`"),
        (#"{"Statement": {"Effect": "Allow", "Action": [], "Resource": "*"}}"#, "Statement.Action", "must not be an empty array"),
        (#"{"Statement": {"Effect": "Allow", "Action": "*", "Principal": "arn:aws:iam::1:root"}}"#, "Statement.Principal", "a principal string must be `*`"),
        (#"{"Statement": {"Effect": "Allow", "Action": "*", "Principal": {"Aws": "*"}}}"#, "Statement.Principal.Aws", "unknown principal type `Aws`"),
        (#"{"Statement": {"Effect": "Allow", "Action": "*", "Resorce": "*"}}"#, "Statement.Resorce", "unknown element `Resorce`"),
        (#"{"Statement": {"Effect": "Allow", "Action": "*", "NotPrincipal": {"AWS": "111122223333"}}}"#, "Statement.NotPrincipal", "supported only with"),
        (#"{"Version": "2012-10-18", "Statement": []}"#, "Version", "unknown policy version"),
        (#"{"Version": "2012-10-17"}"#, "", "missing `Statement`"),
        (#"{"Version": "2012-10-17", "Statement": "x"}"#, "Statement", "must be an object or an array"),
        (#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "${aws:username"}]}"#, "Statement[0].Resource", "unterminated policy variable"),
        (#"{"Statement": [], "Statement": []}"#, "Statement", "duplicate element"),
        (#"[1, 2]"#, "", "must be a json object"),
        (#"{"Statement": [}"#, "", "invalid json: line 1, column 16"),
        ("   ", "", "empty policy text"),
        ("Version=2012", "", "expected a json object"),
    ])
    func rejectsInvalidPoliciesNamingTheElement(text: String, element: String, message: String) {
        do {
            _ = try PolicyDocument.parse(text: text, id: "p.json")
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.policy == "p.json")
            #expect(error.element == element, "\(text)")
            #expect(error.message.contains(message), "\(error.message)")
            #expect(error.message == error.message.lowercased() || error.message.contains("`"), "\(error.message)")
            #expect(!error.message.hasSuffix("."))
        }
    }

    @Test func errorDescriptionNamesPolicyAndElement() {
        let error = PolicyParseError(policy: "arn:aws:iam::1:policy/p", element: "Statement[2].Effect", message: "m")
        #expect(error.description == "policy `arn:aws:iam::1:policy/p`: Statement[2].Effect: m")
    }
}
