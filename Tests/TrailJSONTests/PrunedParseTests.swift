import Testing
@testable import TrailJSON

/// `parse(_:keepingMembers:)` builds only some top-level members and skips the rest unbuilt; it must decide
/// exactly as the full parse: the same members, and on a faulty text the same error at the same place.
@Suite struct PrunedParseTests {
    /// Pieces of JSON text, faulty ones among them, that documents are made of.
    static let strings = [
        #""plain""#, #""a\"b\\c\/\n\t""#, #""\u00e9\ud83d\ude00""#, #""\ud83d""#, #""\ud83dx""#, #""\ud83d\u0041""#,
        "\"日本 é\"", #""\udc00""#, #""\q""#, #""\u12g4""#, "\"tab\u{09}\"", #""\u00""#,
    ]
    static let scalars = ["0", "-1.5e3", "12", "true", "false", "null", "01", "1.", "-", "tru", "nul"]
    static let names = ["eventID", "eventName", "requestParameters", "responseElements", "userIdentity", "x"]

    static func value<G: RandomNumberGenerator>(depth: Int, using g: inout G) -> String {
        switch Int.random(in: 0..<(depth > 3 ? 2 : 4), using: &g) {
        case 0: return strings.randomElement(using: &g) ?? "1"
        case 1: return scalars.randomElement(using: &g) ?? "1"
        case 2:
            let elements = (0..<Int.random(in: 0...3, using: &g)).map { _ in value(depth: depth + 1, using: &g) }
            return "[" + elements.joined(separator: Bool.random(using: &g) ? "," : " , ") + "]"
        default: return object(depth: depth + 1, using: &g)
        }
    }

    static func object<G: RandomNumberGenerator>(depth: Int, using g: inout G) -> String {
        let members = (0..<Int.random(in: 0...5, using: &g)).map { _ in
            "\"\(names.randomElement(using: &g) ?? "x")\":" + value(depth: depth, using: &g)
        }
        return "{" + members.joined(separator: ",\n ") + "}"
    }

    /// A byte changed, removed or added, or the text cut short: invalid UTF-8, control characters, structure.
    static func mutate<G: RandomNumberGenerator>(_ bytes: [UInt8], using g: inout G) -> [UInt8] {
        guard !bytes.isEmpty else { return bytes }
        var bytes = bytes
        let at = Int.random(in: 0..<bytes.count, using: &g)
        let odd: [UInt8] = [0xC3, 0x80, 0xE0, 0xED, 0xA0, 0xF4, 0x90, 0xFF, 0x01, 0x22, 0x5C, 0x7B, 0x7D, 0x5B, 0x2C, 0x3A]
        switch Int.random(in: 0..<4, using: &g) {
        case 0: bytes[at] = odd.randomElement(using: &g) ?? 0
        case 1: bytes.remove(at: at)
        case 2: bytes.insert(odd.randomElement(using: &g) ?? 0, at: at)
        default: bytes.removeSubrange(at...)
        }
        return bytes
    }

    static func full(_ bytes: [UInt8], keeping members: Set<String>) -> Result<JSONValue, JSONParseError> {
        Result { () throws(JSONParseError) in
            let value = try JSONParser.parse(bytes)
            guard let object = value.objectValue else { return value }
            return .object(JSONObject(object.members.filter { members.contains($0.key) }))
        }
    }

    static func pruned(_ bytes: [UInt8], keeping members: Set<String>) -> Result<JSONValue, JSONParseError> {
        bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONParseError) in try JSONParser.parse(buffer, keepingMembers: members) }
        }
    }

    @Test func decidesAsTheFullParseOnValidAndFaultyTexts() {
        var g = SeededGenerator(seed: 20261204)
        var faulty = 0
        for round in 0..<6_000 {
            var bytes = Array(Self.object(depth: 0, using: &g).utf8)
            if round % 3 != 0 {
                for _ in 0..<Int.random(in: 1...2, using: &g) { bytes = Self.mutate(bytes, using: &g) }
            }
            if round % 50 == 0 { bytes = Array((Self.value(depth: 0, using: &g)).utf8) }
            let members = Set(Self.names.filter { _ in Bool.random(using: &g) })
            let expected = Self.full(bytes, keeping: members)
            if case .failure = expected { faulty += 1 }
            #expect(Self.pruned(bytes, keeping: members) == expected, "\(String(decoding: bytes, as: UTF8.self))")
        }
        // Both kinds of text were tried in numbers.
        #expect(faulty > 2_000 && faulty < 5_500, "\(faulty) faulty texts")
    }

    @Test func skipsNestingAsDeepAsItAllowsAndNoDeeper() {
        for depth in [JSONParser.maximumDepth - 1, JSONParser.maximumDepth, JSONParser.maximumDepth + 1] {
            let text = "{\"skipped\":" + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
            #expect(Self.pruned(Array(text.utf8), keeping: []) == Self.full(Array(text.utf8), keeping: []), "depth \(depth)")
        }
    }

    @Test func keepsOnlyTheNamedMembersInTheirOrderWithDuplicates() throws {
        let text = #"{"b":1,"a":{"x":[1,"y"]},"c":"\u00e9","b":2}"#
        let value = try Array(text.utf8).withUnsafeBytes { try JSONParser.parse($0, keepingMembers: ["b", "c"]) }
        #expect(value == .object(JSONObject([.init(key: "b", value: .number("1")), .init(key: "c", value: .string("é")),
            .init(key: "b", value: .number("2"))])))
    }

    /// The validator accepts exactly the byte strings Swift's own UTF-8 validation accepts.
    @Test func utf8ValidationAgreesWithTheStandardLibrary() {
        var g = SeededGenerator(seed: 7)
        let interesting: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0,
            0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF]
        var invalid = 0
        for _ in 0..<40_000 {
            let bytes = (0..<Int.random(in: 0...6, using: &g)).map { _ in interesting.randomElement(using: &g) ?? 0 }
            var validation = UTF8Validation()
            for byte in bytes { validation.add(byte) }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            if !expected { invalid += 1 }
            #expect(validation.isComplete == expected, "\(bytes.map { String($0, radix: 16) })")
        }
        #expect(invalid > 10_000 && invalid < 39_000)
    }
}

/// SplitMix64: the same sequence on every run and machine.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
