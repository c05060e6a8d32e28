#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TrailJSON

/// The top-level members of a record that the reader looks at without decoding the record.
public enum RecordField: Int, CaseIterable, Sendable {
    case eventID, eventTime, errorCode, errorMessage, eventName, eventSource, awsRegion, recipientAccountId
    /// EventBridge wraps a CloudTrail record in `detail` beside `detail-type`.
    case detail, detailType
    /// `aws cloudtrail lookup-events` carries the record as a JSON string in `CloudTrailEvent`.
    case cloudTrailEvent
    /// Envelope keys: `{"Records": [...]}` of log files, `{"Events": [...]}` of lookup-events.
    case records, events

    /// Matches a member name given as raw bytes (no escapes) to a field, without allocating.
    static func match(_ key: UnsafeRawBufferPointer) -> RecordField? {
        guard let first = key.first, let base = key.baseAddress else { return nil }
        func equals(_ name: StaticString) -> Bool {
            name.utf8CodeUnitCount == key.count && memcmp(name.utf8Start, base, key.count) == 0
        }
        switch (key.count, first) {
        case (7, UInt8(ascii: "e")): return equals("eventID") ? .eventID : nil
        case (9, UInt8(ascii: "e")):
            if equals("eventTime") { return .eventTime }
            if equals("errorCode") { return .errorCode }
            return equals("eventName") ? .eventName : nil
        case (11, UInt8(ascii: "e")): return equals("eventSource") ? .eventSource : nil
        case (12, UInt8(ascii: "e")): return equals("errorMessage") ? .errorMessage : nil
        case (9, UInt8(ascii: "a")): return equals("awsRegion") ? .awsRegion : nil
        case (18, UInt8(ascii: "r")): return equals("recipientAccountId") ? .recipientAccountId : nil
        case (6, UInt8(ascii: "d")): return equals("detail") ? .detail : nil
        case (11, UInt8(ascii: "d")): return equals("detail-type") ? .detailType : nil
        case (15, UInt8(ascii: "C")): return equals("CloudTrailEvent") ? .cloudTrailEvent : nil
        case (7, UInt8(ascii: "R")): return equals("Records") ? .records : nil
        case (6, UInt8(ascii: "E")): return equals("Events") ? .events : nil
        default: return nil
        }
    }

    var name: String {
        switch self {
        case .detailType: return "detail-type"
        case .cloudTrailEvent: return "CloudTrailEvent"
        case .records: return "Records"
        case .events: return "Events"
        default: return String(describing: self)
        }
    }
}

/// Where each interesting top-level member's value lies inside one record's bytes.
public struct RecordFields: Sendable, Equatable {
    /// One lane per field (at most 16, `RecordField.allCases`), held inline: a record's fields cost no allocation.
    private var starts = SIMD16<Int>(repeating: -1)
    private var ends = SIMD16<Int>(repeating: -1)

    public init() {}

    /// The value's byte range (quotes included for strings), relative to the record's first byte.
    public func range(of field: RecordField) -> Range<Int>? {
        let start = starts[field.rawValue]
        return start < 0 ? nil : start..<ends[field.rawValue]
    }

    mutating func set(_ field: RecordField, _ range: Range<Int>) {
        starts[field.rawValue] = range.lowerBound
        ends[field.rawValue] = range.upperBound
    }

    /// A record names its event; anything without eventName, eventSource or eventID is not CloudTrail.
    public var looksLikeRecord: Bool {
        range(of: .eventName) != nil || range(of: .eventSource) != nil || range(of: .eventID) != nil
    }

    /// Whether the record is one of `events`.
    public func isEvent(of events: EventNames, in record: UnsafeRawBufferPointer) -> Bool {
        guard !events.isEmpty, let source = rawString(.eventSource, in: record), let name = rawString(.eventName, in: record)
        else { return false }
        if source.firstIndex(of: UInt8(ascii: "\\")) == nil && name.firstIndex(of: UInt8(ascii: "\\")) == nil {
            return events.contains(rawSource: source, rawName: name)
        }
        guard let source = string(.eventSource, in: record), let name = string(.eventName, in: record) else { return false }
        return events.events[source]?.contains(name) == true
    }

    /// The content of a string-valued field, with JSON escapes decoded; nil when absent or not a string.
    public func string(_ field: RecordField, in record: UnsafeRawBufferPointer) -> String? {
        guard let raw = rawString(field, in: record), let r = range(of: field) else { return nil }
        if raw.firstIndex(of: UInt8(ascii: "\\")) == nil {
            return String(decoding: raw, as: UTF8.self)
        }
        return (try? JSONParser.parse(UnsafeRawBufferPointer(rebasing: record[r])))?.stringValue
    }

    /// The raw bytes between the quotes of a string-valued field (escapes not decoded).
    public func rawString(_ field: RecordField, in record: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        guard let r = range(of: field), r.count >= 2, r.upperBound <= record.count,
            record[r.lowerBound] == UInt8(ascii: "\"")
        else { return nil }
        return UnsafeRawBufferPointer(rebasing: record[(r.lowerBound + 1)..<(r.upperBound - 1)])
    }
}
