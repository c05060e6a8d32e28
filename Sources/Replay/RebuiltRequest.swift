/// A CloudTrail authorization failure turned back into the request AWS evaluated, with where each part came
/// from and what could not be rebuilt.
public struct RebuiltRequest: Sendable {
    public var eventID: String?
    public var eventTime: String?
    public var eventSource: String?
    public var eventName: String?
    public var region: String?
    /// The account whose log holds the record.
    public var recipientAccount: String?
    public var errorCode: String?
    public var caller: CallerIdentity
    public var action: String?
    public var actionSource: Provenance?
    public var resources: [String] = []
    public var resourceSource: Provenance?
    public var resourceAccount: String?
    /// Request context keys (AWS's spelling) → values; several values make a multivalued key.
    public var context: [String: [String]] = [:]
    public var contextSources: [String: Provenance] = [:]
    /// What AWS's own message said.
    public var message: DenyMessage?
    /// The session that issued the caller's credentials, when the input holds its issuing record.
    public var session: IssuedSession?
    /// True when the caller used temporary credentials whose issuing record is not in the input or cannot be used.
    public var sessionUnknown = false
    /// Why the session is unknown when the input holds its issuing record but the record cannot be used.
    public var sessionProblem: String?
    /// Parts that could not be rebuilt, in words.
    public var gaps: [String] = []
    /// Record values longer than AWS allows, left out of the request (the caller's among them), in record order.
    public var refusals: [FieldRefusal] = []

    /// Why the request cannot be replayed at all: the first refused value the request depends on.
    public var refusalReason: String? {
        refusals.first { $0.effect == .requestUnknown }?.reason
    }

    mutating func set(_ key: String, _ values: [String], from source: Provenance) {
        guard !values.isEmpty else { return }
        context[key] = values
        contextSources[key] = source
    }
}
