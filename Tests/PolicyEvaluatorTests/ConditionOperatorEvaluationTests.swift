import PolicyEvaluator
import Testing

private let tag = "aws:PrincipalTag/team"
private func one(_ key: String, _ value: String) -> [(String, [String])] { [(key, [value])] }
private let none: [(String, [String])] = []

@Suite struct ConditionOperatorEvaluationTests {
    static let strings: [ConditionRow] = [
        .init(#"{"StringEquals": {"aws:PrincipalTag/team": "red"}}"#, one(tag, "red"), true),
        .init(#"{"StringEquals": {"aws:PrincipalTag/team": "red"}}"#, one(tag, "Red"), false),
        .init(#"{"StringEquals": {"AWS:principaltag/TEAM": "red"}}"#, one(tag, "red"), true),
        .init(#"{"StringEquals": {"aws:PrincipalTag/team": "red"}}"#, none, false),
        .init(#"{"StringEquals": {"aws:PrincipalTag/team": ["blue", "red"]}}"#, one(tag, "red"), true),
        .init(#"{"StringEquals": {"aws:PrincipalTag/team": "prod-*"}}"#, one(tag, "prod-web"), false),
        .init(#"{"StringEquals": {"aws:PrincipalTag/team": "prod-*"}}"#, one(tag, "prod-*"), true),
        .init(#"{"StringNotEquals": {"aws:PrincipalTag/team": "red"}}"#, one(tag, "red"), false),
        .init(#"{"StringNotEquals": {"aws:PrincipalTag/team": ["red", "blue"]}}"#, one(tag, "blue"), false),
        .init(#"{"StringNotEquals": {"aws:PrincipalTag/team": "red"}}"#, one(tag, "blue"), true),
        .init(#"{"StringNotEquals": {"aws:PrincipalTag/team": "red"}}"#, none, true),
        .init(#"{"StringEqualsIgnoreCase": {"aws:PrincipalTag/team": "RED"}}"#, one(tag, "red"), true),
        .init(#"{"StringEqualsIgnoreCase": {"aws:PrincipalTag/team": "RED"}}"#, one(tag, "blue"), false),
        .init(#"{"StringNotEqualsIgnoreCase": {"aws:PrincipalTag/team": "RED"}}"#, one(tag, "Red"), false),
        .init(#"{"StringNotEqualsIgnoreCase": {"aws:PrincipalTag/team": "RED"}}"#, none, true),
        .init(#"{"StringLike": {"aws:PrincipalTag/team": "prod-*"}}"#, one(tag, "prod-web"), true),
        .init(#"{"StringLike": {"aws:PrincipalTag/team": "prod-*"}}"#, one(tag, "Prod-web"), false),
        .init(#"{"StringLike": {"aws:PrincipalTag/team": "a?c"}}"#, one(tag, "abc"), true),
        .init(#"{"StringLike": {"aws:PrincipalTag/team": "a?c"}}"#, one(tag, "abbc"), false),
        .init(#"{"StringLike": {"aws:PrincipalTag/team": "prod-*"}}"#, none, false),
        .init(#"{"StringNotLike": {"aws:PrincipalTag/team": "prod-*"}}"#, one(tag, "dev"), true),
        .init(#"{"StringNotLike": {"aws:PrincipalTag/team": "prod-*"}}"#, one(tag, "prod-1"), false),
        .init(#"{"StringNotLike": {"aws:PrincipalTag/team": "prod-*"}}"#, none, true),
        .init(#"{"StringEqualsIfExists": {"aws:PrincipalTag/team": "red"}}"#, none, true),
        .init(#"{"StringEqualsIfExists": {"aws:PrincipalTag/team": "red"}}"#, one(tag, "blue"), false),
        .init(#"{"StringNotEqualsIfExists": {"aws:PrincipalTag/team": "red"}}"#, none, true),
        .init(#"{"StringNotEqualsIfExists": {"aws:PrincipalTag/team": "red"}}"#, one(tag, "red"), false),
        .init(#"{"StringLikeIfExists": {"aws:PrincipalTag/team": "r*"}}"#, one(tag, "red"), true),
        .init(#"{"StringEquals": {"aws:PrincipalTag/team": "a"}}"#, [(tag, ["b", "a"])], true),
        .init(#"{"StringNotEquals": {"aws:PrincipalTag/team": "a"}}"#, [(tag, ["b", "a"])], false),
    ]

    static let numbersDatesBools: [ConditionRow] = [
        .init(#"{"NumericLessThan": {"s3:max-keys": "10"}}"#, one("s3:max-keys", "9"), true),
        .init(#"{"NumericLessThan": {"s3:max-keys": 10}}"#, one("s3:max-keys", "10"), false),
        .init(#"{"NumericLessThanEquals": {"s3:max-keys": "10"}}"#, one("s3:max-keys", "10"), true),
        .init(#"{"NumericGreaterThan": {"s3:max-keys": "10"}}"#, one("s3:max-keys", "10.5"), true),
        .init(#"{"NumericGreaterThanEquals": {"s3:max-keys": "10"}}"#, one("s3:max-keys", "9.99"), false),
        .init(#"{"NumericEquals": {"s3:max-keys": "10"}}"#, one("s3:max-keys", "10.0"), true),
        .init(#"{"NumericEquals": {"s3:max-keys": ["5", "10"]}}"#, one("s3:max-keys", "5"), true),
        .init(#"{"NumericEquals": {"s3:max-keys": "10"}}"#, one("s3:max-keys", "abc"), false),
        .init(#"{"NumericNotEquals": {"s3:max-keys": "10"}}"#, one("s3:max-keys", "11"), true),
        .init(#"{"NumericNotEquals": {"s3:max-keys": "10"}}"#, one("s3:max-keys", "10"), false),
        .init(#"{"NumericNotEquals": {"s3:max-keys": "10"}}"#, none, true),
        .init(#"{"NumericLessThanIfExists": {"s3:max-keys": "10"}}"#, none, true),
        .init(#"{"NumericLessThan": {"s3:max-keys": "10"}}"#, none, false),
        .init(#"{"DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}"#, one("aws:CurrentTime", "2026-11-29T04:00:00Z"), true),
        .init(#"{"DateGreaterThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}"#, one("aws:CurrentTime", "2026-11-29T04:00:00Z"), false),
        .init(#"{"DateEquals": {"aws:CurrentTime": "2020-01-01T00:00:00Z"}}"#, one("aws:CurrentTime", "1577836800"), true),
        .init(#"{"DateNotEquals": {"aws:CurrentTime": "2020-01-01T00:00:00Z"}}"#, one("aws:CurrentTime", "2020-01-01T00:00:01Z"), true),
        .init(#"{"DateLessThanEquals": {"aws:CurrentTime": "2020-01-01"}}"#, one("aws:CurrentTime", "2020-01-01T00:00:00Z"), true),
        .init(#"{"DateGreaterThanEquals": {"aws:TokenIssueTime": "2020-01-01T00:00:00+02:00"}}"#, one("aws:TokenIssueTime", "2019-12-31T22:00:00Z"), true),
        .init(#"{"DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}"#, one("aws:CurrentTime", "soon"), false),
        .init(#"{"DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}"#, none, false),
        .init(#"{"DateNotEquals": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}"#, none, true),
        .init(#"{"Bool": {"aws:SecureTransport": "true"}}"#, one("aws:SecureTransport", "true"), true),
        .init(#"{"Bool": {"aws:SecureTransport": "true"}}"#, one("aws:SecureTransport", "TRUE"), true),
        .init(#"{"Bool": {"aws:SecureTransport": "true"}}"#, one("aws:SecureTransport", "false"), false),
        .init(#"{"Bool": {"aws:SecureTransport": "true"}}"#, none, false),
        .init(#"{"Bool": {"aws:SecureTransport": false}}"#, one("aws:SecureTransport", "false"), true),
        .init(#"{"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}"#, none, true),
        .init(#"{"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}"#, one("aws:MultiFactorAuthPresent", "true"), false),
        .init(#"{"BinaryEquals": {"key": "QmluYXJ5VmFsdWU="}}"#, one("key", "QmluYXJ5VmFsdWU="), true),
        .init(#"{"BinaryEquals": {"key": "QmluYXJ5VmFsdWU="}}"#, one("key", "b3RoZXI="), false),
        .init(#"{"BinaryEqualsIfExists": {"key": "QmluYXJ5VmFsdWU="}}"#, none, true),
    ]

    static let addressesArnsNull: [ConditionRow] = [
        .init(#"{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}"#, one("aws:SourceIp", "203.0.113.7"), true),
        .init(#"{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}"#, one("aws:SourceIp", "198.51.100.1"), false),
        .init(#"{"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"]}}"#, one("aws:SourceIp", "2001:db8::9"), true),
        .init(#"{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}"#, one("aws:SourceIp", "not-an-ip"), false),
        .init(#"{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}"#, none, false),
        .init(#"{"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}"#, one("aws:SourceIp", "198.51.100.1"), true),
        .init(#"{"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}"#, one("aws:SourceIp", "203.0.113.1"), false),
        .init(#"{"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}"#, none, true),
        .init(#"{"IpAddressIfExists": {"aws:SourceIp": "203.0.113.0/24"}}"#, none, true),
        .init(#"{"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:topic"}}"#, one("aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:topic"), true),
        .init(#"{"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:topic"}}"#, one("aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:Topic"), false),
        .init(#"{"ArnLike": {"aws:SourceArn": "arn:aws:iam::*:role/admin*"}}"#, one("aws:SourceArn", "arn:aws:iam::111122223333:role/admin-x"), true),
        .init(#"{"ArnLike": {"aws:SourceArn": "arn:aws:iam::111122223333:role/*"}}"#, one("aws:SourceArn", "arn:aws:iam::444455556666:role/x"), false),
        .init(#"{"ArnLike": {"aws:SourceArn": "arn:aws:s3:us-*-1:*:x"}}"#, one("aws:SourceArn", "arn:aws:s3:us-east:y-1:1:x"), false),
        .init(#"{"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/Break*"}}"#, one("aws:PrincipalArn", "arn:aws:iam::111122223333:role/BreakGlass"), false),
        .init(#"{"ArnNotLike": {"aws:SourceArn": "arn:aws:iam::*:role/Break*"}}"#, one("aws:SourceArn", "arn:aws:iam::111122223333:role/Ops"), true),
        .init(#"{"ArnNotLike": {"aws:SourceArn": "arn:aws:iam::*:role/Break*"}}"#, none, true),
        .init(#"{"ArnNotEquals": {"aws:SourceArn": "arn:aws:iam::111122223333:role/Ops"}}"#, one("aws:SourceArn", "arn:aws:iam::111122223333:role/Ops"), false),
        .init(#"{"ArnEqualsIfExists": {"aws:SourceArn": "arn:aws:iam::111122223333:role/Ops"}}"#, none, true),
        .init(#"{"Null": {"aws:TokenIssueTime": "true"}}"#, none, true),
        .init(#"{"Null": {"aws:TokenIssueTime": "true"}}"#, one("aws:TokenIssueTime", "2020-01-01T00:00:00Z"), false),
        .init(#"{"Null": {"aws:TokenIssueTime": false}}"#, one("aws:TokenIssueTime", "2020-01-01T00:00:00Z"), true),
        .init(#"{"Null": {"aws:TokenIssueTime": "false"}}"#, none, false),
        .init(#"{"Null": {"aws:TagKeys": "true"}}"#, [("aws:TagKeys", [])], true),
    ]

    static let qualifiers: [ConditionRow] = [
        .init(#"{"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]}}"#, [("aws:TagKeys", ["a"])], true),
        .init(#"{"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]}}"#, [("aws:TagKeys", ["a", "c"])], false),
        .init(#"{"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]}}"#, none, true),
        .init(#"{"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]}}"#, [("aws:TagKeys", [])], true),
        .init(#"{"ForAnyValue:StringEquals": {"aws:TagKeys": ["a", "b"]}}"#, [("aws:TagKeys", ["c", "a"])], true),
        .init(#"{"ForAnyValue:StringEquals": {"aws:TagKeys": ["a", "b"]}}"#, [("aws:TagKeys", ["c"])], false),
        .init(#"{"ForAnyValue:StringEquals": {"aws:TagKeys": ["a", "b"]}}"#, none, false),
        .init(#"{"ForAnyValue:StringEquals": {"aws:TagKeys": ["a", "b"]}}"#, [("aws:TagKeys", [])], false),
        .init(#"{"ForAnyValue:StringEqualsIfExists": {"aws:TagKeys": ["a"]}}"#, none, true),
        .init(#"{"ForAllValues:StringNotLike": {"aws:TagKeys": ["temp*"]}}"#, [("aws:TagKeys", ["a", "b"])], true),
        .init(#"{"ForAllValues:StringNotLike": {"aws:TagKeys": ["temp*"]}}"#, [("aws:TagKeys", ["a", "temp1"])], false),
        .init(#"{"ForAllValues:StringNotLike": {"aws:TagKeys": ["temp*"]}}"#, none, true),
        .init(#"{"ForAnyValue:StringNotEquals": {"aws:TagKeys": ["a"]}}"#, [("aws:TagKeys", ["a", "b"])], true),
        .init(#"{"ForAnyValue:StringNotEquals": {"aws:TagKeys": ["a"]}}"#, [("aws:TagKeys", ["a"])], false),
        .init(#"{"ForAllValues:StringEqualsIgnoreCase": {"aws:TagKeys": ["Env"]}}"#, [("aws:TagKeys", ["env", "ENV"])], true),
        .init(#"{"ForAnyValue:StringLike": {"aws:TagKeys": ["cost-*"]}}"#, [("aws:TagKeys", ["x", "cost-center"])], true),
        .init(#"{"ForAllValues:ArnLike": {"aws:SourceArn": ["arn:aws:s3:::a*"]}}"#, [("aws:SourceArn", ["arn:aws:s3:::ab", "arn:aws:s3:::b"])], false),
        .init(#"{"ForAllValues:NumericLessThan": {"k": "5"}}"#, [("k", ["1", "4"])], true),
        .init(#"{"ForAnyValue:IpAddress": {"k": "10.0.0.0/8"}}"#, [("k", ["192.0.2.1", "10.1.2.3"])], true),
    ]

    static let combinations: [ConditionRow] = [
        .init(#"{"StringEquals": {"aws:PrincipalTag/team": "red", "aws:RequestedRegion": "eu-west-1"}}"#, [(tag, ["red"]), ("aws:RequestedRegion", ["eu-west-1"])], true),
        .init(#"{"StringEquals": {"aws:PrincipalTag/team": "red", "aws:RequestedRegion": "eu-west-1"}}"#, [(tag, ["red"]), ("aws:RequestedRegion", ["us-east-1"])], false),
        .init(#"{"StringEquals": {"aws:PrincipalTag/team": "red"}, "Bool": {"aws:SecureTransport": "true"}}"#, [(tag, ["red"]), ("aws:SecureTransport", ["true"])], true),
        .init(#"{"StringEquals": {"aws:PrincipalTag/team": "red"}, "Bool": {"aws:SecureTransport": "true"}}"#, [(tag, ["red"])], false),
    ]

    static let variables: [ConditionRow] = [
        .init(#"{"StringEquals": {"aws:PrincipalTag/owner": "${aws:username}"}}"#, one("aws:PrincipalTag/owner", "alice"), true),
        .init(#"{"StringEquals": {"aws:PrincipalTag/owner": "${aws:username}"}}"#, one("aws:PrincipalTag/owner", "bob"), false),
        .init(#"{"StringEquals": {"s3:prefix": "home/${aws:PrincipalTag/team}/"}}"#, one("s3:prefix", "home//"), false),
        .init(#"{"StringEquals": {"s3:prefix": "home/${aws:PrincipalTag/team, 'shared'}/"}}"#, one("s3:prefix", "home/shared/"), true),
        .init(#"{"StringEquals": {"s3:prefix": "home/${aws:PrincipalTag/team, 'shared'}/"}}"#, [("s3:prefix", ["home/red/"]), (tag, ["red"])], true),
        .init(#"{"StringLike": {"s3:prefix": "${aws:username}/*"}}"#, one("s3:prefix", "alice/docs"), true),
        .init(#"{"StringLike": {"s3:prefix": "a${*}"}}"#, one("s3:prefix", "ab"), false),
        .init(#"{"StringLike": {"s3:prefix": "a${*}"}}"#, one("s3:prefix", "a*"), true),
        .init(#"{"StringEquals": {"s3:prefix": "${$}{x}${?}"}}"#, one("s3:prefix", "${x}?"), true),
        .init(#"{"StringEquals": {"s3:prefix": "${aws:username}"}}"#, one("s3:prefix", "${aws:username}"), true, version: "2008-10-17"),
        .init(#"{"StringEquals": {"s3:prefix": "${aws:username}"}}"#, one("s3:prefix", "alice"), false, version: "2008-10-17"),
        .init(#"{"StringEquals": {"s3:prefix": "${s3:delimiter}"}}"#, [("s3:prefix", ["/"]), ("s3:delimiter", ["/"])], true),
        .init(#"{"ArnLike": {"aws:SourceArn": "arn:aws:iam::${aws:PrincipalAccount}:*"}}"#, one("aws:SourceArn", "arn:aws:iam::111122223333:role/x"), true),
        .init(#"{"NumericEquals": {"k": "1"}}"#, one("k", "1"), true),
        .init(#"{"StringNotEquals": {"s3:prefix": "${aws:PrincipalTag/team}"}}"#, one("s3:prefix", "x"), false),
        .init(#"{"StringNotEqualsIfExists": {"s3:prefix": "${aws:PrincipalTag/team}"}}"#, none, true),
        .init(#"{"StringEquals": {"s3:prefix": ["${aws:PrincipalTag/team}", "x"]}}"#, one("s3:prefix", "x"), false),
        .init(#"{"StringEquals": {"s3:prefix": "${aws:TagKeys}"}}"#, [("s3:prefix", ["a"]), ("aws:TagKeys", ["a", "b"])], false),
    ]

    @Test(arguments: strings + numbersDatesBools + addressesArnsNull + qualifiers + combinations + variables)
    func conditionHoldsAsAWSDocuments(row: ConditionRow) throws {
        let decision = try row.evaluate()
        #expect((decision.decision == .allow) == row.holds)
    }

    @Test func missingKeysAreReported() throws {
        let decision = try ConditionRow(
            #"{"StringNotEqualsIfExists": {"aws:SourceVpce": "vpce-1"}, "StringEquals": {"s3:prefix": "${aws:PrincipalTag/team}"}}"#,
            [("s3:prefix", ["x"])], false
        ).evaluate()
        #expect(decision.missingContext == ["aws:PrincipalTag/team", "aws:SourceVpce"])
    }

    @Test func unreadableRequestValuesAreDiagnosed() throws {
        let decision = try ConditionRow(#"{"NumericLessThan": {"s3:max-keys": "10"}}"#, one("s3:max-keys", "ten"), false).evaluate()
        #expect(decision.diagnostics == ["`s3:max-keys` value `ten` is not a number"])
    }
}
