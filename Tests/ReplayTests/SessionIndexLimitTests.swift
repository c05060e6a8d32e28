import Foundation
import Testing
import TrailJSON
@testable import Replay

/// The session index keeps only values within AWS's limits for AssumeRole
/// (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html: the session policy's plaintext "can't
/// exceed 2,048 characters", "up to 10 managed policy ARNs", "up to 50 session tags"; tag keys 128 and values 256,
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html). An issuing record over them is
/// refused with the field named; calls with its credentials get an unknown session policy with that reason.
@Suite struct SessionIndexLimitTests {
    static let caller = #"{"type":"AssumedRole","principalId":"AROAEXAMPLE:dev","arn":"arn:aws:sts::111122223333:assumed-role/Dev/dev","accountId":"111122223333","accessKeyId":"ASIAEXAMPLE1"}"#

    static func issuing(_ parameters: String, accessKey: String = "ASIAEXAMPLE1") throws -> JSONValue {
        try JSONParser.parse(#"{"eventSource":"sts.amazonaws.com","eventName":"AssumeRole","eventID":"5a3c0d2e-1b4f-4c6a-9e8d-0000000000aa","requestParameters":\#(parameters),"responseElements":{"credentials":{"accessKeyId":"\#(accessKey)"},"assumedRoleUser":{"assumedRoleId":"AROAEXAMPLE:dev","arn":"arn:aws:sts::111122223333:assumed-role/Dev/dev"}}}"#)
    }

    static func call(_ sessions: SessionIndex) throws -> RebuiltRequest {
        RequestBuilder().build(try JSONParser.parse(#"{"userIdentity":\#(caller),"eventSource":"ec2.amazonaws.com","eventName":"RunInstances","awsRegion":"us-east-1"}"#),
            sessions: sessions)
    }

    static func policy(length: Int) -> String {
        let head = #"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"ec2:*\",\"Resource\":\"*\",\"Sid\":\""#
        let tail = #"\"}]}"#
        // Each `\"` is one character of the policy.
        let fixed = head.replacingOccurrences(of: "\\\"", with: "\"").count + tail.replacingOccurrences(of: "\\\"", with: "\"").count
        return head + String(repeating: "a", count: length - fixed) + tail
    }

    @Test func aSessionPolicyAtTheLimitIsKept() throws {
        var sessions = SessionIndex()
        #expect(sessions.index(try Self.issuing(#"{"policy":"\#(Self.policy(length: 2048))"}"#)) == .indexed(ignored: []))
        let request = try Self.call(sessions)
        #expect(request.session?.policy?.count == 2048)
        #expect(!request.sessionUnknown)
    }

    @Test func aSessionPolicyOverTheLimitMakesTheSessionUnknown() throws {
        var sessions = SessionIndex()
        let outcome = sessions.index(try Self.issuing(#"{"policy":"\#(Self.policy(length: 2049))"}"#))
        guard case .refused(_, let refusals) = outcome else {
            Issue.record("expected a refusal, got \(outcome)")
            return
        }
        #expect(refusals.map(\.field) == ["requestParameters.policy"])
        #expect(refusals.first?.limit == .sessionPolicy)
        let request = try Self.call(sessions)
        #expect(request.session == nil)
        #expect(request.sessionUnknown)
        #expect(request.sessionProblem?.contains("AssumeRole 5a3c0d2e-1b4f-4c6a-9e8d-0000000000aa") == true)
        #expect(request.sessionProblem?.contains("`requestParameters.policy` is longer than AWS allows for a session policy") == true)
    }

    @Test func tooManyTagsOrOverlongOnesAreRefused() throws {
        let many = (0...50).map { #"{"key":"k\#($0)","value":"v"}"# }.joined(separator: ",")
        var sessions = SessionIndex()
        guard case .refused(let problem, let none) = sessions.index(try Self.issuing(#"{"tags":[\#(many)]}"#)) else {
            Issue.record("51 session tags were indexed")
            return
        }
        #expect(none.isEmpty)
        #expect(problem.contains("`requestParameters.tags` has more than the 50 entries AWS allows"))
        #expect(try Self.call(sessions).sessionProblem == problem)

        var other = SessionIndex()
        let long = String(repeating: "v", count: 257)
        guard case .refused(_, let refusals) = other.index(try Self.issuing(#"{"tags":[{"key":"team","value":"\#(long)"}]}"#)) else {
            Issue.record("an overlong tag value was indexed")
            return
        }
        #expect(refusals.map(\.field) == ["requestParameters.tags[].value"])
        #expect(try Self.call(other).context["aws:PrincipalTag/team"] == nil)
    }

    /// Credentials whose access key id is over its limit (Credentials `AccessKeyId`: 16–128,
    /// https://docs.aws.amazon.com/STS/latest/APIReference/API_Credentials.html) are never used as a key.
    @Test func anOverlongAccessKeyIsNotAKey() throws {
        var sessions = SessionIndex()
        let key = "ASIA" + String(repeating: "K", count: 200)
        guard case .refused(_, let refusals) = sessions.index(try Self.issuing("{}", accessKey: key)) else {
            Issue.record("an overlong access key id was indexed")
            return
        }
        #expect(refusals.map(\.field) == ["responseElements.credentials.accessKeyId"])
        #expect(sessions.count == 0)
        // By its assumed role id the record is found, and said to be unusable.
        let byID = sessions.match(for: CallerIdentity(userIdentity: try JSONParser.parse(
            #"{"type":"AssumedRole","principalId":"AROAEXAMPLE:dev","arn":"arn:aws:sts::111122223333:assumed-role/Dev/dev","accountId":"111122223333"}"#)))
        guard case .unusable(let problem) = byID else {
            Issue.record("expected an unusable session, got \(byID)")
            return
        }
        #expect(problem.contains("`responseElements.credentials.accessKeyId` is longer than AWS allows"))
    }
}
