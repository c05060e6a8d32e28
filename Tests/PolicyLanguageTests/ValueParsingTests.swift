import PolicyLanguage
import Testing

@Suite struct ValueParsingTests {
    @Test(arguments: [
        ("203.0.113.0/24", "203.0.113.7", true),
        ("203.0.113.0/24", "203.0.114.7", false),
        ("203.0.113.7", "203.0.113.7", true),
        ("203.0.113.7/32", "203.0.113.8", false),
        ("0.0.0.0/0", "8.8.8.8", true),
        ("10.0.0.0/8", "10.255.255.255", true),
        ("2001:db8::/32", "2001:db8:1234::1", true),
        ("2001:db8::/32", "2001:db9::1", false),
        ("2001:DB8:0:0:0:0:0:1/128", "2001:db8::1", true),
        ("::/0", "fe80::1", true),
        ("2001:db8::/96", "2001:db8::c000:0207", true),
        ("203.0.113.0/24", "::ffff:203.0.113.9", true),
        ("10.0.0.0/8", "2001:db8::1", false),
        ("2001:db8::/32", "10.0.0.1", false),
        ("2001:db8:a:b:c:d:e::/112", "2001:db8:a:b:c:d:e:ffff", true),
    ])
    func cidrContainment(cidr: String, address: String, expected: Bool) throws {
        let range = try #require(IPAddressRange(cidr))
        let ip = try #require(IPAddress(address))
        #expect(range.contains(ip) == expected, "\(cidr) ∋ \(address)")
    }

    @Test(arguments: ["10.0.0.256", "10.0.0", "1.2.3.4/33", "2001:db8::/129", "2001:db8:::1", "1::2::3", "x", "", "10.0.0.1/", "1:2:3:4:5:6:7:8:9"])
    func rejectsMalformedAddresses(text: String) {
        #expect(IPAddressRange(text) == nil, "\(text)")
    }

    @Test(arguments: [
        ("1970-01-01T00:00:00Z", 0.0),
        ("2020-01-01", 1_577_836_800.0),
        ("2020-01-01T00:00:00Z", 1_577_836_800.0),
        ("2020-01-01T01:30:00+01:30", 1_577_836_800.0),
        ("2019-12-31T19:00:00-05:00", 1_577_836_800.0),
        ("2020-01-01T00:00:00.500Z", 1_577_836_800.5),
        ("2024-02-29T12:00:00Z", 1_709_208_000.0),
        ("1577836800", 1_577_836_800.0),
        ("2020-01-01T00:00Z", 1_577_836_800.0),
    ])
    func datesAWSAccepts(text: String, seconds: Double) {
        #expect(PolicyDate.epochSeconds(text) == seconds, "\(text)")
    }

    @Test(arguments: ["2023-02-29", "2020-13-01", "2020-01-01T25:00:00Z", "2020-1-01", "2020-01-01T00:00:00Q", "tomorrow", ""])
    func rejectsInvalidDates(text: String) {
        #expect(PolicyDate.epochSeconds(text) == nil, "\(text)")
    }

    @Test(arguments: [
        ("arn:aws:s3:::${aws:username}/*", 3),
        ("home/${aws:PrincipalTag/team, 'shared'}/x", 3),
        ("${*}${?}${$}", 3),
        ("no variables", 1),
    ])
    func splitsVariables(text: String, segments: Int) throws {
        let parsed = try PolicyString.parse(text, variables: true)
        #expect(parsed.segments.count == segments, "\(parsed.segments)")
    }

    @Test func variablesKeepDefaultsAndEscapes() throws {
        let parsed = try PolicyString.parse("a${ aws:PrincipalTag/team , 'x y' }${*}", variables: true)
        #expect(parsed.segments == [.text("a"), .variable(key: "aws:PrincipalTag/team", defaultValue: "x y"), .literal("*")])
        #expect(try PolicyString.parse("${aws:username}", variables: false).plainText == "${aws:username}")
        #expect(throws: PolicyStringError.self) { try PolicyString.parse("${a, b}", variables: true) }
        #expect(throws: PolicyStringError.self) { try PolicyString.parse("${}", variables: true) }
    }
}
