#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a stream of JSON text into CloudTrail records at the byte level, without building a tree.
///
/// It accepts the shapes users have: the `{"Records":[…]}` envelope (keys in any order), a bare array of
/// records, JSON Lines or concatenated records, EventBridge events and `lookup-events` pages
/// (`{"Events":[…]}`). It checks JSON structure as it goes, so a corrupt record is reported and skipped, and
/// it resynchronizes at the next record. Memory is the largest record plus one chunk.
public struct RecordSplitter {
    /// What the splitter found; byte buffers are valid only during the callback.
    public enum Event {
        /// A complete record (or a `lookup-events` entry, when `entry` is true) with its top-level fields.
        case record(RawRecord)
        /// A record slot that could not be read; `ordinal` counts it like a record.
        case unreadable(ordinal: Int, offset: Int, message: String)
        /// A structural problem outside any record (the envelope, the file itself).
        case problem(offset: Int, message: String)
    }

    /// One record's bytes and where its top-level fields lie.
    public struct RawRecord {
        /// 1-based position among the record slots of the stream.
        public var ordinal: Int
        /// Absolute offset of the record's first byte in the decompressed stream.
        public var offset: Int
        public var bytes: UnsafeRawBufferPointer
        public var fields: RecordFields
        /// True for an element of `{"Events":[…]}`, which wraps the record in `CloudTrailEvent`.
        public var isLookupEntry: Bool
    }

    public let maxRecordBytes: Int
    private let window: ByteWindow
    let chunkSize: Int

    // Structure.
    private enum Expect: UInt8 { case value, valueOrEnd, keyOrEnd, key, colon, commaOrEnd }
    private static let objectMark: UInt8 = 0
    private static let arrayMark: UInt8 = 1
    private var stack: [UInt8] = []
    private var expect = Expect.value
    private var inString = false
    private var stringIsKey = false
    private var pendingEscape = false
    private var inLiteral = false
    private var literalStart = 0
    private var keyStart = -1

    // Records.
    private var elementsDepth = -1          // stack depth inside an array whose elements are records
    private var elementsAreLookupEntries = false
    private var elementsPrefix: [UInt8] = []
    private var recordDepth = -1            // stack depth inside the current record object
    private var recordStart = -1            // absolute; -1 when not retaining
    private var recordOversize = false
    private var elementStart = -1           // absolute start of a non-object element or top-level value
    private var fields = RecordFields()
    private var currentField: RecordField?
    private var fieldStart = 0
    private var pendingEnvelope: RecordField?
    private var nextOrdinal = 1
    private var resync: Resync?
    private enum Resync { case lines, elements }

    /// Records and unreadable slots seen so far.
    public private(set) var recordSlots = 0
    /// Whether the input turned out to be an envelope (`Records` or `Events`).
    public private(set) var sawEnvelope = false
    /// Whether the input ended before its JSON document was closed: it was truncated.
    public private(set) var endedInsideDocument = false

    public init(maxRecordBytes: Int = 64 << 20, chunkSize: Int = 256 << 10) {
        self.maxRecordBytes = maxRecordBytes
        self.chunkSize = chunkSize
        window = ByteWindow(capacity: chunkSize * 2)
    }

    /// Absolute offset of the next byte to be appended.
    public var streamOffset: Int { window.end }

    /// Lets `body` write decompressed bytes straight into the splitter's buffer, at least `minimum` bytes of room
    /// (a chunk by default; a whole file decompressed at once); returns the count written.
    public func withWritableSpace(minimum: Int = 0, _ body: (UnsafeMutableRawBufferPointer) throws -> Int) rethrows -> Int {
        try window.append(minimum: max(minimum, chunkSize), body)
    }

    /// Appends bytes by copying them.
    public func append(_ bytes: UnsafeRawBufferPointer) {
        window.append(bytes)
    }

    /// Scans everything appended so far, reporting what it finds.
    public mutating func scan(_ emit: (Event) -> Void) {
        process(final: false, emit)
        compact()
    }

    /// Data was lost between what was appended and what comes next (a corrupt gzip member was skipped).
    public mutating func discontinuity(_ emit: (Event) -> Void) {
        process(final: false, emit)
        let offset = window.end
        if recordDepth >= 0 {
            abandonRecord(at: offset, message: "record cut short by lost compressed data", emit)
        }
        inString = false
        inLiteral = false
        pendingEscape = false
        keyStart = -1
        window.discard(before: window.end)
        // Inside an envelope, find the next record; between documents, the next data starts a new one.
        if elementsDepth >= 0 {
            resync = .elements
        } else {
            stack.removeAll()
            expect = .value
        }
    }

    /// The input has ended: reports a record or envelope left open.
    public mutating func finish(_ emit: (Event) -> Void) {
        process(final: true, emit)
        let offset = window.end
        if inLiteral {
            inLiteral = false
            valueCompleted(end: offset, emit)
        }
        var reported = false
        if recordDepth >= 0 {
            abandonRecord(at: offset, message: "input ends inside the record (truncated)", emit)
            reported = true
        } else if elementStart >= 0 {
            reportUnreadableElement(at: elementStart, message: "input ends inside an element (truncated)", emit)
            reported = true
        }
        endedInsideDocument = !stack.isEmpty && resync == nil
        // One diagnostic for one truncation: the open envelope is only news when no record was cut.
        if !stack.isEmpty && resync == nil && !reported {
            emit(.problem(offset: offset, message: "input ends inside the JSON document (truncated)"))
        }
        window.discard(before: window.end)
        stack.removeAll()
    }

    /// The top-level fields of `bytes` when they hold exactly one JSON object, as for a record that came
    /// wrapped (EventBridge `detail`, lookup-events `CloudTrailEvent`).
    public static func fields(ofSingleRecord bytes: UnsafeRawBufferPointer) -> RecordFields? {
        var splitter = RecordSplitter(maxRecordBytes: Int.max, chunkSize: 4096)
        splitter.append(bytes)
        var found: RecordFields?
        var count = 0
        let collect = { (event: Event) in
            count += 1
            if case .record(let raw) = event, !raw.isLookupEntry { found = raw.fields }
        }
        splitter.scan(collect)
        splitter.finish(collect)
        return count == 1 ? found : nil
    }

    // MARK: - Scanning

    /// The index of the first quote or backslash in `p[from..<limit]`, or `limit`: eight bytes at a time (a byte
    /// equal to either leaves a zero byte in `word ^ pattern`, found by the borrow trick), then byte by byte. Most
    /// of a record is the inside of its strings.
    static func quoteOrBackslash(_ p: UnsafePointer<UInt8>, from: Int, limit: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var index = from
        while limit - index >= 8 {
            let word = UInt64(littleEndian: UnsafeRawPointer(p + index).loadUnaligned(as: UInt64.self))
            let quote = word ^ 0x2222_2222_2222_2222, backslash = word ^ 0x5C5C_5C5C_5C5C_5C5C
            // The lowest flagged byte is exactly the first match (a borrow only flags bytes above a true zero).
            let found = ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash) & highs
            if found != 0 { return index + found.trailingZeroBitCount >> 3 }
            index += 8
        }
        while index < limit && p[index] != 0x22 && p[index] != 0x5C { index += 1 }
        return index
    }

    private mutating func process(final: Bool, _ emit: (Event) -> Void) {
        let base = window.base
        let p = window.storage.assumingMemoryBound(to: UInt8.self)
        var index = max(scanned - base, 0)
        let limit = window.count
        defer { scanned = base + index }
        if !byteOrderMarkChecked {
            // A UTF-8 byte order mark opening the stream, whether it came plain or gzipped, is not data.
            let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
            let seen = min(limit, mark.count)
            if seen < mark.count && !final && (0..<seen).allSatisfy({ p[$0] == mark[$0] }) { return }
            byteOrderMarkChecked = true
            if base == 0 && scanned == 0 && seen == mark.count && (0..<seen).allSatisfy({ p[$0] == mark[$0] }) {
                index = mark.count
            }
        }
        while index < limit {
            if let mode = resync {
                guard let resumed = findResyncPoint(mode, from: index, limit: limit, final: final, p: p, base: base)
                else {
                    index = resyncHold >= 0 ? resyncHold - base : limit
                    return
                }
                index = resumed
                continue
            }
            if pendingEscape {
                pendingEscape = false
                index += 1
                continue
            }
            if inString {
                index = RecordSplitter.quoteOrBackslash(p, from: index, limit: limit)
                if index == limit { break }
                if p[index] == 0x5C {
                    if index + 1 < limit {
                        index += 2
                    } else {
                        pendingEscape = true
                        index += 1
                    }
                    continue
                }
                inString = false
                index += 1
                stringClosed(end: base + index, emit)
                continue
            }
            if inLiteral {
                while index < limit && RecordSplitter.isLiteralByte(p[index]) { index += 1 }
                if index == limit { break }
                inLiteral = false
                if !literalIsValid(end: base + index) {
                    syntaxError(at: literalStart, "invalid literal", emit)
                    continue
                }
                valueCompleted(end: base + index, emit)
                continue
            }
            let b = p[index]
            switch b {
            case 0x20, 0x0A, 0x0D, 0x09:
                index += 1
            case 0x22:  // "
                if expect == .key || expect == .keyOrEnd {
                    stringIsKey = true
                    keyStart = base + index + 1
                } else if expect == .value || expect == .valueOrEnd {
                    stringIsKey = false
                    valueStarting(at: base + index, byte: b, emit)
                } else {
                    syntaxError(at: base + index, "unexpected `\"`", emit)
                    continue
                }
                inString = true
                index += 1
            case 0x7B, 0x5B:  // { [
                guard expect == .value || expect == .valueOrEnd else {
                    syntaxError(at: base + index, "unexpected `\(Character(UnicodeScalar(b)))`", emit)
                    continue
                }
                valueStarting(at: base + index, byte: b, emit)
                if b == 0x7B {
                    stack.append(RecordSplitter.objectMark)
                    expect = .keyOrEnd
                } else {
                    stack.append(RecordSplitter.arrayMark)
                    expect = .valueOrEnd
                }
                index += 1
                if pendingEnvelopeStarted { pendingEnvelopeStarted = false; openEnvelope() }
            case 0x7D, 0x5D:  // } ]
                let mark = b == 0x7D ? RecordSplitter.objectMark : RecordSplitter.arrayMark
                let allowed = b == 0x7D
                    ? (expect == .commaOrEnd || expect == .keyOrEnd) : (expect == .commaOrEnd || expect == .valueOrEnd)
                guard allowed, stack.last == mark else {
                    syntaxError(at: base + index, "unexpected `\(Character(UnicodeScalar(b)))`", emit)
                    continue
                }
                stack.removeLast()
                index += 1
                containerClosed(end: base + index, emit)
            case 0x3A:  // :
                guard expect == .colon else {
                    syntaxError(at: base + index, "unexpected `:`", emit)
                    continue
                }
                expect = .value
                index += 1
            case 0x2C:  // ,
                guard expect == .commaOrEnd, let top = stack.last else {
                    syntaxError(at: base + index, "unexpected `,`", emit)
                    continue
                }
                expect = top == RecordSplitter.objectMark ? .key : .value
                index += 1
            default:
                guard RecordSplitter.isLiteralStart(b), expect == .value || expect == .valueOrEnd else {
                    syntaxError(at: base + index, describe(b), emit)
                    continue
                }
                valueStarting(at: base + index, byte: b, emit)
                inLiteral = true
                literalStart = base + index
                index += 1
            }
        }
    }

    private var scanned = 0
    private var byteOrderMarkChecked = false
    private var resyncHold = -1
    private var pendingEnvelopeStarted = false

    private func describe(_ b: UInt8) -> String {
        if b >= 0x21 && b < 0x7F { return "unexpected `\(Character(UnicodeScalar(b)))`" }
        return "unexpected byte 0x\(String(b, radix: 16))"
    }

    private static func isLiteralByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "E"):
            return true
        default: return false
        }
    }

    private static func isLiteralStart(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "t"), UInt8(ascii: "f"),
            UInt8(ascii: "n"):
            return true
        default: return false
        }
    }

    private func literalIsValid(end: Int) -> Bool {
        guard literalStart >= window.base else { return true }
        let text = window.bytes(from: literalStart, to: end)
        guard let first = text.first else { return false }
        switch first {
        case UInt8(ascii: "t"): return RecordSplitter.equal(text, "true")
        case UInt8(ascii: "f"): return RecordSplitter.equal(text, "false")
        case UInt8(ascii: "n"): return RecordSplitter.equal(text, "null")
        default:
            return !text.contains { !(($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2B || $0 == 0x2E || $0 == 0x65 || $0 == 0x45) }
        }
    }

    /// Whether `text` is exactly `literal`'s bytes.
    private static func equal(_ text: UnsafeRawBufferPointer, _ literal: StaticString) -> Bool {
        guard let base = text.baseAddress, text.count == literal.utf8CodeUnitCount else { return false }
        return memcmp(base, literal.utf8Start, text.count) == 0
    }

    // MARK: - Structure events

    /// A value begins at `offset` at the current depth (before a container is pushed).
    private mutating func valueStarting(at offset: Int, byte: UInt8, _ emit: (Event) -> Void) {
        let depth = stack.count
        if recordDepth >= 0 {
            if depth == recordDepth {
                if let envelope = pendingEnvelope, recordDepth == 1, elementsDepth < 0 {
                    pendingEnvelope = nil
                    if byte == 0x5B {
                        pendingEnvelopeStarted = true
                        pendingEnvelopeKind = envelope
                        return
                    }
                }
                if currentField != nil { fieldStart = offset }
            }
            return
        }
        if depth == 0 {
            if byte == 0x7B {
                beginRecord(at: offset, depth: 1)
            } else if byte == 0x5B {
                elementsDepth = 1
                elementsAreLookupEntries = false
                elementsPrefix = [RecordSplitter.arrayMark]
            } else {
                elementStart = offset
            }
            return
        }
        if depth == elementsDepth {
            if byte == 0x7B {
                beginRecord(at: offset, depth: depth + 1)
            } else {
                elementStart = offset
            }
        }
    }

    private var pendingEnvelopeKind: RecordField = .records

    private mutating func openEnvelope() {
        recordDepth = -1
        recordStart = -1
        recordOversize = false
        currentField = nil
        sawEnvelope = true
        elementsDepth = stack.count
        elementsAreLookupEntries = pendingEnvelopeKind == .events
        elementsPrefix = stack
    }

    private mutating func beginRecord(at offset: Int, depth: Int) {
        recordDepth = depth
        recordStart = offset
        recordOversize = false
        fields = RecordFields()
        currentField = nil
        pendingEnvelope = nil
    }

    private mutating func stringClosed(end: Int, _ emit: (Event) -> Void) {
        if stringIsKey {
            expect = .colon
            defer { keyStart = -1 }
            guard recordDepth >= 0, stack.count == recordDepth, keyStart >= window.base else { return }
            let key = window.bytes(from: keyStart, to: end - 1)
            let field = RecordField.match(key)
            switch field {
            case .records?, .events?:
                currentField = nil
                if recordDepth == 1 && elementsDepth < 0 { pendingEnvelope = field }
            default:
                currentField = field
            }
            return
        }
        valueCompleted(end: end, emit)
    }

    private mutating func containerClosed(end: Int, _ emit: (Event) -> Void) {
        if elementsDepth >= 0 && stack.count < elementsDepth {
            elementsDepth = -1
            elementsPrefix = []
        }
        valueCompleted(end: end, emit)
    }

    /// A value (scalar or container) ended at `end`; the stack is already at the value's own depth.
    private mutating func valueCompleted(end: Int, _ emit: (Event) -> Void) {
        let depth = stack.count
        expect = depth == 0 ? .value : .commaOrEnd
        if recordDepth >= 0 {
            if depth == recordDepth, let field = currentField {
                if recordStart >= 0 { fields.set(field, (fieldStart - recordStart)..<(end - recordStart)) }
                currentField = nil
            } else if depth == recordDepth - 1 {
                completeRecord(end: end, emit)
            }
            return
        }
        if elementStart >= 0 && (depth == 0 || depth == elementsDepth) {
            reportUnreadableElement(at: elementStart, message: depth == 0
                ? "top-level value is not a JSON object" : "element is not a JSON object", emit)
        }
    }

    private mutating func completeRecord(end: Int, _ emit: (Event) -> Void) {
        let ordinal = nextOrdinal
        nextOrdinal += 1
        recordSlots += 1
        let start = recordStart
        recordDepth = -1
        recordStart = -1
        // Over the limit whether it was seen growing (and dropped) or came whole in one scan (held by a resync).
        if recordOversize || end - start > maxRecordBytes {
            let from = recordOversize ? oversizeStart : start
            recordOversize = false
            emit(.unreadable(ordinal: ordinal, offset: from,
                message: "record is larger than the limit of \(maxRecordBytes) bytes (\(end - from) bytes)"))
            return
        }
        let record = RawRecord(ordinal: ordinal, offset: start, bytes: window.bytes(from: start, to: end),
            fields: fields, isLookupEntry: elementsAreLookupEntries && elementsDepth >= 0)
        emit(.record(record))
    }

    private mutating func reportUnreadableElement(at offset: Int, message: String, _ emit: (Event) -> Void) {
        elementStart = -1
        let ordinal = nextOrdinal
        nextOrdinal += 1
        recordSlots += 1
        emit(.unreadable(ordinal: ordinal, offset: offset, message: message))
    }

    private mutating func abandonRecord(at offset: Int, message: String, _ emit: (Event) -> Void) {
        let ordinal = nextOrdinal
        nextOrdinal += 1
        recordSlots += 1
        let start = recordStart >= 0 ? recordStart : oversizeStart
        recordDepth = -1
        recordStart = -1
        recordOversize = false
        currentField = nil
        emit(.unreadable(ordinal: ordinal, offset: start, message: message))
    }

    private var oversizeStart = 0

    // MARK: - Errors and resynchronization

    private mutating func syntaxError(at offset: Int, _ message: String, _ emit: (Event) -> Void) {
        inLiteral = false
        inString = false
        keyStart = -1
        if recordDepth >= 0 {
            abandonRecord(at: offset, message: "invalid JSON at byte \(offset): \(message)", emit)
        } else if elementStart >= 0 {
            reportUnreadableElement(at: elementStart, message: "invalid JSON at byte \(offset): \(message)", emit)
        } else {
            emit(.problem(offset: offset, message: "invalid JSON: \(message)"))
        }
        if elementsDepth >= 0 {
            resync = .elements
        } else {
            resync = .lines
        }
        // Skip the offending byte so that resynchronization makes progress.
        scannedSkip = offset + 1
    }

    private var scannedSkip = -1

    /// Looks for the next place a record can start; returns the window index to resume scanning at.
    private mutating func findResyncPoint(_ mode: Resync, from start: Int, limit: Int, final: Bool,
        p: UnsafeMutablePointer<UInt8>, base: Int) -> Int?
    {
        var index = start
        if scannedSkip >= 0 {
            index = max(index, scannedSkip - base)
            scannedSkip = -1
        }
        resyncHold = -1
        switch mode {
        case .lines:
            while index < limit && p[index] != 0x0A { index += 1 }
            guard index < limit else { return nil }
            resync = nil
            stack.removeAll()
            expect = .value
            elementsDepth = -1
            return index + 1
        case .elements:
            while index < limit {
                if p[index] == 0x7B {
                    switch RecordSplitter.startsRecord(p: p, at: index, limit: limit) {
                    case .yes:
                        resync = nil
                        stack = elementsPrefix
                        elementsDepth = elementsPrefix.count
                        expect = .value
                        return index
                    case .no:
                        break
                    case .needMore:
                        if final { return nil }
                        resyncHold = base + index
                        return nil
                    }
                }
                index += 1
            }
            return nil
        }
    }

    private enum Match { case yes, no, needMore }

    /// Keys that can open a CloudTrail record; `{` followed by one of them is taken as a record start.
    private static let recordKeys: Set<[UInt8]> = Set([
        "eventVersion", "userIdentity", "eventTime", "eventSource", "eventName", "awsRegion", "sourceIPAddress",
        "userAgent", "errorCode", "errorMessage", "requestParameters", "responseElements", "requestID", "eventID",
        "readOnly", "eventType", "managementEvent", "recipientAccountId", "eventCategory", "additionalEventData",
        "apiVersion", "sharedEventID", "serviceEventDetails", "vpcEndpointId", "tlsDetails",
        "sessionCredentialFromConsole", "EventId", "EventName", "CloudTrailEvent",
    ].map { Array($0.utf8) })

    private static func startsRecord(p: UnsafeMutablePointer<UInt8>, at brace: Int, limit: Int) -> Match {
        var i = brace + 1
        while i < limit, p[i] == 0x20 || p[i] == 0x0A || p[i] == 0x0D || p[i] == 0x09 { i += 1 }
        guard i < limit else { return .needMore }
        guard p[i] == 0x22 else { return .no }
        let keyStart = i + 1
        var j = keyStart
        while j < limit && p[j] != 0x22 && j - keyStart < 40 { j += 1 }
        guard j < limit else { return .needMore }
        guard p[j] == 0x22 else { return .no }
        let key = Array(UnsafeBufferPointer(start: p + keyStart, count: j - keyStart))
        return recordKeys.contains(key) ? .yes : .no
    }

    // MARK: - Memory

    private mutating func compact() {
        let scanEnd = scanned
        if recordStart >= 0 && scanEnd - recordStart > maxRecordBytes {
            recordOversize = true
            oversizeStart = recordStart
            recordStart = -1
        }
        var keep = scanEnd
        if recordStart >= 0 { keep = min(keep, recordStart) }
        if keyStart >= 0 { keep = min(keep, keyStart) }
        if resyncHold >= 0 { keep = min(keep, resyncHold) }
        if inLiteral { keep = min(keep, literalStart) }
        window.discard(before: keep)
        if recordStart < 0 { window.shrink(toCapacity: chunkSize * 2) }
    }
}
