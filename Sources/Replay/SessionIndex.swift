import CivilTime
import Crypto
import TrailJSON

/// What an AssumeRole, AssumeRoleWithSAML, AssumeRoleWithWebIdentity, GetFederationToken or GetSessionToken record
/// says about the session it issued: its session policy, managed session policies and session tags (GetSessionToken
/// takes none: its sessions are plain). The index keeps neither the credentials a session is found by nor its
/// ARN (`accessKeyId`, `principalId` and `arn` are nil in what it returns): the call that used it carries them.
public struct IssuedSession: Sendable, Equatable {
    public var eventID: String?
    public var eventName: String
    public var accessKeyId: String?
    /// `assumedRoleId` (`AROA…:session`) or the federated user id.
    public var principalId: String?
    public var arn: String?
    /// The inline session policy document, as the JSON text the caller passed.
    public var policy: String?
    /// Managed policies passed as session policies (`policyArns`).
    public var policyArns: [String]
    public var tags: [String: String]
    public var transitiveTagKeys: [String]
    public var sourceIdentity: String?
}

/// What the input says about the session behind a call's credentials.
public enum SessionMatch: Sendable, Equatable {
    case issued(IssuedSession)
    /// The issuing record is in the input but holds a value longer than AWS allows: its session policy is unknown.
    case unusable(String)
    case none
}

/// What `SessionIndex.add` did with a record.
public enum SessionIndexing: Sendable, Equatable {
    /// Not a successful session-issuing record, or one without credentials to match later calls by.
    case ignored
    /// Indexed; `ignored` lists the fields left out that do not matter to the session (an overlong event id).
    case indexed(ignored: [FieldRefusal])
    /// A session-issuing record with values longer (or lists longer) than AWS allows: later calls with its
    /// credentials get an unknown session layer, with `problem` as the reason; the values themselves are not kept.
    case refused(problem: String, refusals: [FieldRefusal])
}

/// Finds, for a later call, the session-issuing record of its credentials (by access key id, then principal
/// id). Built from the records of the same input.
///
/// Every value kept is within AWS's limits (`FieldLimit`: access key id 128, assumed role id 193, ARN 2,048,
/// session policy 2,048, up to 10 policy ARNs, 50 tags of 128 + 256, source identity 64), so one session costs at
/// most a few kilobytes whatever the record holds. A long watch drops the sessions that have expired
/// (`evict(expiredBefore:)`), so that it holds only those of the last day and a half.
public struct SessionIndex: Sendable {
    /// Sessions issued with no session policy, tags or source identity keep only their issuing event, so that
    /// an archive with many plain sessions costs a few bytes each.
    private enum Entry: Sendable {
        case plain(event: UInt8, eventID: CompactEventID)
        indirect case full(IssuedSession)
        /// Why the issuing record cannot be used (it names the event and the refused field, never the value).
        case unusable(String)

        /// The longest the session can last (an unusable record's event is not kept: the longest of all).
        var lifetime: Double {
            switch self {
            case .plain(let event, _): return SessionIndex.longestLifetime(of: SessionIndex.eventNames[Int(event)])
            case .full(let session): return SessionIndex.longestLifetime(of: session.eventName)
            case .unusable: return SessionIndex.longestLifetime
            }
        }
    }

    /// An entry and when its credentials expire at the latest (seconds since the epoch); nil when the issuing
    /// record has no readable `eventTime`, until the first eviction gives it a lifetime from then.
    private struct Held: Sendable {
        var entry: Entry
        var expires: Double?
    }

    /// A key (an access key id, a principal id) by its SHA-256 cut to 128 bits, so that the index keeps no
    /// key's text: 16 bytes in place of a string of 20 to 200 (finding two keys with one digest takes 2^64 work).
    struct KeyDigest: Hashable, Sendable {
        let high: UInt64
        let low: UInt64

        init(_ key: String) {
            var key = key
            let digest = key.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
            var words = (UInt64(0), UInt64(0))
            digest.withUnsafeBytes { bytes in
                withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes.prefix(16))) }
            }
            (high, low) = words
        }
    }

    /// An eventID as CloudTrail writes it (a lowercase UUID) in 16 bytes, any other text as it is.
    enum CompactEventID: Sendable, Equatable {
        case uuid(UInt64, UInt64)
        case text(String)
        case none

        init(_ id: String?) {
            guard let id else {
                self = .none
                return
            }
            var words: (UInt64, UInt64) = (0, 0)
            var digits = 0
            var canonical = id.utf8.count == 36
            if canonical {
                for (offset, byte) in id.utf8.enumerated() {
                    if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                        if byte != UInt8(ascii: "-") { canonical = false; break }
                        continue
                    }
                    let value: UInt8
                    switch byte {
                    case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0")
                    case UInt8(ascii: "a")...UInt8(ascii: "f"): value = byte - UInt8(ascii: "a") + 10
                    default: canonical = false
                        value = 0
                    }
                    guard canonical else { break }
                    if digits < 16 { words.0 = words.0 << 4 | UInt64(value) } else { words.1 = words.1 << 4 | UInt64(value) }
                    digits += 1
                }
            }
            self = canonical ? .uuid(words.0, words.1) : .text(id)
        }

        /// The eventID as the record wrote it.
        var text: String? {
            switch self {
            case .none: return nil
            case .text(let text): return text
            case .uuid(let high, let low):
                let hex = Array("0123456789abcdef".utf8)
                var bytes: [UInt8] = []
                bytes.reserveCapacity(36)
                for (index, word) in [high, low].enumerated() {
                    for nibble in (0..<16).reversed() {
                        let position = index * 16 + (15 - nibble)
                        if position == 8 || position == 12 || position == 16 || position == 20 { bytes.append(UInt8(ascii: "-")) }
                        bytes.append(hex[Int(word >> (UInt64(nibble) * 4) & 0xF)])
                    }
                }
                return String(decoding: bytes, as: UTF8.self)
            }
        }
    }

    /// Each session once; the two maps give its position.
    private var sessions: [Held] = []
    private var byAccessKey: [KeyDigest: Int32] = [:]
    private var byPrincipal: [KeyDigest: Int32] = [:]

    public init() {}

    /// The events that issue sessions.
    public static let issuingEvents: Set<String> = [
        "AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity", "GetFederationToken", "GetSessionToken",
    ]

    /// The event of a successful session-issuing record (the set's own string, shared by every session of the
    /// event); nil for any other record.
    public static func issuingEvent(of record: JSONValue) -> String? {
        guard record["eventSource"]?.stringValue == "sts.amazonaws.com", let name = record["eventName"]?.stringValue,
            let known = issuingEvents.firstIndex(of: name), record["errorCode"] == nil || record["errorCode"] == .null
        else { return nil }
        return issuingEvents[known]
    }

    /// The issuing events by number, as a plain session keeps its event.
    static let eventNames: [String] = issuingEvents.sorted()

    /// AssumeRole: "You can provide up to 10 managed policy ARNs", "You can pass up to 50 session tags".
    static let maximumPolicyArns = 10
    static let maximumTags = 50

    public var count: Int { byAccessKey.count }

    /// The entries held, by access key and by principal id (what the index costs).
    public var heldEntries: Int { byAccessKey.count + byPrincipal.count }

    /// The longest a session issued by `eventName` can last (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_manage-assume.html:
    /// an AssumeRole* session lasts at most the role's maximum session duration setting, 1 to 12 hours, and one
    /// hour when roles are chained; https://docs.aws.amazon.com/STS/latest/APIReference/API_GetFederationToken.html:
    /// "from 900 seconds (15 minutes) to 129,600 seconds (36 hours)").
    public static func longestLifetime(of eventName: String) -> Double {
        eventName == "GetFederationToken" ? 36 * 3600 : 12 * 3600
    }

    /// The longest lifetime of any session the index keeps (36 hours, GetFederationToken).
    public static let longestLifetime: Double = 36 * 3600

    /// Drops the sessions whose credentials expired before `horizon` (seconds since the epoch): no call made
    /// after it can use them. An entry whose issuing record had no readable time is given its event's longest
    /// lifetime from `horizon`. Returns how many sessions were dropped.
    @discardableResult
    public mutating func evict(expiredBefore horizon: Double) -> Int {
        // A session no key reaches any more (its key was issued again) goes too.
        var referenced = [Bool](repeating: false, count: sessions.count)
        for position in byAccessKey.values { referenced[Int(position)] = true }
        for position in byPrincipal.values { referenced[Int(position)] = true }
        var kept: [Held] = []
        var moved = [Int32](repeating: -1, count: sessions.count)
        for (position, var session) in sessions.enumerated() where referenced[position] {
            if session.expires == nil { session.expires = horizon + session.entry.lifetime }
            guard let expires = session.expires, expires >= horizon else { continue }
            moved[position] = Int32(kept.count)
            kept.append(session)
        }
        func remap(_ map: inout [KeyDigest: Int32]) -> Int {
            let before = map.count
            map = map.compactMapValues { moved[Int($0)] >= 0 ? moved[Int($0)] : nil }
            return before - map.count
        }
        sessions = kept
        let dropped = remap(&byAccessKey)
        _ = remap(&byPrincipal)
        return dropped
    }

    /// Records a successful session-issuing record; anything else is ignored. Returns whether it was used.
    @discardableResult
    public mutating func add(_ record: JSONValue) -> Bool {
        index(record) != .ignored
    }

    /// Records a successful session-issuing record, refusing values longer than AWS allows.
    public mutating func index(_ record: JSONValue) -> SessionIndexing {
        guard let name = SessionIndex.issuingEvent(of: record) else { return .ignored }
        var check = FieldCheck()
        let parameters = record["requestParameters"]?.objectValue ?? JSONObject()
        let response = record["responseElements"]?.objectValue ?? JSONObject()
        let credentials = response["credentials"]?.objectValue
        let assumedKey = response["assumedRoleUser"] != nil ? "assumedRoleUser" : "federatedUser"
        let assumed = response[assumedKey]?.objectValue
        let idKey = assumedKey == "assumedRoleUser" ? "assumedRoleId" : "federatedUserId"
        let accessKeyId = check.admit(credentials?["accessKeyId"]?.stringValue,
            "responseElements.credentials.accessKeyId", .accessKeyID)
        let principalId = check.admit(assumed?[idKey]?.stringValue, "responseElements.\(assumedKey).\(idKey)", .principalID)
        guard accessKeyId != nil || principalId != nil else {
            guard let refusal = check.refusals.first else { return .ignored }
            return .refused(problem: "the session's issuing record (\(name)) cannot be used: " + refusal.reason,
                refusals: check.refusals)
        }
        var tags: [String: String] = [:]
        let tagList = parameters["tags"]?.arrayValue ?? []
        for tag in tagList.prefix(SessionIndex.maximumTags + 1) {
            if let key = check.admit(tag["key"]?.stringValue ?? tag["Key"]?.stringValue, "requestParameters.tags[].key", .tagKey),
                let value = check.admit(tag["value"]?.stringValue ?? tag["Value"]?.stringValue ?? "",
                    "requestParameters.tags[].value", .tagValue)
            {
                tags[key] = value
            }
        }
        let policy: String?
        switch parameters["policy"] {
        case .string(let text)?: policy = check.admit(text, "requestParameters.policy", .sessionPolicy)
        case .object?: policy = check.admit(parameters["policy"].map { JSONWriter.string($0) }, "requestParameters.policy", .sessionPolicy)
        default: policy = nil
        }
        let policyArnList = parameters["policyArns"]?.arrayValue ?? []
        let policyArns = policyArnList.prefix(SessionIndex.maximumPolicyArns + 1).compactMap {
            check.admit($0["arn"]?.stringValue ?? $0.stringValue, "requestParameters.policyArns[].arn", .arn)
        }
        let transitive = (parameters["transitiveTagKeys"]?.arrayValue ?? []).prefix(SessionIndex.maximumTags + 1)
            .compactMap { check.admit($0.stringValue, "requestParameters.transitiveTagKeys[]", .tagKey) }
        let eventID = record["eventID"]?.stringValue
        let session = IssuedSession(
            eventID: check.admit(eventID, "eventID", .eventID, effect: .fieldIgnored),
            eventName: name,
            accessKeyId: accessKeyId,
            principalId: principalId,
            arn: check.admit(assumed?["arn"]?.stringValue, "responseElements.\(assumedKey).arn", .arn),
            policy: policy,
            policyArns: policyArns,
            tags: tags,
            transitiveTagKeys: transitive,
            sourceIdentity: check.admit(parameters["sourceIdentity"]?.stringValue, "requestParameters.sourceIdentity",
                .sourceIdentity))
        let tooMany = [("requestParameters.tags", tagList.count, SessionIndex.maximumTags),
            ("requestParameters.policyArns", policyArnList.count, SessionIndex.maximumPolicyArns),
            ("requestParameters.transitiveTagKeys", parameters["transitiveTagKeys"]?.arrayValue?.count ?? 0, SessionIndex.maximumTags)]
            .first { $0.1 > $0.2 }
        let problem: String?
        let issuing = "the session's issuing record (\(name) \(session.eventID ?? "without an eventID")) cannot be used: "
        if let refusal = check.refusals.first(where: { $0.effect == .requestUnknown }) {
            problem = issuing + refusal.reason
        } else if let (field, _, maximum) = tooMany {
            problem = issuing + "`\(field)` has more than the \(maximum) entries AWS allows (\(FieldLimit.assumeRole))"
        } else {
            problem = nil
        }
        let entry: Entry
        if let problem {
            entry = .unusable(problem)
        } else {
            let isPlain = session.policy == nil && session.policyArns.isEmpty && session.tags.isEmpty
                && session.sourceIdentity == nil
            let event = SessionIndex.eventNames.firstIndex(of: name).map(UInt8.init) ?? 0
            // The credentials it is found by, and its ARN, are not kept: a later call has them itself.
            var kept = session
            (kept.accessKeyId, kept.principalId, kept.arn) = (nil, nil, nil)
            entry = isPlain ? .plain(event: event, eventID: CompactEventID(session.eventID)) : .full(kept)
        }
        let issued = record["eventTime"]?.stringValue.flatMap(UTCTime.init)
        add(Held(entry: entry, expires: issued.map { $0.secondsSinceEpoch + entry.lifetime }),
            accessKey: session.accessKeyId, principal: session.principalId)
        if let problem { return .refused(problem: problem, refusals: check.refusals) }
        return .indexed(ignored: check.refusals)
    }

    /// Holds `session` under its keys; a key issued again (a duplicate delivery) takes the later record, and a
    /// session no key finds any more is dropped.
    private mutating func add(_ session: Held, accessKey: String?, principal: String?) {
        let keys = (accessKey.map(KeyDigest.init), principal.map(KeyDigest.init))
        let position = Int32(sessions.count)
        sessions.append(session)
        if let key = keys.0 { byAccessKey[key] = position }
        if let key = keys.1 { byPrincipal[key] = position }
        // An entry no key reaches any more stays until an eviction (a watch) compacts the index: an archive
        // issues a key again only by delivering its record twice.
    }

    private func session(at position: Int32?) -> Held? {
        position.map { sessions[Int($0)] }
    }

    private static func match(_ held: Held?) -> SessionMatch {
        switch held?.entry {
        case .full(let session)?:
            return .issued(session)
        case .plain(let event, let id)?:
            return .issued(IssuedSession(eventID: id.text, eventName: SessionIndex.eventNames[Int(event)], accessKeyId: nil, principalId: nil, arn: nil,
                policy: nil, policyArns: [], tags: [:], transitiveTagKeys: [], sourceIdentity: nil))
        case .unusable(let problem)?:
            return .unusable(problem)
        case nil:
            return .none
        }
    }

    /// The issuing record of the caller's credentials: found, found but unusable, or not in the input.
    public func match(for caller: CallerIdentity) -> SessionMatch {
        if let key = caller.accessKeyId {
            let found = Self.match(session(at: byAccessKey[KeyDigest(key)]))
            if found != .none { return found }
        }
        // A principal id matches only sessions issued with the same name; keys are the better evidence.
        if caller.accessKeyId == nil, let principal = caller.principalId { return Self.match(session(at: byPrincipal[KeyDigest(principal)])) }
        return .none
    }

    /// The issuing record of the caller's credentials, if the input held it and it can be used.
    public func session(for caller: CallerIdentity) -> IssuedSession? {
        if case .issued(let session) = match(for: caller) { return session }
        return nil
    }
}
