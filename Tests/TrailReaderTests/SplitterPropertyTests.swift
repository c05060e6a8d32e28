import Testing
import TrailJSON
@testable import TrailReader

/// Random documents, random shapes, random chunk sizes: the splitter must give back exactly the records.
@Suite struct SplitterPropertyTests {
    let dir = TemporaryDirectory()
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E3779B97F4A7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            return z ^ (z >> 31)
        }
    }

    static let nasty = ["", "}", "{", "]", "[", "\"", "\\", "\\\"", ",{\"eventID\":\"x\"}", "é", "😀", "\n", "a b", "/", "\u{1}"]

    func randomValue(_ g: inout SeededGenerator, depth: Int) -> JSONValue {
        switch Int.random(in: 0..<(depth > 3 ? 4 : 7), using: &g) {
        case 0: return .string(Self.nasty.randomElement(using: &g)! + String(Int.random(in: 0..<1000, using: &g)))
        case 1: return .number(String(Int.random(in: -5000...5000, using: &g)))
        case 2: return .bool(Bool.random(using: &g))
        case 3: return .null
        case 4, 5:
            return .object(JSONObject((0..<Int.random(in: 0..<4, using: &g)).map {
                .init(key: "k\($0)" + (Self.nasty.randomElement(using: &g)!), value: randomValue(&g, depth: depth + 1))
            }))
        default:
            return .array((0..<Int.random(in: 0..<4, using: &g)).map { _ in randomValue(&g, depth: depth + 1) })
        }
    }

    func randomRecord(_ g: inout SeededGenerator, id: Int) -> String {
        var members: [JSONObject.Member] = [
            .init(key: "eventID", value: .string("id-\(id)")),
            .init(key: "eventName", value: .string("Get\(id)")),
        ]
        for i in 0..<Int.random(in: 0..<5, using: &g) {
            members.append(.init(key: "f\(i)", value: randomValue(&g, depth: 0)))
        }
        members.shuffle(using: &g)
        // CloudTrail records open with eventVersion (or, sorted, awsRegion): resynchronization relies on it.
        members.insert(.init(key: "eventVersion", value: "1.09"), at: 0)
        return JSONWriter.string(.object(JSONObject(members)))
    }

    @Test(arguments: 0..<100)
    func randomArchivesSplitExactly(seed: Int) {
        var g = SeededGenerator(state: UInt64(seed))
        let records = (0..<Int.random(in: 0..<12, using: &g)).map { randomRecord(&g, id: $0) }
        let text: String
        switch seed % 4 {
        case 0: text = #"{"Other":{"Records":[1]},"Records":["# + records.joined(separator: ",") + "]}"
        case 1: text = "[" + records.joined(separator: ",\n ") + "]"
        case 2: text = records.joined(separator: "\n")
        default: text = #"{"Records":["# + records.joined(separator: ", ") + #"],"Tail":"]}"}"#
        }
        let chunk = [1, 2, 5, 13, 100, 4096][seed % 6]
        let outcome = split(text, chunk: chunk)
        #expect(outcome.records == records)
        #expect(outcome.unreadable.isEmpty && outcome.problems.isEmpty)
        for record in outcome.records {
            #expect((try? JSONParser.parse(record)) != nil)
        }
        // Through the reader, every record lands in exactly one bucket.
        let (result, _) = readBytes(Array(text.utf8), in: dir)
        #expect(result.statistics.recordsRead == records.count, "\(result.statistics.summary())")
        #expect(result.statistics.balances, "\(result.statistics.summary())")
    }

    @Test(arguments: 0..<100)
    func damagingOneRecordLosesAtMostThatRecordAndItsNeighbour(seed: Int) {
        var g = SeededGenerator(state: UInt64(1000 + seed))
        let records = (0..<8).map { randomRecord(&g, id: $0) }
        let victim = Int.random(in: 0..<8, using: &g)
        var damaged = records
        var bytes = Array(damaged[victim].utf8)
        // Replace a structural byte (outside strings, after the leading `{`) with garbage.
        var structural: [Int] = []
        var inString = false, escaped = false
        for (i, b) in bytes.enumerated() {
            if inString {
                if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
            } else if b == 0x22 {
                inString = true
            } else if [0x3A, 0x2C, 0x7D].contains(b) {
                structural.append(i)
            }
        }
        if let index = structural.randomElement(using: &g) { bytes[index] = UInt8(ascii: "#") }
        damaged[victim] = String(decoding: bytes, as: UTF8.self)
        let text = #"{"Records":["# + damaged.joined(separator: ",") + "]}"
        let outcome = split(text, chunk: [1, 7, 4096][seed % 3])
        let intact = records.enumerated().filter { $0.offset != victim }.map(\.element)
        let recovered = outcome.records.filter { intact.contains($0) }
        // The damaged record is reported; at most one healthy neighbour is lost with it.
        #expect(!outcome.unreadable.isEmpty)
        #expect(recovered.count >= intact.count - 1, "\(outcome)")
        #expect(outcome.records.allSatisfy { (try? JSONParser.parse($0)) != nil })
        let (result, _) = readBytes(Array(text.utf8), in: dir)
        #expect(result.statistics.recordsUnreadable >= 1)
        #expect(result.statistics.balances, "\(result.statistics.summary())")
    }

    /// Defects inside a string or a number, which only the full parse sees.
    static let parseDefects: [[UInt8]] = [[0xFF], Array(#"\q"#.utf8), [0xC3], Array(#"\u12"#.utf8)]

    @Test(arguments: 0..<60)
    func aDefectOnlyTheFullParseSeesKeepsTheAccounting(seed: Int) {
        var g = SeededGenerator(state: UInt64(5000 + seed))
        let records = (0..<8).map { randomRecord(&g, id: $0) }
        let victim = Int.random(in: 0..<8, using: &g)
        var bytes = Array(records[victim].utf8)
        // Inside the eventID string: after `"eventID":"`.
        let marker = Array(#""eventID":""#.utf8)
        guard let at = (0...(bytes.count - marker.count)).first(where: { bytes[$0..<($0 + marker.count)].elementsEqual(marker) })
        else {
            Issue.record("no eventID in \(records[victim])")
            return
        }
        bytes.insert(contentsOf: Self.parseDefects[seed % Self.parseDefects.count], at: at + marker.count)
        var damaged = records.map { Array($0.utf8) }
        damaged[victim] = bytes
        let text = Array(#"{"Records":["#.utf8) + Array(damaged.joined(separator: [0x2C])) + Array("]}".utf8)
        let (result, ids) = readBytes(text, in: dir)
        #expect(result.statistics.recordsRead == 8, "\(result.statistics.summary())")
        #expect(result.statistics.recordsUnreadable == 1)
        #expect(result.statistics.balances, "\(result.statistics.summary())")
        #expect(ids == (0..<8).filter { $0 != victim }.map { "id-\($0)" })
    }
}
