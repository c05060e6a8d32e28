/// A compiled `*`/`?` pattern, matched against UTF-8 bytes without backtracking blow-up.
///
/// In ARN mode a wildcard stays inside its colon-delimited segment, except a `*` that ends a
/// segment and anything in the resource part, which AWS lets expand across colons.
public struct WildcardPattern: Sendable, Hashable {
    /// How wildcards treat `:`.
    public enum Mode: Sendable, Hashable {
        /// Wildcards match any characters (StringLike, actions).
        case plain
        /// ARN segments bound wildcards (Resource, ArnLike).
        case arn
    }

    /// A run of pattern text and whether `*` and `?` in it are wildcards.
    public struct Piece: Sendable, Hashable {
        /// The text of the piece.
        public var text: String
        /// Whether `*` and `?` in the text are wildcards.
        public var wildcards: Bool
        public init(_ text: String, wildcards: Bool) {
            self.text = text
            self.wildcards = wildcards
        }
    }

    enum Token: Sendable, Hashable {
        case literal([UInt8])
        case star(crossesColon: Bool)
        case one(crossesColon: Bool)
    }

    enum Shape: Sendable, Hashable {
        case exact([UInt8])
        case anything
        case prefix([UInt8])
        case general(tokens: [Token], prefix: [UInt8], suffix: [UInt8])
    }

    let shape: Shape

    /// Compiles `text`, where every `*` and `?` is a wildcard.
    public init(_ text: String, mode: Mode = .plain, asciiCaseInsensitive: Bool = false) {
        self.init(pieces: [Piece(text, wildcards: true)], mode: mode, asciiCaseInsensitive: asciiCaseInsensitive)
    }

    /// Compiles pieces of text; only pieces marked `wildcards` contribute wildcards.
    public init(pieces: [Piece], mode: Mode, asciiCaseInsensitive: Bool = false) {
        var raw: [(byte: UInt8, wild: Bool)] = []
        for piece in pieces {
            for byte in piece.text.utf8 {
                raw.append((asciiCaseInsensitive ? byte.asciiLowercased : byte, piece.wildcards))
            }
        }
        var tokens: [Token] = []
        var literal: [UInt8] = []
        var colons = 0
        for (i, item) in raw.enumerated() {
            let isStar = item.wild && item.byte == UInt8(ascii: "*")
            let isOne = item.wild && item.byte == UInt8(ascii: "?")
            if !isStar && !isOne {
                literal.append(item.byte)
                if item.byte == UInt8(ascii: ":") { colons += 1 }
                continue
            }
            if !literal.isEmpty {
                tokens.append(.literal(literal))
                literal = []
            }
            let inResourcePart = mode == .plain || colons >= 5
            if isStar {
                let endsSegment = i + 1 == raw.count || raw[i + 1].byte == UInt8(ascii: ":")
                if case .star = tokens.last { continue }
                tokens.append(.star(crossesColon: inResourcePart || endsSegment))
            } else {
                tokens.append(.one(crossesColon: inResourcePart))
            }
        }
        if !literal.isEmpty { tokens.append(.literal(literal)) }
        shape = WildcardPattern.shape(of: tokens)
    }

    private static func shape(of tokens: [Token]) -> Shape {
        switch tokens.count {
        case 0: return .exact([])
        case 1:
            if case .literal(let l) = tokens[0] { return .exact(l) }
            if case .star(true) = tokens[0] { return .anything }
        case 2:
            if case .literal(let l) = tokens[0], case .star(true) = tokens[1] { return .prefix(l) }
        default: break
        }
        var prefix: [UInt8] = []
        var suffix: [UInt8] = []
        if case .literal(let l) = tokens.first { prefix = l }
        if tokens.count > 1, case .literal(let l) = tokens.last { suffix = l }
        return .general(tokens: tokens, prefix: prefix, suffix: suffix)
    }

    /// Whether the pattern has no wildcard at all.
    public var isLiteral: Bool {
        if case .exact = shape { return true }
        return false
    }

    /// Whether the pattern matches every subject.
    public var matchesEverything: Bool {
        if case .anything = shape { return true }
        return false
    }

    /// Matches `subject`; for a case-insensitive pattern pass an ASCII-lowercased subject.
    public func matches(_ subject: String) -> Bool {
        var s = subject
        return s.withUTF8 { matches(bytes: $0) }
    }

    /// Matches a subject given as UTF-8 bytes.
    public func matches(bytes s: UnsafeBufferPointer<UInt8>) -> Bool {
        switch shape {
        case .anything: return true
        case .exact(let l): return s.elementsEqual(l)
        case .prefix(let p): return s.count >= p.count && s.prefix(p.count).elementsEqual(p)
        case .general(let tokens, let prefix, let suffix):
            guard s.count >= prefix.count + suffix.count,
                s.prefix(prefix.count).elementsEqual(prefix),
                s.suffix(suffix.count).elementsEqual(suffix)
            else { return false }
            return Self.matchTokens(tokens, s)
        }
    }

    private static func matchTokens(_ tokens: [Token], _ s: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = s.count
        var current = [Bool](repeating: false, count: n + 1)
        var next = [Bool](repeating: false, count: n + 1)
        current[0] = true
        for token in tokens {
            for i in 0...n { next[i] = false }
            var any = false
            switch token {
            case .literal(let l):
                let m = l.count
                if m <= n {
                    for p in 0...(n - m) where current[p] {
                        var equal = true
                        for j in 0..<m where s[p + j] != l[j] {
                            equal = false
                            break
                        }
                        if equal {
                            next[p + m] = true
                            any = true
                        }
                    }
                }
            case .star(let crosses):
                var active = false
                for p in 0...n {
                    if current[p] { active = true }
                    if active {
                        next[p] = true
                        any = true
                    }
                    if p < n && !crosses && s[p] == UInt8(ascii: ":") { active = false }
                }
            case .one(let crosses):
                for p in 0..<n where current[p] {
                    if !crosses && s[p] == UInt8(ascii: ":") { continue }
                    var q = p + 1
                    while q < n && s[q] & 0xC0 == 0x80 { q += 1 }
                    next[q] = true
                    any = true
                }
            }
            if !any { return false }
            swap(&current, &next)
        }
        return current[n]
    }
}
