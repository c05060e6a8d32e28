import TrailJSON

/// The successful records a candidate change can reach, told from a record's bytes without decoding it: those
/// that mention an account the change touches (its id anywhere in the record, as the caller's `accountId`,
/// an ARN or `recipientAccountId`), come from one of `eventSources`, or were delivered for an account outside
/// `settledAccounts` (the accounts the change is known not to touch); and, when `events` is given, only those
/// whose event it admits (an action no changed policy covers cannot change). A call that failed for another
/// reason than authorization (its `errorCode` is not one of `AuthorizationFailureCodes`) is out of reach too.
/// `whatif` reads every other record as unchanged without replaying it. The successful records of `issuers`
/// (event source → event names) are selected beyond the reach too, for the sessions they issue, and counted
/// as not selected (`SelectedRecord.withinReach` is false).
public struct ReachableRecords: Sendable, Equatable {
    public var mentioning: [String]
    public var eventSources: Set<String>
    public var settledAccounts: Set<String>
    public var events: ReachableEvents?
    public var issuers: EventNames = [:]

    public init(mentioning: [String], eventSources: Set<String>, settledAccounts: Set<String>, events: ReachableEvents? = nil) {
        self.mentioning = mentioning
        self.eventSources = eventSources
        self.settledAccounts = settledAccounts
        self.events = events
    }

    /// Whether the record (its bytes and top-level fields) may be changed by the candidate.
    func admits(_ bytes: UnsafeRawBufferPointer, _ fields: RecordFields) -> Bool {
        // The action of a record without a message is its event's; a message may name another.
        if let events, fields.range(of: .errorMessage) == nil, let source = fields.string(.eventSource, in: bytes),
            let name = fields.string(.eventName, in: bytes), !events.admits(eventSource: source, eventName: name)
        {
            return false
        }
        guard let account = fields.string(.recipientAccountId, in: bytes), settledAccounts.contains(account) else { return true }
        if !eventSources.isEmpty, let source = fields.string(.eventSource, in: bytes), eventSources.contains(source) { return true }
        return mentioning.contains { text in
            var text = text
            return text.withUTF8 { Self.contains(bytes, UnsafeRawBufferPointer($0)) }
        }
    }

    /// Whether a successful record beyond the reach is one of `issuers`' events.
    func keeps(_ bytes: UnsafeRawBufferPointer, _ fields: RecordFields) -> Bool {
        fields.isEvent(of: issuers, in: bytes)
    }

    /// Whether `needle` occurs in `haystack`.
    static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: UnsafeRawBufferPointer) -> Bool {
        ByteSearch.firstOffset(of: needle, in: haystack) != nil
    }
}
