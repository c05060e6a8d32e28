import TrailJSON

/// Why a policy document could not be decoded.
public enum PolicyDocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text (after URL-decoding when `urlEncoded`) is not JSON.
    case invalidJSON(JSONParseError, urlEncoded: Bool)
    /// A `%` escape at this character offset is not two hexadecimal digits, or the bytes are not UTF-8.
    case invalidURLEncoding(offset: Int)
    /// The text is neither JSON nor URL-encoded JSON; `prefix` is its beginning.
    case notPolicyText(prefix: String)
    /// The document decoded to something other than an object.
    case notAnObject(kind: String)

    public var description: String {
        switch self {
        case .invalidJSON(let error, let urlEncoded):
            return "policy \(urlEncoded ? "URL-decoded text" : "text") is not valid JSON: \(error)"
        case .invalidURLEncoding(let offset):
            return "policy text has an invalid URL escape at character \(offset + 1)"
        case .notPolicyText(let prefix):
            return "policy text `\(prefix)` is neither JSON nor URL-encoded JSON"
        case .notAnObject(let kind):
            return "policy document is a \(kind), expected an object"
        }
    }
}

/// Decodes a policy document in each form AWS hands it out: a JSON object (what the CLI prints), a
/// string holding JSON (bucket and organization policies), or URL-encoded JSON (the raw IAM API).
public enum PolicyDocumentDecoding {
    /// Decodes a policy document found as a JSON value: an object as it is, a string as policy text.
    public static func decode(_ value: JSONValue) throws(PolicyDocumentError) -> JSONValue {
        switch value {
        case .object:
            return value
        case .string(let text):
            return try decode(text: text)
        default:
            throw .notAnObject(kind: value.kindName)
        }
    }

    /// Decodes policy text: JSON as it is, or URL-encoded JSON.
    public static func decode(text: String) throws(PolicyDocumentError) -> JSONValue {
        let trimmed = text.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
        let parsed: JSONValue
        if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") || trimmed.hasPrefix("\"") {
            do { parsed = try JSONParser.parse(text) } catch { throw .invalidJSON(error, urlEncoded: false) }
        } else if trimmed.hasPrefix("%") {
            let decoded = try percentDecoded(text)
            do { parsed = try JSONParser.parse(decoded) } catch { throw .invalidJSON(error, urlEncoded: true) }
        } else {
            throw .notPolicyText(prefix: String(trimmed.prefix(20)))
        }
        guard case .object = parsed else { throw .notAnObject(kind: parsed.kindName) }
        return parsed
    }

    /// RFC 3986 percent-decoding; `+` stays `+`, as in the IAM API's encoding.
    static func percentDecoded(_ text: String) throws(PolicyDocumentError) -> String {
        let source = Array(text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(source.count)
        var index = 0
        while index < source.count {
            let byte = source[index]
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                index += 1
                continue
            }
            guard index + 2 < source.count, let high = hexValue(source[index + 1]),
                let low = hexValue(source[index + 2])
            else { throw .invalidURLEncoding(offset: index) }
            bytes.append(high << 4 | low)
            index += 3
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else { throw .invalidURLEncoding(offset: 0) }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
