/// A run of pattern text and whether `*` and `?` in it are wildcards: policy text is, while a character from
/// `${*}` or a substituted variable value is literal.
public struct PatternPiece: Sendable, Hashable {
    /// The text of the piece.
    public var text: String
    /// Whether `*` and `?` in the text are wildcards.
    public var wildcards: Bool

    public init(_ text: String, wildcards: Bool) {
        self.text = text
        self.wildcards = wildcards
    }
}

/// One element of a compiled pattern: a literal byte, `*` (any run of characters) or `?` (one character).
enum PatternToken: Sendable, Hashable {
    case byte(UInt8)
    case star
    case one

    /// The tokens of `pieces`, with runs of `*` collapsed (they match what one `*` matches).
    static func tokens(_ pieces: [PatternPiece], asciiLowercased: Bool = false) -> [PatternToken] {
        var out: [PatternToken] = []
        for piece in pieces {
            for byte in piece.text.utf8 {
                if piece.wildcards && byte == UInt8(ascii: "*") {
                    if out.last != .star { out.append(.star) }
                } else if piece.wildcards && byte == UInt8(ascii: "?") {
                    out.append(.one)
                } else {
                    out.append(.byte(asciiLowercased ? byte.asciiLowercased : byte))
                }
            }
        }
        return out
    }

    /// The literal bytes before the first wildcard.
    static func literalPrefix(_ tokens: [PatternToken]) -> [UInt8] {
        var out: [UInt8] = []
        for token in tokens {
            guard case .byte(let b) = token else { break }
            out.append(b)
        }
        return out
    }

    /// The literal bytes after the last wildcard.
    static func literalSuffix(_ tokens: [PatternToken]) -> [UInt8] {
        var out: [UInt8] = []
        for token in tokens.reversed() {
            guard case .byte(let b) = token else { break }
            out.append(b)
        }
        return out.reversed()
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether the bytes `from..<to` equal `literal`, counting one step per byte compared.
    func equals(_ literal: [UInt8], from: Int, to: Int, steps: inout Int) -> Bool {
        guard to - from == literal.count else { return false }
        for (i, byte) in literal.enumerated() {
            steps += 1
            if self[from + i] != byte { return false }
        }
        return true
    }
}
