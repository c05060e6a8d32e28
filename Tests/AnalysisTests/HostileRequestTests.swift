import Foundation
import Testing
import TrailJSON
@testable import Analysis
@testable import PolicyEvaluator
import PolicyLanguage
@testable import Replay
import ReplayResults
import Snapshot

/// What the attributor makes of requests with values longer than AWS allows, and the bounds of its caches.
@Suite struct HostileRequestTests {
    /// A caller whose ARN is megabytes long (AWS: at most 2,048 characters,
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_User.html) is unknown with the field named, and the
    /// result carries nothing of the value: not as the principal, not in the reason.
    @Test func aRefusedCallerIsUnknownAndNotEchoed() throws {
        let fixture = SnapshotAttributorTests()
        let attributor = try fixture.attributor()
        defer { try? FileManager.default.removeItem(atPath: fixture.dir) }
        let result = attributor.attribute(try fixture.record(user: String(repeating: "m", count: 3 << 20)))
        #expect(result.decision == .unknown)
        #expect(result.reason == "`userIdentity.arn` is longer than AWS allows for an ARN (2,048 characters)")
        #expect(result.principal == "AIDAALICE")
        #expect(result.resources.isEmpty)
        #expect(JSONWriter.string(result.json).utf8.count < 4096)
    }

    /// The same request with a name at AWS's limit (64 characters, IAM quotas) is replayed as usual.
    @Test func aCallerAtTheLimitIsReplayed() throws {
        let fixture = SnapshotAttributorTests()
        let attributor = try fixture.attributor()
        defer { try? FileManager.default.removeItem(atPath: fixture.dir) }
        let result = attributor.attribute(try fixture.record(user: String(repeating: "m", count: 64)))
        #expect(result.decision == .unknown)
        #expect(result.reason?.contains("is not in the authorization details") == true, "\(result.reason ?? "")")
    }

    /// A session whose issuing record is refused leaves the session layer unknown with that record's problem.
    @Test func anUnusableIssuingRecordNamesItsProblem() throws {
        let fixture = SnapshotAttributorTests()
        let attributor = try fixture.attributor()
        defer { try? FileManager.default.removeItem(atPath: fixture.dir) }
        var sessions = SessionIndex()
        let policy = String(repeating: " ", count: 2100)
        _ = sessions.index(try JSONParser.parse(#"{"eventSource":"sts.amazonaws.com","eventName":"AssumeRole","eventID":"5a3c0d2e-1b4f-4c6a-9e8d-0000000000bb","requestParameters":{"policy":"\#(policy)"},"responseElements":{"credentials":{"accessKeyId":"ASIAPROD1"},"assumedRoleUser":{"assumedRoleId":"AROAPROD:s","arn":"arn:aws:sts::111122223333:assumed-role/prod/s"}}}"#))
        let record = #"{"userIdentity":{"type":"AssumedRole","principalId":"AROAPROD:s","arn":"arn:aws:sts::111122223333:assumed-role/prod/s","accountId":"111122223333","accessKeyId":"ASIAPROD1"},"eventTime":"2026-11-28T09:00:00Z","eventSource":"iam.amazonaws.com","eventName":"DeleteRole","awsRegion":"us-east-1","errorCode":"AccessDenied","requestParameters":{"roleName":"prod"},"eventID":"e-3","recipientAccountId":"111122223333"}"#
        let outcome = attributor.replay(RequestBuilder().build(try JSONParser.parse(record), sessions: sessions))
        let session = outcome.unknown.first { $0.layer == .session }?.reason
        #expect(session == "the session's issuing record (AssumeRole 5a3c0d2e-1b4f-4c6a-9e8d-0000000000bb) cannot be used: "
            + "`requestParameters.policy` is longer than AWS allows for a session policy (2,048 characters), so its session policy is unknown")
    }

    /// Inline session policies are cached for the recent ones only: thousands of sessions keep at most the
    /// capacity, and a policy that does not parse is still reported while it is held.
    @Test func inlinePoliciesAreCachedWithinTheCapacity() {
        let compiler = PolicyCompiler(inlineCapacity: 64)
        for n in 0..<2000 {
            let text = #"{"Version":"2012-10-17","Statement":[{"Sid":"S\#(n)","Effect":"Deny","Action":"ec2:*","Resource":"*"}]}"#
            guard case .success(let policy) = compiler.compile(text: text, id: "session policy \(n)") else {
                Issue.record("policy \(n) did not compile")
                return
            }
            #expect(policy.id == "session policy \(n)")
            #expect(compiler.inlineCount <= 64)
        }
        _ = compiler.compile(text: #"{"Statement":[{"Effect":"Maybe","Action":"*","Resource":"*"}]}"#, id: "broken")
        #expect(compiler.failures.map(\.error.policy) == ["broken"])
    }

    /// A policy's version is compiled once for every snapshot of a time that holds it (found by its document),
    /// and another version of the same policy is compiled apart.
    @Test func aPolicyVersionIsCompiledOnceForAllTimes() throws {
        let base = PolicyCompiler()
        func version(_ action: String) throws -> PolicySource {
            PolicySource(id: "arn:aws:iam::111122223333:policy/p", kind: .managed,
                document: try JSONParser.parse(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"\#(action)","Resource":"*"}]}"#),
                origin: "test")
        }
        func storage(_ result: Result<CompiledPolicy, PolicyParseError>) -> ObjectIdentifier? {
            (try? result.get()).map { ObjectIdentifier($0.storage) }
        }
        let own: Set<String> = ["arn:aws:iam::111122223333:policy/p"]
        let first = PolicyCompiler(sharing: base, own: own).compile(try version("s3:GetObject"))
        let again = PolicyCompiler(sharing: base, own: own).compile(try version("s3:GetObject"))
        let other = PolicyCompiler(sharing: base, own: own).compile(try version("s3:PutObject"))
        #expect(storage(first) != nil && storage(first) == storage(again))
        #expect(storage(other) != nil && storage(other) != storage(first))
    }

    @Test func theRecentCacheKeepsTheRecentlyUsed() {
        var cache = RecentCache<String, Int>(capacity: 4)
        cache.insert(1, for: "a")
        cache.insert(2, for: "b")
        cache.insert(3, for: "c")  // a and b move to the older generation
        #expect(cache.value(for: "a") == 1)  // a comes back to the current one
        cache.insert(4, for: "d")  // c and a are the older generation now; b is dropped
        #expect(cache.value(for: "b") == nil)
        #expect(cache.value(for: "c") == 3)
        #expect(cache.value(for: "d") == 4)
        for n in 0..<1000 { cache.insert(n, for: "k\(n)") }
        #expect(cache.count <= 4)
        #expect(cache.value(for: "k999") == 999)
    }
}

/// The diagnostics a reader of records prints for refused values: one per record, naming the file, the record
/// and each field with its size, the limit and the AWS page.
@Suite struct RefusalDiagnosticTests {
    @Test func oneDiagnosticPerRecordNamesFileRecordAndFields() throws {
        let huge = String(repeating: "x", count: 5000)
        let request = RequestBuilder().build(try JSONParser.parse(#"{"userIdentity":{"type":"IAMUser","principalId":"AIDA\#(huge)","arn":"arn:aws:iam::111122223333:user/\#(huge)","accountId":"111122223333"},"eventSource":"s3.amazonaws.com","eventName":"GetObject","errorCode":"AccessDenied","requestParameters":{"bucketName":"b","key":"k"}}"#))
        let diagnostic = try #require(request.refusalDiagnostic(file: "logs/a.json.gz", record: 7))
        #expect(diagnostic.description == "warning: logs/a.json.gz: record 7: "
            + "`userIdentity.arn` is 5,031 bytes, over the 2,048 characters AWS allows for an ARN "
            + "(https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumedRoleUser.html); the request is unknown; "
            + "`userIdentity.principalId` is 5,004 bytes, over the 193 characters AWS allows for a principal id "
            + "(https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumedRoleUser.html); the request is unknown")
        let plain = RequestBuilder().build(try JSONParser.parse(#"{"eventSource":"s3.amazonaws.com","eventName":"GetObject"}"#))
        #expect(plain.refusalDiagnostic(file: "f", record: 1) == nil)
    }

    @Test func aRefusedIssuingRecordIsNamed() throws {
        var sessions = SessionIndex()
        let outcome = sessions.index(try JSONParser.parse(#"{"eventSource":"sts.amazonaws.com","eventName":"AssumeRole","eventID":"e-9","requestParameters":{"sourceIdentity":"\#(String(repeating: "s", count: 65))"},"responseElements":{"credentials":{"accessKeyId":"ASIAEXAMPLE9"},"assumedRoleUser":{"assumedRoleId":"AROAEXAMPLE:dev"}}}"#))
        let diagnostic = try #require(outcome.diagnostic(file: "f.json", record: 2))
        #expect(diagnostic.description.hasPrefix("warning: f.json: record 2: the session's issuing record (AssumeRole e-9) cannot be used: "
            + "`requestParameters.sourceIdentity` is longer than AWS allows for a source identity (64 characters); "
            + "`requestParameters.sourceIdentity` is 65 bytes, over the 64 characters"))
        #expect(SessionIndexing.indexed(ignored: []).diagnostic(file: "f", record: 1) == nil)
    }
}
