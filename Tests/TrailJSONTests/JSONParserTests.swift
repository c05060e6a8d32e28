import Testing
import TrailJSON

@Suite struct JSONParserTests {
    @Test func parsesNestedDocumentKeepingOrderAndNumberText() throws {
        let value = try JSONParser.parse(#"{"b": [1, 2.50, -3e2, true, null], "a": {"x": "y"}, "b": "dup"}"#)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["b", "a", "b"])
        #expect(object["b"] == .string("dup"))
        #expect(object.members[0].value == .array([.number("1"), .number("2.50"), .number("-3e2"), .bool(true), .null]))
        #expect(value["a"]?["x"] == "y")
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONParser.parse(#"["a\"b\\c\/d\n\t\u00e9\ud83d\ude00"]"#)
        #expect(value == .array([.string("a\"b\\c/d\n\té😀")]))
    }

    @Test(arguments: [
        (#"{"a": 1,}"#, 1, 9),
        ("{\n  \"a\" 1}", 2, 7),
        (#"[1, 2"#, 1, 6),
        (#"{"a": tru}"#, 1, 7),
        (#""abc"#, 1, 5),
        (#"[01]"#, 1, 3),
        (#"{"a": "\q"}"#, 1, 9),
        ("[\"a\u{01}\"]", 1, 4),
        (#"{} x"#, 1, 4),
    ])
    func reportsErrorsWithPlaces(text: String, line: Int, column: Int) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("expected a parse error for \(text)")
        } catch {
            #expect(error.line == line, "\(text): \(error)")
            #expect(error.column == column, "\(text): \(error)")
        }
    }

    @Test func rejectsInvalidUTF8() {
        let bytes: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
        #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes) }
    }

    @Test func writerRoundTrips() throws {
        let text = #"{"k":["s\"\n\u0001",1.0,false,null,{}],"e":[]}"#
        let value = try JSONParser.parse(text)
        #expect(JSONWriter.string(value) == text)
        #expect(try JSONParser.parse(JSONWriter.string(value)) == value)
    }

    /// Strings of every kind of byte (plain runs, quotes, backslashes, control characters, non-ASCII) are
    /// written as JSON that reads back to the same string, escaping exactly what must be escaped.
    @Test func writtenStringsReadBackWhateverTheyHold() throws {
        let pieces = ["plain", "\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{1F}", "é", "日本", " ", "/", "\u{7F}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            let written = JSONWriter.quoted(text)
            #expect(try JSONParser.parse(written) == .string(text), "\(written)")
            #expect(!written.dropFirst().dropLast().utf8.contains { $0 < 0x20 }, "no raw control byte in \(written)")
        }
        #expect(JSONWriter.quoted("a\"b\\c\u{01}") == #""a\"b\\c\u0001""#)
    }

    @Test func rejectsExcessiveNesting() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
    }
}
