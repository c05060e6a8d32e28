import Testing
@testable import TrailJSON

/// `PlainBytes.end` finds what a byte-by-byte scan finds, whatever the alignment and whichever byte stops it.
@Suite struct PlainBytesTests {
    static func byteScan(_ bytes: [UInt8], from: Int) -> Int {
        var index = from
        while index < bytes.count && PlainBytes.isPlain(bytes[index]) { index += 1 }
        return index
    }

    @Test func agreesWithAByteScan() {
        var generator = SystemRandomNumberGenerator()
        // Every kind of stopping byte, at every position of a word, after every offset.
        let stops: [UInt8] = [0x22, 0x5C, 0x00, 0x1F, 0x0A, 0x80, 0xC3, 0xFF]
        for length in 0..<40 {
            for stop in stops {
                for position in 0...length {
                    var bytes = (0..<length).map { _ in UInt8.random(in: 0x20...0x7E, using: &generator) }
                        .map { $0 == 0x22 || $0 == 0x5C ? UInt8(ascii: "a") : $0 }
                    if position < length { bytes[position] = stop }
                    for from in 0...min(length, 9) {
                        let found = bytes.withUnsafeBytes { PlainBytes.end(in: $0, from: from) }
                        #expect(found == Self.byteScan(bytes, from: from), "\(bytes) from \(from)")
                    }
                }
            }
        }
        // Random bytes of every value.
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0..<64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let found = bytes.withUnsafeBytes { PlainBytes.end(in: $0, from: 0) }
            #expect(found == Self.byteScan(bytes, from: 0), "\(bytes)")
        }
    }

    /// Strings long enough for the word-wise path parse and skip as before: escapes, UTF-8, control characters.
    @Test func longStringsParseAndFailAsBefore() throws {
        let long = String(repeating: "abcdefgh", count: 5)
        #expect(try JSONParser.parse(Array("\"\(long)\"".utf8)) == .string(long))
        #expect(try JSONParser.parse(Array("\"\(long)é\(long)\"".utf8)) == .string(long + "é" + long))
        #expect(try JSONParser.parse(Array(#""\#(long)\n\#(long)""#.utf8)) == .string(long + "\n" + long))
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array("\"\(long)\u{01}\(long)\"".utf8)) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array("\"\(long)".utf8) + [0xC3, 0x28] + Array("\(long)\"".utf8)) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array("\"\(long)".utf8)) }
        // Skipped (not kept) members are checked the same way.
        let text: [UInt8] = Array(#"{"a":"\#(long)","b":"\#(long)é"}"#.utf8)
        let kept: JSONValue = try text.withUnsafeBytes { raw throws(JSONParseError) in try JSONParser.parse(raw, keepingMembers: ["a"]) }
        #expect(kept["a"] == JSONValue.string(long) && kept["b"] == nil)
        #expect(throws: JSONParseError.self) {
            _ = try (Array(#"{"a":1,"b":""#.utf8) + Array(long.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)).withUnsafeBytes {
                try JSONParser.parse($0, keepingMembers: ["a"])
            }
        }
        #expect(throws: JSONParseError.self) {
            _ = try Array("{\"a\":1,\"b\":\"\(long)\u{01}\"}".utf8).withUnsafeBytes { try JSONParser.parse($0, keepingMembers: ["a"]) }
        }
    }
}
