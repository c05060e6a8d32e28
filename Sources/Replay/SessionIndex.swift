import TrailJSON

/// What an AssumeRole, AssumeRoleWithSAML, AssumeRoleWithWebIdentity or GetFederationToken record says about
/// the session it issued: its session policy, managed session policies and session tags.
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

/// Finds, for a later call, the session-issuing record of its credentials (by access key id, then principal
/// id). Built from the records of the same input.
public struct SessionIndex: Sendable {
    /// Sessions issued with no session policy, tags or source identity keep only their issuing event, so that
    /// an archive with many plain sessions costs a few bytes each.
    private enum Entry: Sendable {
        case plain(eventName: String, eventID: String?)
        indirect case full(IssuedSession)
    }

    private var byAccessKey: [String: Entry] = [:]
    private var byPrincipal: [String: Entry] = [:]

    public init() {}

    /// The events that issue sessions.
    public static let issuingEvents: Set<String> = [
        "AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity", "GetFederationToken",
    ]

    public var count: Int { byAccessKey.count }

    /// Records a successful session-issuing record; anything else is ignored. Returns whether it was used.
    @discardableResult
    public mutating func add(_ record: JSONValue) -> Bool {
        guard record["eventSource"]?.stringValue == "sts.amazonaws.com",
            let name = record["eventName"]?.stringValue, SessionIndex.issuingEvents.contains(name),
            record["errorCode"] == nil || record["errorCode"] == .null
        else { return false }
        let parameters = record["requestParameters"]?.objectValue ?? JSONObject()
        let response = record["responseElements"]?.objectValue ?? JSONObject()
        let credentials = response["credentials"]?.objectValue
        let assumed = response["assumedRoleUser"]?.objectValue ?? response["federatedUser"]?.objectValue
        var tags: [String: String] = [:]
        for tag in parameters["tags"]?.arrayValue ?? [] {
            if let key = tag["key"]?.stringValue ?? tag["Key"]?.stringValue {
                tags[key] = tag["value"]?.stringValue ?? tag["Value"]?.stringValue ?? ""
            }
        }
        let policy: String?
        switch parameters["policy"] {
        case .string(let text)?: policy = text
        case .object?: policy = parameters["policy"].map { JSONWriter.string($0) }
        default: policy = nil
        }
        let session = IssuedSession(
            eventID: record["eventID"]?.stringValue,
            eventName: name,
            accessKeyId: credentials?["accessKeyId"]?.stringValue,
            principalId: assumed?["assumedRoleId"]?.stringValue ?? assumed?["federatedUserId"]?.stringValue,
            arn: assumed?["arn"]?.stringValue,
            policy: policy,
            policyArns: (parameters["policyArns"]?.arrayValue ?? []).compactMap { $0["arn"]?.stringValue ?? $0.stringValue },
            tags: tags,
            transitiveTagKeys: (parameters["transitiveTagKeys"]?.arrayValue ?? []).compactMap(\.stringValue),
            sourceIdentity: parameters["sourceIdentity"]?.stringValue)
        guard session.accessKeyId != nil || session.principalId != nil else { return false }
        let isPlain = session.policy == nil && session.policyArns.isEmpty && session.tags.isEmpty
            && session.sourceIdentity == nil
        let entry: Entry = isPlain ? .plain(eventName: name, eventID: session.eventID) : .full(session)
        if let key = session.accessKeyId { byAccessKey[key] = entry }
        if let principal = session.principalId { byPrincipal[principal] = entry }
        return true
    }

    private static func session(_ entry: Entry?) -> IssuedSession? {
        switch entry {
        case .full(let session)?:
            return session
        case .plain(let name, let id)?:
            return IssuedSession(eventID: id, eventName: name, accessKeyId: nil, principalId: nil, arn: nil,
                policy: nil, policyArns: [], tags: [:], transitiveTagKeys: [], sourceIdentity: nil)
        case nil:
            return nil
        }
    }

    /// The issuing record of the caller's credentials, if the input held it.
    public func session(for caller: CallerIdentity) -> IssuedSession? {
        if let key = caller.accessKeyId, let session = Self.session(byAccessKey[key]) { return session }
        // A principal id matches only sessions issued with the same name; keys are the better evidence.
        if caller.accessKeyId == nil, let principal = caller.principalId { return Self.session(byPrincipal[principal]) }
        return nil
    }
}
