#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The successful records a candidate change can reach, told from a record's bytes without decoding it: those
/// that mention an account the change touches (its id anywhere in the record, as the caller's `accountId`,
/// an ARN or `recipientAccountId`), come from one of `eventSources`, or were delivered for an account outside
/// `settledAccounts` (the accounts the change is known not to touch). A call that failed for another reason
/// than authorization (its `errorCode` is not one of `AuthorizationFailureCodes`) is out of reach too. `whatif`
/// reads every other record as unchanged without replaying it.
public struct ReachableRecords: Sendable, Equatable {
    public var mentioning: [String]
    public var eventSources: Set<String>
    public var settledAccounts: Set<String>

    public init(mentioning: [String], eventSources: Set<String>, settledAccounts: Set<String>) {
        self.mentioning = mentioning
        self.eventSources = eventSources
        self.settledAccounts = settledAccounts
    }

    /// Whether the record (its bytes and top-level fields) may be changed by the candidate.
    func admits(_ bytes: UnsafeRawBufferPointer, _ fields: RecordFields) -> Bool {
        guard let account = fields.string(.recipientAccountId, in: bytes), settledAccounts.contains(account) else { return true }
        if !eventSources.isEmpty, let source = fields.string(.eventSource, in: bytes), eventSources.contains(source) { return true }
        return mentioning.contains { text in
            var text = text
            return text.withUTF8 { Self.contains(bytes, UnsafeRawBufferPointer($0)) }
        }
    }

    /// Whether `needle` occurs in `haystack`: memchr for its first byte, memcmp for the rest.
    static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: UnsafeRawBufferPointer) -> Bool {
        guard let first = needle.first, let start = haystack.baseAddress, let pattern = needle.baseAddress else {
            return needle.isEmpty
        }
        var offset = 0
        while haystack.count - offset >= needle.count {
            guard let hit = memchr(start + offset, Int32(first), haystack.count - offset - needle.count + 1) else { return false }
            let at = start.distance(to: UnsafeRawPointer(hit))
            if memcmp(start + at, pattern, needle.count) == 0 { return true }
            offset = at + 1
        }
        return false
    }
}
