extension JSONParser.Cursor {
    /// Moves past a value, checking it exactly as `parseValue` does (the same errors at the same places) without
    /// building it.
    mutating func skipValue(depth: Int) throws(JSONParseError) {
        guard index < bytes.count else { throw error("unexpected end of input, expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): try skipObject(depth: depth + 1)
        case UInt8(ascii: "["): try skipArray(depth: depth + 1)
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "t"): try expectLiteral("true")
        case UInt8(ascii: "f"): try expectLiteral("false")
        case UInt8(ascii: "n"): try expectLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try scanNumber()
        default: throw error("unexpected `\(peekDescription)`, expected a value")
        }
    }

    private mutating func skipObject(depth: Int) throws(JSONParseError) {
        if depth > JSONParser.maximumDepth { throw error("nesting deeper than \(JSONParser.maximumDepth)") }
        index += 1
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error("unexpected `\(peekDescription)`, expected a quoted member name")
            }
            try skipString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error("unexpected `\(peekDescription)`, expected `:` after member name")
            }
            index += 1
            skipWhitespace()
            try skipValue(depth: depth)
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input in an object") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return
            }
            throw error("unexpected `\(peekDescription)`, expected `,` or `}`")
        }
    }

    private mutating func skipArray(depth: Int) throws(JSONParseError) {
        if depth > JSONParser.maximumDepth { throw error("nesting deeper than \(JSONParser.maximumDepth)") }
        index += 1
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            try skipValue(depth: depth)
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input in an array") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return
            }
            throw error("unexpected `\(peekDescription)`, expected `,` or `]`")
        }
    }

    /// A string, checked as `parseString` checks it: its other faults are found where they are, invalid UTF-8
    /// only at its closing quote (where `parseString` validates what it decoded).
    private mutating func skipString() throws(JSONParseError) {
        index += 1
        let start = index
        var text = UTF8Validation()
        while index < bytes.count {
            // Plain ASCII cannot be invalid between whole scalars: such runs are skipped eight bytes at a time.
            if text.isComplete {
                index = PlainBytes.end(in: bytes, from: index)
                guard index < bytes.count else { break }
            }
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                guard text.isComplete else {
                    throw JSONParseError.at(offset: start, in: bytes, message: "string is not valid UTF-8")
                }
                return
            }
            if b < 0x20 { throw error("unescaped control character in a string") }
            if b != UInt8(ascii: "\\") {
                text.add(b)
                index += 1
                continue
            }
            index += 1
            guard index < bytes.count else { break }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                break
            case UInt8(ascii: "u"):
                let code = try hex4()
                if (0xD800...0xDBFF).contains(code) { _ = try surrogatePair(high: code) }
            default:
                index -= 1
                throw error("invalid escape `\\\(peekDescription)` in a string")
            }
            // An escape decodes to whole scalars: a sequence cut short before it is invalid.
            text.addWholeScalar()
        }
        throw error("unterminated string")
    }
}
