import TrailJSON

/// Turns the text forms in which AWS hands out policies into the JSON value of the document.
enum PolicyText {
    static func decode(_ text: String, id: String, depth: Int = 0) throws(PolicyParseError) -> JSONValue {
        let trimmed = Substring(text).trimmingWhitespace()
        guard let first = trimmed.first, depth < 4 else {
            throw PolicyParseError(policy: id, element: "", message: "empty policy text")
        }
        switch first {
        case "{", "[":
            return try parseJSON(String(trimmed), id: id)
        case "\"":
            guard case .string(let inner) = try parseJSON(String(trimmed), id: id) else {
                throw PolicyParseError(policy: id, element: "", message: "expected a json string holding a policy")
            }
            return try decode(inner, id: id, depth: depth + 1)
        case "%":
            guard let decoded = percentDecoded(trimmed) else {
                throw PolicyParseError(policy: id, element: "", message: "invalid url encoding in policy text")
            }
            return try decode(decoded, id: id, depth: depth + 1)
        default:
            throw PolicyParseError(
                policy: id, element: "",
                message: "expected a json object, a json string or url-encoded json, found `\(trimmed.prefix(20))`")
        }
    }

    static func parseJSON(_ text: String, id: String) throws(PolicyParseError) -> JSONValue {
        do {
            return try JSONParser.parse(text)
        } catch {
            throw PolicyParseError(policy: id, element: "", message: "invalid json: \(error.description)")
        }
    }

    /// Decodes `%XX` escapes (RFC 3986); nil when an escape is malformed or the result is not UTF-8.
    static func percentDecoded(_ text: Substring) -> String? {
        var out: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        while let b = bytes.popFirst() {
            guard b == UInt8(ascii: "%") else {
                out.append(b)
                continue
            }
            guard bytes.count >= 2, let hi = hexValue(bytes[bytes.startIndex]),
                let lo = hexValue(bytes[bytes.startIndex + 1])
            else { return nil }
            out.append(hi << 4 | lo)
            bytes = bytes.dropFirst(2)
        }
        return String(validating: out, as: UTF8.self)
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
