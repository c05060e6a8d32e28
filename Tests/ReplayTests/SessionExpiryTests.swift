import Foundation
import Testing
import TrailJSON
@testable import Replay

/// Sessions are dropped once their credentials cannot be used any more. An AssumeRole, AssumeRoleWithSAML or
/// AssumeRoleWithWebIdentity session lasts at most the role's maximum session duration setting, 1 to 12 hours
/// (one hour for role chaining), https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_manage-assume.html;
/// a GetFederationToken session "from 900 seconds (15 minutes) to 129,600 seconds (36 hours)",
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetFederationToken.html.
@Suite struct SessionExpiryTests {
    static func issuing(_ name: String, key: String, time: String?) throws -> JSONValue {
        let eventTime = time.map { #""eventTime":"\#($0)","# } ?? ""
        let user = name == "GetFederationToken"
            ? #""federatedUser":{"federatedUserId":"111122223333:\#(key)","arn":"arn:aws:sts::111122223333:federated-user/\#(key)"}"#
            : #""assumedRoleUser":{"assumedRoleId":"AROAEXAMPLE:\#(key)","arn":"arn:aws:sts::111122223333:assumed-role/Dev/\#(key)"}"#
        return try JSONParser.parse(#"{\#(eventTime)"eventSource":"sts.amazonaws.com","eventName":"\#(name)","requestParameters":{},"responseElements":{"credentials":{"accessKeyId":"\#(key)"},\#(user)}}"#)
    }

    static func caller(_ key: String) throws -> CallerIdentity {
        CallerIdentity(userIdentity: try JSONParser.parse(
            #"{"type":"AssumedRole","accountId":"111122223333","accessKeyId":"\#(key)"}"#))
    }

    static let noon = 1_795_867_200.0  // 2026-11-28T12:00:00Z

    @Test func lifetimesFollowTheIssuingEvent() {
        #expect(SessionIndex.longestLifetime(of: "AssumeRole") == 12 * 3600)
        #expect(SessionIndex.longestLifetime(of: "AssumeRoleWithSAML") == 12 * 3600)
        #expect(SessionIndex.longestLifetime(of: "AssumeRoleWithWebIdentity") == 12 * 3600)
        #expect(SessionIndex.longestLifetime(of: "GetFederationToken") == 36 * 3600)
        #expect(SessionIndex.longestLifetime == 36 * 3600)
    }

    @Test func expiredSessionsAreDroppedAndTheOthersStillMatch() throws {
        var sessions = SessionIndex()
        sessions.add(try Self.issuing("AssumeRole", key: "ASIAROLE", time: "2026-11-28T12:00:00Z"))
        sessions.add(try Self.issuing("GetFederationToken", key: "ASIAFED", time: "2026-11-28T12:00:00Z"))
        sessions.add(try Self.issuing("AssumeRole", key: "ASIAUNDATED", time: nil))
        #expect(sessions.count == 3)
        #expect(sessions.heldEntries == 6)

        // Just before the role session's 12 hours are over, nothing goes; an undated one gets its lifetime now.
        #expect(sessions.evict(expiredBefore: Self.noon + 12 * 3600 - 1) == 0)
        #expect(sessions.session(for: try Self.caller("ASIAROLE")) != nil)
        #expect(sessions.evict(expiredBefore: Self.noon + 12 * 3600 + 1) == 1)
        #expect(sessions.session(for: try Self.caller("ASIAROLE")) == nil)
        #expect(sessions.session(for: try Self.caller("ASIAFED")) != nil)
        #expect(sessions.session(for: try Self.caller("ASIAUNDATED")) != nil)

        #expect(sessions.evict(expiredBefore: Self.noon + 24 * 3600) == 1, "12 hours from the first eviction")
        #expect(sessions.session(for: try Self.caller("ASIAUNDATED")) == nil)
        #expect(sessions.session(for: try Self.caller("ASIAFED")) != nil)
        #expect(sessions.evict(expiredBefore: Self.noon + 36 * 3600 + 1) == 1, "the federation session after 36 hours")
        #expect(sessions.session(for: try Self.caller("ASIAFED")) == nil)
        #expect(sessions.count == 0)
        #expect(sessions.heldEntries == 0, "the principal ids go with the keys")
    }

    /// A key issued again (a record delivered twice, or a later record with the same key) finds the later
    /// record; the earlier one, which no key finds any more, goes at the next eviction. Keys are told apart by
    /// their digest, case included.
    @Test func aKeyIssuedAgainFindsTheLaterRecord() throws {
        var sessions = SessionIndex()
        var first = try Self.issuing("AssumeRole", key: "ASIAKEY", time: "2026-11-28T12:00:00Z")
        first = try JSONParser.parse(JSONWriter.string(first).replacingOccurrences(of: #""eventSource""#, with: #""eventID":"one","eventSource""#))
        var second = first
        second = try JSONParser.parse(JSONWriter.string(second).replacingOccurrences(of: #""eventID":"one""#, with: #""eventID":"two""#))
        sessions.add(first)
        sessions.add(second)
        sessions.add(try Self.issuing("AssumeRole", key: "asiakey", time: "2026-11-28T12:00:00Z"))
        #expect(sessions.count == 2 && sessions.heldEntries == 4)
        #expect(sessions.session(for: try Self.caller("ASIAKEY"))?.eventID == "two")
        #expect(sessions.session(for: try Self.caller("asiakey"))?.eventID == nil)
        #expect(sessions.evict(expiredBefore: Self.noon) == 0)
        #expect(sessions.session(for: try Self.caller("ASIAKEY"))?.eventID == "two")
        #expect(SessionIndex.KeyDigest("ASIAKEY") == SessionIndex.KeyDigest("ASIAKEY"))
        #expect(SessionIndex.KeyDigest("ASIAKEY") != SessionIndex.KeyDigest("ASIAKEZ"))
    }

    /// A plain session keeps its eventID in 16 bytes when CloudTrail wrote it (a lowercase UUID) and gives the
    /// same text back; any other text is kept as it is.
    @Test(arguments: ["5a3c0d2e-1b4f-4c6a-9e8d-000000000008", "ffffffff-ffff-ffff-ffff-ffffffffffff",
        "00000000-0000-0000-0000-000000000000", "5A3C0D2E-1B4F-4C6A-9E8D-000000000008", "5a3c0d2e1b4f4c6a9e8d000000000008",
        "5a3c0d2e-1b4f-4c6a-9e8d-00000000000g", "one", ""])
    func eventIDsComeBackAsWritten(_ id: String) {
        let compact = SessionIndex.CompactEventID(id)
        #expect(compact.text == id)
        if case .uuid = compact { #expect(id.count == 36 && id == id.lowercased()) }
        #expect(SessionIndex.CompactEventID(nil).text == nil)
    }
}
