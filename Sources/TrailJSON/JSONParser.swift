/// Where and why a JSON text failed to parse.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Byte offset from the start of the parsed text.
    public var offset: Int
    /// 1-based line and column (in bytes) of `offset`.
    public var line: Int
    public var column: Int
    public var message: String

    public var description: String { "line \(line), column \(column): \(message)" }
}

/// A strict RFC 8259 parser into `JSONValue`, with positions in its errors.
public enum JSONParser {
    /// Nesting deeper than this is rejected rather than risking the stack.
    public static let maximumDepth = 512

    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONParseError) in try parse(buffer) }
        }.get()
    }

    public static func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONParseError) -> JSONValue {
        try parse(bytes, keepingMembers: nil)
    }

    /// Parses a document, building only the members of a top-level object that `members` names (nil: all). The
    /// others are checked exactly as `parse(_:)` checks them, with the same errors at the same places, but not
    /// built: what a large record costs when a few of its members are read.
    public static func parse(_ bytes: UnsafeRawBufferPointer, keepingMembers members: Set<String>?) throws(JSONParseError) -> JSONValue {
        var parser = Cursor(bytes: bytes)
        parser.skipWhitespace()
        let value = if let members, parser.index < bytes.count, bytes[parser.index] == UInt8(ascii: "{") {
            try parser.parseObject(depth: 1, keeping: members)
        } else {
            try parser.parseValue(depth: 0)
        }
        parser.skipWhitespace()
        if parser.index != bytes.count {
            throw parser.error("unexpected `\(parser.peekDescription)` after the end of the document")
        }
        return value
    }

    struct Cursor {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        var peekDescription: String {
            guard index < bytes.count else { return "end of input" }
            let b = bytes[index]
            if b >= 0x20 && b < 0x7F { return String(UnicodeScalar(b)) }
            return "byte 0x" + String(b, radix: 16)
        }

        func error(_ message: String) -> JSONParseError {
            JSONParseError.at(offset: index, in: bytes, message: message)
        }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
            guard index < bytes.count else { throw error("unexpected end of input, expected a value") }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
            case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
            case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
            case UInt8(ascii: "n"): try expectLiteral("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
            default: throw error("unexpected `\(peekDescription)`, expected a value")
            }
        }

        mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
            let count = literal.utf8CodeUnitCount
            guard index + count <= bytes.count else { throw error("unexpected end of input in a literal") }
            let base = literal.utf8Start
            for i in 0..<count where bytes[index + i] != base[i] {
                throw error("invalid literal, expected `\(literal)`")
            }
            index += count
        }

        /// An object; with `keeping`, only the members it names are built, the others checked and skipped.
        mutating func parseObject(depth: Int, keeping: Set<String>? = nil) throws(JSONParseError) -> JSONValue {
            if depth > JSONParser.maximumDepth { throw error("nesting deeper than \(JSONParser.maximumDepth)") }
            index += 1
            var members: [JSONObject.Member] = []
            skipWhitespace()
            if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(JSONObject(members))
            }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                    throw error("unexpected `\(peekDescription)`, expected a quoted member name")
                }
                let key = try parseString()
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                    throw error("unexpected `\(peekDescription)`, expected `:` after member name")
                }
                index += 1
                skipWhitespace()
                if let keeping, !keeping.contains(key) {
                    try skipValue(depth: depth)
                } else {
                    members.append(JSONObject.Member(key: key, value: try parseValue(depth: depth)))
                }
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end of input in an object") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                if bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return .object(JSONObject(members))
                }
                throw error("unexpected `\(peekDescription)`, expected `,` or `}`")
            }
        }

        mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
            if depth > JSONParser.maximumDepth { throw error("nesting deeper than \(JSONParser.maximumDepth)") }
            index += 1
            var elements: [JSONValue] = []
            skipWhitespace()
            if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            while true {
                skipWhitespace()
                elements.append(try parseValue(depth: depth))
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end of input in an array") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                if bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return .array(elements)
                }
                throw error("unexpected `\(peekDescription)`, expected `,` or `]`")
            }
        }

        mutating func parseNumber() throws(JSONParseError) -> String {
            let start = index
            try scanNumber()
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        }

        /// Moves past a number, checking its grammar.
        mutating func scanNumber() throws(JSONParseError) {
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
            } else {
                while index < bytes.count && isDigit(bytes[index]) { index += 1 }
            }
            if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number: digit expected after `.`") }
                while index < bytes.count && isDigit(bytes[index]) { index += 1 }
            }
            if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
                index += 1
                if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
                    index += 1
                }
                guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number: digit expected in exponent") }
                while index < bytes.count && isDigit(bytes[index]) { index += 1 }
            }
        }

        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

        mutating func parseString() throws(JSONParseError) -> String {
            index += 1
            let start = index
            // Fast path: no escapes; runs of plain ASCII are skipped eight bytes at a time.
            var ascii = true
            while index < bytes.count {
                index = PlainBytes.end(in: bytes, from: index)
                guard index < bytes.count else { break }
                let b = bytes[index]
                if b == UInt8(ascii: "\"") {
                    let slice = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
                    index += 1
                    return ascii ? String(decoding: slice, as: UTF8.self) : try validatedString(slice, at: start)
                }
                if b == UInt8(ascii: "\\") { break }
                if b < 0x20 { throw error("unescaped control character in a string") }
                ascii = false
                index += 1
            }
            var scalars: [UInt8] = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
            while index < bytes.count {
                let b = bytes[index]
                if b == UInt8(ascii: "\"") {
                    index += 1
                    guard let s = String(validating: scalars, as: UTF8.self) else {
                        throw JSONParseError.at(offset: start, in: bytes, message: "string is not valid UTF-8")
                    }
                    return s
                }
                if b < 0x20 { throw error("unescaped control character in a string") }
                if b != UInt8(ascii: "\\") {
                    scalars.append(b)
                    index += 1
                    continue
                }
                index += 1
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append(0x22)
                case UInt8(ascii: "\\"): scalars.append(0x5C)
                case UInt8(ascii: "/"): scalars.append(0x2F)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code) {
                        let pair = try surrogatePair(high: code)
                        if let unpaired = pair.unpaired {
                            appendUTF8(pair.scalar, to: &scalars)
                            code = unpaired
                        } else {
                            code = pair.scalar
                        }
                    } else if (0xDC00...0xDFFF).contains(code) {
                        code = 0xFFFD
                    }
                    appendUTF8(code, to: &scalars)
                default:
                    index -= 1
                    throw error("invalid escape `\\\(peekDescription)` in a string")
                }
            }
            throw error("unterminated string")
        }

        /// After a `\u` escape of a high surrogate: the low one it pairs with, if it is escaped next, and the
        /// scalar they make (U+FFFD for a lone surrogate, as `parseString` decodes it).
        mutating func surrogatePair(high: UInt32) throws(JSONParseError) -> (scalar: UInt32, unpaired: UInt32?) {
            guard index + 1 < bytes.count && bytes[index] == UInt8(ascii: "\\") && bytes[index + 1] == UInt8(ascii: "u") else {
                return (0xFFFD, nil)
            }
            index += 2
            let low = try hex4()
            if (0xDC00...0xDFFF).contains(low) { return (0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00), nil) }
            return (0xFFFD, low)
        }

        mutating func hex4() throws(JSONParseError) -> UInt32 {
            guard index + 4 <= bytes.count else { throw error("truncated \\u escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[index]
                let digit: UInt32
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
                default: throw error("invalid hex digit in \\u escape")
                }
                value = value << 4 | digit
                index += 1
            }
            return value
        }

        func appendUTF8(_ code: UInt32, to out: inout [UInt8]) {
            let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
            out.append(contentsOf: scalar.utf8)
        }

        func validatedString(_ slice: UnsafeRawBufferPointer, at start: Int) throws(JSONParseError) -> String {
            var ascii = true
            for byte in slice where byte >= 0x80 {
                ascii = false
                break
            }
            if ascii { return String(decoding: slice, as: UTF8.self) }
            if let s = String(validating: slice, as: UTF8.self) { return s }
            throw JSONParseError.at(offset: start, in: bytes, message: "string is not valid UTF-8")
        }
    }
}

extension JSONParseError {
    /// Builds an error at `offset`, computing line and column from the text.
    public static func at(offset: Int, in bytes: UnsafeRawBufferPointer, message: String) -> JSONParseError {
        var line = 1
        var lineStart = 0
        var i = 0
        let end = min(offset, bytes.count)
        while i < end {
            if bytes[i] == 0x0A {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        return JSONParseError(offset: offset, line: line, column: offset - lineStart + 1, message: message)
    }
}
