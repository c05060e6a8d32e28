import Testing
import TrailJSON
import Replay

/// What an archive index keeps of a session-issuing record rebuilds the same session, and nothing else: the
/// fields `SessionIndex.index` reads of AssumeRole and GetFederationToken records
/// (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html,
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetFederationToken.html).
struct SessionEssentialsTests {
    static let assumeRole = #"""
        {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/ops"},
         "eventTime":"2026-11-28T09:00:00Z","eventSource":"sts.amazonaws.com","eventName":"AssumeRole",
         "awsRegion":"us-east-1","sourceIPAddress":"192.0.2.1","userAgent":"aws-cli/2",
         "requestParameters":{"roleArn":"arn:aws:iam::111122223333:role/Dev","roleSessionName":"dev",
           "policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"ec2:*\",\"Resource\":\"*\"}]}",
           "policyArns":[{"arn":"arn:aws:iam::111122223333:policy/Extra"}],
           "tags":[{"key":"team","value":"red"}],"transitiveTagKeys":["team"],"sourceIdentity":"ops","durationSeconds":3600},
         "responseElements":{"credentials":{"accessKeyId":"ASIAEXAMPLE1","sessionToken":"IQoJEXAMPLE","expiration":"Nov 28, 2026, 10:00:00 AM"},
           "assumedRoleUser":{"assumedRoleId":"AROAEXAMPLE:dev","arn":"arn:aws:sts::111122223333:assumed-role/Dev/dev"},
           "sourceIdentity":"ops"},
         "eventID":"5a3c0d2e-1b4f-4c6a-9e8d-0000000000aa","recipientAccountId":"111122223333"}
        """#

    static let federation = #"""
        {"eventTime":"2026-11-28T09:00:00Z","eventSource":"sts.amazonaws.com","eventName":"GetFederationToken",
         "requestParameters":{"name":"bob"},
         "responseElements":{"credentials":{"accessKeyId":"ASIAEXAMPLE2","sessionToken":"IQoJEXAMPLE"},
           "federatedUser":{"federatedUserId":"111122223333:bob","arn":"arn:aws:sts::111122223333:federated-user/bob"}},
         "eventID":"5a3c0d2e-1b4f-4c6a-9e8d-0000000000ab"}
        """#

    static func caller(_ key: String, _ principal: String) -> CallerIdentity {
        CallerIdentity(userIdentity: ["accessKeyId": .string(key), "principalId": .string(principal)])
    }

    @Test(arguments: [(assumeRole, "ASIAEXAMPLE1", "AROAEXAMPLE:dev"), (federation, "ASIAEXAMPLE2", "111122223333:bob")])
    func theEssentialsRebuildTheSameSession(text: String, key: String, principal: String) throws {
        let record = try JSONParser.parse(text)
        let essentials = try #require(SessionIndex.essentials(of: record))
        var full = SessionIndex(), kept = SessionIndex()
        full.add(record)
        kept.add(essentials)
        let caller = SessionEssentialsTests.caller(key, principal)
        #expect(kept.match(for: caller) == full.match(for: caller))
        #expect(kept.session(for: caller) != nil)
        #expect(essentials["responseElements"]?["credentials"]?["sessionToken"] == nil)
        #expect(essentials["userIdentity"] == nil)
        #expect(essentials["requestParameters"]?["roleArn"] == nil)
        #expect(JSONWriter.string(essentials).utf8.count < JSONWriter.string(record).utf8.count)
    }

    /// A record built with only `recordMembers` (what the one pass parses of it) indexes the same session and
    /// has the same essentials as the whole record.
    @Test(arguments: [(assumeRole, "ASIAEXAMPLE1", "AROAEXAMPLE:dev"), (federation, "ASIAEXAMPLE2", "111122223333:bob")])
    func theRecordMembersIndexTheSameSession(text: String, key: String, principal: String) throws {
        let record = try JSONParser.parse(text)
        let members = try Array(text.utf8).withUnsafeBytes { try JSONParser.parse($0, keepingMembers: SessionIndex.recordMembers) }
        #expect(members["userIdentity"] == nil && members["eventID"] == record["eventID"])
        var full = SessionIndex(), kept = SessionIndex()
        full.add(record)
        kept.add(members)
        let caller = SessionEssentialsTests.caller(key, principal)
        #expect(kept.match(for: caller) == full.match(for: caller) && kept.session(for: caller) != nil)
        #expect(SessionIndex.essentials(of: members) == SessionIndex.essentials(of: record))
    }

    @Test func otherRecordsHaveNone() throws {
        var failed = try JSONParser.parse(SessionEssentialsTests.assumeRole).objectValue ?? JSONObject()
        failed.members.append(.init(key: "errorCode", value: "AccessDenied"))
        #expect(SessionIndex.essentials(of: .object(failed)) == nil)
        #expect(SessionIndex.essentials(of: ["eventSource": "s3.amazonaws.com", "eventName": "GetObject"]) == nil)
        #expect(SessionIndex.essentials(of: ["eventSource": "sts.amazonaws.com", "eventName": "GetCallerIdentity"]) == nil)
    }
}
