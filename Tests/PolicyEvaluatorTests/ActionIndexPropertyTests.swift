import PolicyLanguage
import Testing

@testable import PolicyEvaluator

/// The indexed evaluator (each policy's action index and resource gates pick the statements to test) decides
/// exactly as the plain one (every statement tested): same outcome, same reasons in the same order, same missing
/// keys and diagnostics, on random policy sets and requests from a fixed seed.
@Suite struct ActionIndexPropertyTests {
    /// SplitMix64: small, deterministic, the same sequence on every platform.
    struct Generator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
        mutating func pick<T>(_ items: ArraySlice<T>) -> T { items[items.startIndex + below(items.count)] }
        mutating func pick<T>(_ items: [T]) -> T { pick(items[...]) }
        mutating func some<T>(_ items: [T], max: Int) -> [T] { (0..<(1 + below(max))).map { _ in pick(items) } }
    }

    static let actionPatterns = [
        "s3:GetObject", "S3:getobject", "s3:PUTOBJECT", "s3:ListBucket", "s3:Get*", "s3:*Object", "s3:*", "s3:Get?bject",
        "*", "s?:Get*", "*:GetObject", "ec2:DescribeInstances", "ec2:Describe*", "EC2:*", "iam:PassRole", "iam:Get*",
        "kms:Decrypt", "kms:*", "sts:AssumeRole", "sts:GetCallerIdentity", "s3:get:object", "dynamodb:GetItem",
        // Non-ASCII: `\u{037E}` (Greek question mark) equals `;` as a String, and `é` has two spellings.
        "s3:Get;", "s3:Get\u{037E}", "s3:caf\u{E9}", "s3:cafe\u{301}*",
    ]
    static let requestActions = [
        "s3:GetObject", "S3:GETOBJECT", "s3:getObject", "s3:PutObject", "s3:ListBucket", "s3:DeleteObject", "s3:GetBucketPolicy",
        "ec2:DescribeInstances", "ec2:RunInstances", "iam:PassRole", "iam:GetRole", "kms:Decrypt", "sts:AssumeRole",
        "sts:GetCallerIdentity", "dynamodb:GetItem", "sqs:SendMessage", "s3", "s3:get:object", "s3:GET;", "s3:get\u{037E}",
        "s3:caf\u{E9}", "s3:cafe\u{301}", "s3:caf\u{E9}s",
    ]
    static let resourcePatterns = [
        "*", "arn:aws:s3:::data/*", "arn:aws:s3:::data", "arn:aws:s3:::logs/*", "arn:aws:s3:::da?a/*",
        "arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::home/${aws:PrincipalTag/team}/*", "arn:aws:ec2:*:111122223333:instance/*",
        "arn:aws:iam::111122223333:role/*", "arn:aws:kms:us-east-1:111122223333:key/*", "arn:*:s3:::data/*", "${aws:SourceArn}",
    ]
    static let resources = [
        "arn:aws:s3:::data/report.csv", "arn:aws:s3:::data", "arn:aws:s3:::logs/2026/12/03.gz", "arn:aws:s3:::home/alice/notes",
        "arn:aws:s3:::home/data/x", "arn:aws:ec2:us-east-1:111122223333:instance/i-0abc", "arn:aws:iam::111122223333:role/data-eng",
        "arn:aws:kms:us-east-1:111122223333:key/1234", "arn:aws:s3:::dota/x",
    ]
    static let conditions = [
        #""StringEquals": {"aws:RequestedRegion": ["us-east-1", "eu-west-1"]}"#,
        #""StringNotEquals": {"aws:RequestedRegion": "us-east-1"}"#,
        #""Bool": {"aws:SecureTransport": "true"}"#,
        #""BoolIfExists": {"aws:SecureTransport": "false"}"#,
        #""StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/data-*"}"#,
        #""IpAddress": {"aws:SourceIp": "10.0.0.0/8"}"#,
        #""ForAllValues:StringEquals": {"aws:TagKeys": ["env", "owner"]}"#,
        #""StringEqualsIfExists": {"aws:PrincipalTag/team": "data"}"#,
        #""Null": {"aws:MultiFactorAuthPresent": "true"}"#,
    ]
    static let principals = [
        #""Principal": "*""#, #""Principal": {"AWS": "arn:aws:iam::111122223333:role/data-eng"}"#,
        #""Principal": {"AWS": "111122223333"}"#, #""Principal": {"Service": "cloudtrail.amazonaws.com"}"#,
        #""NotPrincipal": {"AWS": "arn:aws:iam::444455556666:root"}"#,
    ]
    static let callers: [String?] = [
        "arn:aws:sts::111122223333:assumed-role/data-eng/alice", "arn:aws:iam::111122223333:user/alice",
        "arn:aws:iam::444455556666:user/bob", "arn:aws:iam::111122223333:root", "cloudtrail.amazonaws.com", nil,
    ]
    static let contextKeys: [(String, [String])] = [
        ("aws:RequestedRegion", ["us-east-1"]), ("aws:RequestedRegion", ["ap-south-1"]), ("aws:SecureTransport", ["true"]),
        ("aws:SecureTransport", ["false"]), ("aws:SourceIp", ["10.1.2.3"]), ("aws:SourceIp", ["203.0.113.7"]),
        ("aws:TagKeys", ["env"]), ("aws:TagKeys", ["env", "secret"]), ("aws:PrincipalTag/team", ["data"]),
        ("aws:username", ["alice"]), ("aws:MultiFactorAuthPresent", ["true"]), ("aws:SourceArn", ["arn:aws:s3:::data/x"]),
    ]

    static func statement(_ g: inout Generator, principal: Bool) -> String {
        let allow = g.chance(60)
        var members = [#""Effect": "\#(allow ? "Allow" : "Deny")""#]
        if g.chance(15) { members.append(#""Sid": "S\#(g.below(1000))""#) }
        // NotPrincipal (the last entry) is valid only in a Deny.
        if principal || g.chance(5) { members.append(g.pick(allow ? principals.dropLast() : principals[...])) }
        let actions = g.some(actionPatterns, max: 3).map { "\"\($0)\"" }.joined(separator: ", ")
        members.append(#""\#(g.chance(15) ? "NotAction" : "Action")": [\#(actions)]"#)
        if g.chance(85) {
            let patterns = g.some(resourcePatterns, max: 2).map { "\"\($0)\"" }.joined(separator: ", ")
            members.append(#""\#(g.chance(15) ? "NotResource" : "Resource")": [\#(patterns)]"#)
        }
        if g.chance(35) {
            // Distinct operators: a policy may not repeat one within a Condition.
            let first = g.below(conditions.count)
            let second = (first + 1 + g.below(conditions.count - 1)) % conditions.count
            let chosen = g.chance(50) ? [conditions[first]] : [conditions[first], conditions[second]]
            members.append(#""Condition": {\#(chosen.joined(separator: ", "))}"#)
        }
        return "{" + members.joined(separator: ", ") + "}"
    }

    static func policies(_ g: inout Generator, layer: String, count: Int, principal: Bool) throws -> [CompiledPolicy] {
        try (0..<count).map { i in
            let statements = (0..<(1 + g.below(6))).map { _ in statement(&g, principal: principal) }
            let text = #"{"Version": "2012-10-17", "Statement": [\#(statements.joined(separator: ", "))]}"#
            return try CompiledPolicy.compile(text: text, id: "\(layer)[\(i)]")
        }
    }

    static func layers(_ g: inout Generator) throws -> LayeredPolicies {
        func maybe(_ percent: Int, _ make: (inout Generator) throws -> [CompiledPolicy]) rethrows -> [CompiledPolicy]? {
            g.chance(percent) ? try make(&g) : nil
        }
        return LayeredPolicies(
            identity: try maybe(90) { try policies(&$0, layer: "identity", count: 1 + $0.below(4), principal: false) },
            resource: try maybe(40) { try policies(&$0, layer: "resource", count: 1, principal: true) },
            permissionsBoundary: try maybe(30) { try policies(&$0, layer: "boundary", count: 1, principal: false) },
            session: try maybe(20) { try policies(&$0, layer: "session", count: 1, principal: false) },
            scp: g.chance(40) ? try (0..<(1 + g.below(2))).map { _ in try policies(&g, layer: "scp", count: 1 + g.below(2), principal: false) } : nil,
            rcp: g.chance(20) ? [try policies(&g, layer: "rcp", count: 1, principal: true)] : nil,
            vpcEndpoint: try maybe(15) { try policies(&$0, layer: "vpce", count: 1, principal: true) })
    }

    static func request(_ g: inout Generator) -> Request {
        var context = RequestContext()
        for _ in 0..<g.below(5) {
            let (key, values) = g.pick(contextKeys)
            context[key] = values
        }
        return Request(
            principal: g.pick(callers), action: g.pick(requestActions),
            resources: (0..<g.below(3)).map { _ in g.pick(resources) },
            resourceAccount: g.chance(50) ? "111122223333" : nil, context: context)
    }

    @Test func indexedDecidesAsPlain() throws {
        var g = Generator(state: 13)
        let indexed = Authorizer()
        var plain = Authorizer()
        plain.usesActionIndex = false
        var outcomes: [Decision.Outcome: Int] = [:]
        var reasons = 0
        var mismatches = 0
        for _ in 0..<400 {
            let policies = try Self.layers(&g)
            for _ in 0..<8 {
                let request = Self.request(&g)
                let expected = plain.evaluate(request: request, policies: policies)
                let actual = indexed.evaluate(request: request, policies: policies)
                if actual != expected {
                    mismatches += 1
                    if mismatches <= 3 { Issue.record("\(request)\nplain: \(expected)\nindexed: \(actual)") }
                }
                outcomes[expected.decision, default: 0] += 1
                reasons += expected.denies.count + expected.allows.count
            }
        }
        #expect(mismatches == 0)
        // The generator reaches every outcome and many matching statements, so agreeing means something.
        #expect(outcomes[.allow, default: 0] >= 100)
        #expect(outcomes[.explicitDeny, default: 0] >= 100)
        #expect(outcomes[.implicitDeny, default: 0] >= 100)
        #expect(reasons >= 3_000)
    }
}
