import PolicyEvaluator
import Testing
import TrailJSON

@Suite struct DecisionOutputTests {
    static func denyingCase() throws -> Decision {
        let simulation = try SimulationCase.parse(
            json: JSONParser.parse(
                """
                {"request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:PutObject",
                             "resource": "arn:aws:s3:::b/k", "resourceAccount": "111122223333"},
                 "identity": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}],
                 "resource": [{"name": "bucket", "policy": {"Version": "2012-10-17", "Statement": [
                   {"Sid": "DenyOutsideVpce", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*",
                    "Condition": {"StringNotEqualsIfExists": {"aws:SourceVpce": "vpce-1"}}}]}}],
                 "scp": [[{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:Put*", "Resource": "*"}]}]]}
                """))
        return Authorizer().evaluate(request: simulation.request, policies: simulation.policies)
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let json = try Self.denyingCase().json
        #expect(json.objectValue?.keys == ["decision", "denies", "missingAllows", "rules", "missingContext", "allows", "diagnostics"])
        #expect(json["decision"] == "explicit-deny")
        let denies = try #require(json["denies"]?.arrayValue)
        #expect(denies.count == 2)
        #expect(
            JSONWriter.string(denies[0])
                == #"{"layer":"resource","policy":"bucket","statement":"DenyOutsideVpce","statementIndex":0,"conditions":[{"operator":"StringNotEqualsIfExists","key":"aws:SourceVpce","requestValues":null,"policyValues":["vpce-1"],"result":true}]}"#
        )
        #expect(
            JSONWriter.string(denies[1])
                == #"{"layer":"scp","level":0,"policy":"scp[0][0]","statement":"Statement[0]","statementIndex":0,"conditions":[]}"#)
        #expect(json["missingContext"] == ["aws:SourceVpce"])
    }

    @Test func textExplainsEachDeny() throws {
        let text = try Self.denyingCase().explanation
        #expect(
            text == """
                explicit-deny: 2 statements denied the request
                  resource policy `bucket`, statement `DenyOutsideVpce`
                    StringNotEqualsIfExists aws:SourceVpce: request absent, policy [vpce-1] -> true
                  scp (level 0) policy `scp[0][0]`, statement `Statement[0]`
                also no allow from scp (level 0)
                  scp (level 0): no service control policy at level 0 allows `s3:PutObject`
                depends on keys the request lacks: `aws:SourceVpce`
                """)
    }

    @Test func implicitDenyNamesTheLayers() throws {
        let simulation = try SimulationCase.parse(
            json: JSONParser.parse(
                """
                {"request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "ec2:RunInstances"},
                 "identity": [], "scp": [[]]}
                """))
        let decision = Authorizer().evaluate(request: simulation.request, policies: simulation.policies)
        #expect(
            JSONWriter.string(decision.json)
                == #"{"decision":"implicit-deny","denies":[],"missingAllows":[{"layer":"identity","detail":"no identity-based policy allows `ec2:RunInstances` on `*`"},{"layer":"scp","level":0,"detail":"no service control policy at level 0 allows `ec2:RunInstances`"}],"rules":[],"missingContext":[],"allows":[],"diagnostics":[]}"#
        )
        #expect(decision.explanation.hasPrefix("implicit-deny: no allow from identity, scp (level 0)"))
    }

    @Test(arguments: [
        (#"[]"#, "a case must be a json object"),
        (#"{"identity": []}"#, "request: missing `request`"),
        (#"{"request": {"action": "s3"}}"#, "request.action: must be a string `service:Action`"),
        (#"{"request": {"action": "s3:x", "contxt": {}}}"#, "request.contxt: unknown member `contxt`"),
        (#"{"request": {"action": "s3:x"}, "permisionsBoundary": []}"#, "permisionsBoundary: unknown member"),
        (#"{"request": {"action": "s3:x", "context": {"k": {"a": 1}}}}"#, "request.context.k: a context value must be"),
        (#"{"request": {"action": "s3:x"}, "scp": [{"Statement": []}]}"#, "scp[0]: a level must be a list of policies"),
        (#"{"request": {"action": "s3:x"}, "identity": [{"Statement": [{"Effect": "Permit", "Action": "*"}]}]}"#, "policy `identity[0]`: Statement[0].Effect"),
        (#"{"request": {"action": "s3:x"}, "rcp": [[{"name": "my-rcp", "policy": {"Statement": {"Effect": "Deny"}}}]]}"#, "policy `my-rcp`: Statement: missing `Action`"),
    ])
    func caseErrorsNameTheMember(text: String, message: String) throws {
        let json = try JSONParser.parse(text)
        #expect {
            try SimulationCase.parse(json: json)
        } throws: { error in
            (error as? SimulationCaseError)?.description.contains(message) == true
        }
    }
}
