import PolicyEvaluator
import PolicyLanguage
import Testing

/// One row of the operator table: a Condition block, the request context, whether it holds.
struct ConditionRow: Sendable, CustomTestStringConvertible {
    var condition: String
    var context: [(String, [String])]
    var holds: Bool
    var version = "2012-10-17"

    init(_ condition: String, _ context: [(String, [String])], _ holds: Bool, version: String = "2012-10-17") {
        self.condition = condition
        self.context = context
        self.holds = holds
        self.version = version
    }

    var testDescription: String {
        "\(condition) with \(context.map { "\($0.0)=\($0.1)" }.joined(separator: ", ")) -> \(holds)"
    }

    /// Evaluates the condition in a one-statement identity policy for user alice.
    func evaluate() throws -> Decision {
        let policy = try CompiledPolicy.compile(
            text: """
                {"Version": "\(version)", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
                  "Condition": \(condition)}]}
                """, id: "row")
        let request = Request(
            principal: "arn:aws:iam::111122223333:user/alice", action: "s3:GetObject",
            resources: ["arn:aws:s3:::bucket/key"], resourceAccount: "111122223333", context: RequestContext(context))
        return Authorizer().evaluate(request: request, policies: LayeredPolicies(identity: [policy]))
    }
}
