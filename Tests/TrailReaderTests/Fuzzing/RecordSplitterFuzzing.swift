import TrailJSON
import TrailReader

/// The fuzz entry of `Fuzz/splitter` (also run by `FuzzRegressionTests`): splits arbitrary bytes in several
/// chunkings and returns every broken invariant, empty when the splitter behaved.
///
/// Checked: every slot has the next ordinal and `recordSlots` counts them; a record's bytes are the input's
/// bytes at its offset, open with `{` and close with `}`, with its field ranges inside; the events do not depend
/// on the chunking; no record is over the size limit; a discontinuity keeps
/// the accounting; and, for a text that is one valid JSON document, the records are its records.
public enum RecordSplitterFuzzing {
    /// What one event said, copied out of the splitter's buffer.
    enum Seen: Equatable {
        case record(ordinal: Int, offset: Int, bytes: [UInt8], fields: RecordFields, lookup: Bool)
        case unreadable(ordinal: Int, offset: Int, message: String)
        case problem(offset: Int, message: String)
    }

    struct Run {
        var events: [Seen] = []
        var recordSlots = 0
        var endedInsideDocument = false
    }

    public static func check(_ data: UnsafeRawBufferPointer) -> [String] {
        let input = Array(data)
        var violations: [String] = []
        let hash = fnv1a(input)
        let whole = split(input, chunks: [input.count], maxRecordBytes: 64 << 20)
        violations += structure(whole, input: input, maxRecordBytes: 64 << 20, label: "one chunk")
        // Chunkings: one byte at a time (small inputs), and sizes drawn from the input's own hash.
        var plans: [(String, [Int])] = [("random chunks", randomChunks(count: input.count, seed: hash))]
        if input.count <= 4096 { plans.append(("1-byte chunks", [Int](repeating: 1, count: input.count))) }
        for (label, plan) in plans {
            let run = split(input, chunks: plan, maxRecordBytes: 64 << 20)
            violations += structure(run, input: input, maxRecordBytes: 64 << 20, label: label)
            if run.events != whole.events {
                violations.append("\(label): events differ from one chunk: \(firstDifference(whole.events, run.events))")
            }
            if run.endedInsideDocument != whole.endedInsideDocument {
                violations.append("\(label): endedInsideDocument \(run.endedInsideDocument), one chunk \(whole.endedInsideDocument)")
            }
        }
        // A small size limit: records over it are unreadable slots, never lost.
        let limit = 1 + Int(hash % 200)
        let plan = randomChunks(count: input.count, seed: hash >> 8)
        let limited = split(input, chunks: plan, maxRecordBytes: limit)
        violations += structure(limited, input: input, maxRecordBytes: limit, label: "limit \(limit)")
        if limited.recordSlots != whole.recordSlots {
            // A record too large is one slot; resynchronizing never applies to it, so the slots agree.
            violations.append("limit \(limit): \(limited.recordSlots) slots, unlimited \(whole.recordSlots)")
        }
        // Lost data between two chunks: the accounting still holds.
        let cut = split(input, chunks: plan, maxRecordBytes: 64 << 20, discontinuityAfter: Int(hash % UInt64(max(plan.count, 1))))
        violations += structure(cut, input: input, maxRecordBytes: 64 << 20, label: "discontinuity")
        violations += oracle(whole, input: input)
        return violations
    }

    static func split(_ input: [UInt8], chunks: [Int], maxRecordBytes: Int, discontinuityAfter: Int? = nil) -> Run {
        var splitter = RecordSplitter(maxRecordBytes: maxRecordBytes, chunkSize: 64)
        var run = Run()
        let collect = { (event: RecordSplitter.Event) in
            switch event {
            case .record(let raw):
                run.events.append(.record(ordinal: raw.ordinal, offset: raw.offset, bytes: Array(raw.bytes),
                    fields: raw.fields, lookup: raw.isLookupEntry))
            case .unreadable(let ordinal, let offset, let message):
                run.events.append(.unreadable(ordinal: ordinal, offset: offset, message: message))
            case .problem(let offset, let message):
                run.events.append(.problem(offset: offset, message: message))
            }
        }
        var offset = 0
        for (i, size) in chunks.enumerated() {
            let end = min(input.count, offset + size)
            input[offset..<end].withUnsafeBytes { splitter.append($0) }
            splitter.scan(collect)
            if i == discontinuityAfter { splitter.discontinuity(collect) }
            offset = end
        }
        splitter.finish(collect)
        run.recordSlots = splitter.recordSlots
        run.endedInsideDocument = splitter.endedInsideDocument
        return run
    }

    static func structure(_ run: Run, input: [UInt8], maxRecordBytes: Int, label: String) -> [String] {
        var violations: [String] = []
        var nextOrdinal = 1
        for event in run.events {
            switch event {
            case .record(let ordinal, let offset, let bytes, let fields, _):
                if ordinal != nextOrdinal { violations.append("\(label): record ordinal \(ordinal), expected \(nextOrdinal)") }
                nextOrdinal = ordinal + 1
                guard offset >= 0, offset + bytes.count <= input.count,
                    input[offset..<(offset + bytes.count)].elementsEqual(bytes)
                else {
                    violations.append("\(label): record \(ordinal) at \(offset) is not the input's bytes there")
                    continue
                }
                if bytes.first != UInt8(ascii: "{") || bytes.last != UInt8(ascii: "}") {
                    violations.append("\(label): record \(ordinal) at \(offset) is not enclosed in braces")
                }
                if bytes.count > maxRecordBytes {
                    violations.append("\(label): record \(ordinal) has \(bytes.count) bytes, over the limit \(maxRecordBytes)")
                }
                for field in RecordField.allCases {
                    if let range = fields.range(of: field), range.lowerBound < 1 || range.upperBound > bytes.count - 1 {
                        violations.append("\(label): record \(ordinal): field \(field) at \(range) outside the record")
                    }
                }
            case .unreadable(let ordinal, let offset, let message):
                if ordinal != nextOrdinal { violations.append("\(label): unreadable ordinal \(ordinal), expected \(nextOrdinal)") }
                nextOrdinal = ordinal + 1
                if offset < 0 || offset > input.count { violations.append("\(label): unreadable \(ordinal) at offset \(offset)") }
                if message.isEmpty { violations.append("\(label): unreadable \(ordinal) without a message") }
            case .problem(let offset, let message):
                if offset < 0 || offset > input.count { violations.append("\(label): problem at offset \(offset)") }
                if message.isEmpty { violations.append("\(label): problem without a message") }
            }
        }
        if run.recordSlots != nextOrdinal - 1 {
            violations.append("\(label): recordSlots \(run.recordSlots), but \(nextOrdinal - 1) slots were reported")
        }
        return violations
    }

    /// For a text that is exactly one valid JSON document, what the splitter must find in it.
    static func oracle(_ run: Run, input: [UInt8]) -> [String] {
        guard let document = try? JSONParser.parse(input) else { return [] }
        enum Expected: Equatable { case record(JSONValue, lookup: Bool), unreadable }
        func slots(_ elements: [JSONValue], lookup: Bool) -> [Expected] {
            elements.map { if case .object = $0 { return .record($0, lookup: lookup) } else { return .unreadable } }
        }
        var expected: [Expected]
        switch document {
        case .object(let object):
            // The first `Records` or `Events` member holding an array is the envelope.
            if let envelope = object.members.first(where: { ($0.key == "Records" || $0.key == "Events") && $0.value.isArray }),
                case .array(let elements) = envelope.value
            {
                expected = slots(elements, lookup: envelope.key == "Events")
            } else {
                expected = [.record(document, lookup: false)]
            }
        case .array(let elements):
            expected = slots(elements, lookup: false)
        default:
            expected = [.unreadable]
        }
        let found: [Expected] = run.events.map {
            switch $0 {
            case .record(_, _, let bytes, _, let lookup):
                return (try? JSONParser.parse(bytes)).map { .record($0, lookup: lookup) } ?? .unreadable
            case .unreadable, .problem:
                return .unreadable
            }
        }
        let problems = run.events.filter { if case .problem = $0 { return true } else { return false } }
        if found != expected || !problems.isEmpty || run.endedInsideDocument {
            return ["valid JSON document: found \(found.count) slots (\(problems.count) problems), expected \(expected.count): "
                + firstDifference(expected, found)]
        }
        return []
    }

    static func randomChunks(count: Int, seed: UInt64) -> [Int] {
        var state = seed | 1
        var plan: [Int] = []
        var left = count
        while left > 0 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            let size = min(left, 1 + Int(state % UInt64([3, 17, 100, 700][Int(state >> 60) % 4])))
            plan.append(size)
            left -= size
        }
        return plan.isEmpty ? [0] : plan
    }

    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        return hash
    }

    static func firstDifference<T: Equatable>(_ a: [T], _ b: [T]) -> String {
        guard let i = (0..<min(a.count, b.count)).first(where: { a[$0] != b[$0] }) ?? (a.count == b.count ? nil : min(a.count, b.count))
        else { return "none" }
        func show(_ x: [T]) -> String { i < x.count ? String(String(describing: x[i]).prefix(300)) : "nothing" }
        return "at #\(i): \(show(a)) vs \(show(b))"
    }
}

extension JSONValue {
    fileprivate var isArray: Bool { if case .array = self { return true } else { return false } }
}
