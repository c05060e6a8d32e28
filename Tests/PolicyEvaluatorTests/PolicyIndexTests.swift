import Testing

@testable import PolicyEvaluator

/// The policy index visits only the statements that can apply: an action named exactly gets its own list (wildcards
/// and NotAction resolved when the policy is compiled), others their service's wildcard statements and the ones
/// that may cover any service; resource gates pass over statements naming other resources.
@Suite struct PolicyIndexTests {
    static let policy = try? CompiledPolicy.compile(text: """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"},
          {"Effect": "Allow", "Action": "S3:Get*", "Resource": ["arn:aws:s3:::logs/*", "arn:aws:s3:::data"]},
          {"Effect": "Allow", "Action": "ec2:*", "Resource": "*"},
          {"Effect": "Deny", "Action": "*", "Resource": "arn:aws:s3:::home/${aws:username}/*"},
          {"Effect": "Deny", "NotAction": ["iam:*", "s3:GetObject"], "NotResource": "arn:aws:s3:::data/*"},
          {"Effect": "Allow", "Action": "s*:Put*"}
        ]}
        """, id: "p")

    @Test(arguments: [
        // Named exactly: the statements that cover it, nothing left to test.
        ("s3:getobject", [0, 1, 3], false),
        // A wildcard of its service and the any-service statements, each still tested.
        ("s3:putobject", [1, 3, 4, 5], true),
        ("ec2:runinstances", [2, 3, 4, 5], true),
        ("sqs:sendmessage", [3, 4, 5], true),
        ("s3", [3, 4, 5], true),
    ])
    func visitsOnlyWhatCanCoverTheAction(action: String, positions: [Int], tested: Bool) throws {
        let index = try #require(Self.policy).storage.index
        let (range, isTested) = index.lookup(ActionKey(lowercased: action))
        #expect(range.map(index.statement(at:)) == positions)
        #expect(isTested == tested)
    }

    @Test(arguments: [
        ("arn:aws:s3:::data/report.csv", [true, true, true, false, true, true], [true, false, true, false, false, false]),
        ("arn:aws:s3:::logs/1.gz", [false, true, true, false, true, true], [true, false, true, false, false, false]),
        ("arn:aws:s3:::home/alice/x", [false, false, true, true, true, true], [true, false, true, false, false, false]),
    ])
    func gatesPassOverOtherResources(resource: String, admitted: [Bool], decided: [Bool]) throws {
        let index = try #require(Self.policy).storage.index
        let subject = Array(resource.utf8)
        let results = subject.withUnsafeBufferPointer { bytes in (0..<6).map { index.admits($0, bytes) } }
        #expect(results == admitted)
        #expect((0..<6).map(index.gateDecidesResource) == decided)
    }

    /// A gate compares a resource with its prefixes eight bytes at a time from the end, then byte by byte: on
    /// prefixes of every length up to 40 and resources that share them up to a changed byte anywhere, it admits
    /// exactly the resources that start with one of them.
    @Test func gatesAdmitExactlyTheResourcesWithAPrefix() throws {
        var g = ActionIndexPropertyTests.Generator(state: 0x9A7E)
        let alphabet = Array("arn:aws:s3:::data/homeXY-_*?".utf8).filter { $0 != UInt8(ascii: "*") && $0 != UInt8(ascii: "?") }
        for _ in 0..<300 {
            let prefixes = (0..<(1 + g.below(3))).map { _ in (0..<(1 + g.below(40))).map { _ in g.pick(alphabet) } }
            let patterns = prefixes.map { "\"" + String(decoding: $0, as: UTF8.self) + "*\"" }.joined(separator: ", ")
            let policy = try CompiledPolicy.compile(
                text: #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": [\#(patterns)]}]}"#,
                id: "gate")
            let index = policy.storage.index
            for _ in 0..<20 {
                var subject = g.pick(prefixes) + (0..<g.below(12)).map { _ in g.pick(alphabet) }
                if g.chance(60), !subject.isEmpty { subject[g.below(subject.count)] = g.pick(alphabet) }
                if g.chance(20) { subject = Array(subject.prefix(g.below(subject.count + 1))) }
                let expected = prefixes.contains { subject.starts(with: $0) }
                #expect(subject.withUnsafeBufferPointer { index.admits(0, $0) } == expected, "\(String(decoding: subject, as: UTF8.self))")
            }
        }
    }
}
