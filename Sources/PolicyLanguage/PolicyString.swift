/// A Resource or Condition value split into text, escaped characters and policy variables.
///
/// Keeping the split lets a matcher treat `*` in the policy text as a wildcard while the
/// `*` produced by `${*}` or by a substituted request value stays a literal character.
public struct PolicyString: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// One part of a policy string.
    public enum Segment: Sendable, Equatable, Hashable {
        /// Policy text, where `*` and `?` are wildcards for operators that take them.
        case text(String)
        /// A character from `${*}`, `${?}` or `${$}`, always literal.
        case literal(String)
        /// `${key}` or `${key, 'default'}`; the key is looked up case-insensitively.
        case variable(key: String, defaultValue: String?)
    }

    /// The value split into text, escaped characters and variables.
    public var segments: [Segment]
    /// The value exactly as written in the policy.
    public var source: String

    public init(segments: [Segment], source: String) {
        self.segments = segments
        self.source = source
    }

    /// A string with no variables.
    public init(plain text: String) {
        self.segments = [.text(text)]
        self.source = text
    }

    /// The value as written.
    public var description: String { source }

    /// Whether the value contains at least one variable to substitute.
    public var hasVariables: Bool {
        segments.contains { if case .variable = $0 { return true } else { return false } }
    }

    /// The value without variables as plain text, nil when it has variables.
    public var plainText: String? {
        var out = ""
        for segment in segments {
            switch segment {
            case .text(let s), .literal(let s): out += s
            case .variable: return nil
            }
        }
        return out
    }

    /// The value as pattern pieces, its policy text wildcarded and `${*}`-style characters literal; variables
    /// (which a caller substitutes first) contribute nothing.
    public var patternPieces: [PatternPiece] {
        segments.compactMap { segment in
            switch segment {
            case .text(let s): return PatternPiece(s, wildcards: true)
            case .literal(let s): return PatternPiece(s, wildcards: false)
            case .variable: return nil
            }
        }
    }

    /// Splits `text` into segments; under a version without variables `${…}` stays text.
    public static func parse(_ text: String, variables: Bool) throws(PolicyStringError) -> PolicyString {
        guard variables, text.contains("${") else { return PolicyString(plain: text) }
        var segments: [Segment] = []
        var pending = ""
        var rest = Substring(text)
        while let start = rest.firstRange(of: "${") {
            pending += rest[rest.startIndex..<start.lowerBound]
            let afterOpen = rest[start.upperBound...]
            guard let close = afterOpen.firstIndex(of: "}") else {
                throw PolicyStringError(message: "unterminated policy variable in `\(text)`")
            }
            let body = afterOpen[afterOpen.startIndex..<close]
            rest = afterOpen[afterOpen.index(after: close)...]
            let trimmed = body.trimmingSpaces()
            switch trimmed {
            case "*", "?", "$":
                if !pending.isEmpty { segments.append(.text(pending)); pending = "" }
                segments.append(.literal(String(trimmed)))
                continue
            default:
                break
            }
            if !pending.isEmpty { segments.append(.text(pending)); pending = "" }
            segments.append(try parseVariable(trimmed, in: text))
        }
        pending += rest
        if !pending.isEmpty { segments.append(.text(pending)) }
        return PolicyString(segments: segments, source: text)
    }

    private static func parseVariable(_ body: Substring, in text: String) throws(PolicyStringError) -> Segment {
        guard let comma = body.firstIndex(of: ",") else {
            guard !body.isEmpty, !body.contains(" ") else {
                throw PolicyStringError(message: "invalid policy variable `${\(body)}` in `\(text)`")
            }
            return .variable(key: String(body), defaultValue: nil)
        }
        let key = body[body.startIndex..<comma].trimmingSpaces()
        let fallback = body[body.index(after: comma)...].trimmingSpaces()
        guard !key.isEmpty, fallback.count >= 2, fallback.first == "'", fallback.last == "'" else {
            throw PolicyStringError(
                message: "invalid policy variable `${\(body)}` in `\(text)`, a default value is written `${key, 'value'}`")
        }
        return .variable(key: String(key), defaultValue: String(fallback.dropFirst().dropLast()))
    }
}
