/// The rule of `StringLike` and of the Action element: `*` matches any run of characters and `?` any one
/// character, anywhere in the string (IAM user guide, "Condition operators": "The values can include
/// multi-character match wildcards (*) and single-character match wildcards (?) anywhere in the string").
///
/// Compiled once. A subject is matched in one left-to-right pass: the text before the first `*` must start it,
/// the text after the last `*` must end it, and each run between stars is found at its leftmost place after the
/// previous one (the greedy matcher that only ever backtracks to the last star, with each run searched in
/// linear time; see `GlobBlock`). Cost: O(subject + pattern) for patterns whose runs between stars have no `?`
/// or are at most 64 characters long, O(subject × run length / 64) for a longer run with `?`.
public struct GlobPattern: Sendable {
    let core: GlobCore
    let asciiCaseInsensitive: Bool

    /// Compiles `text`, where every `*` and `?` is a wildcard; a case-insensitive pattern folds ASCII letters.
    public init(_ text: String, asciiCaseInsensitive: Bool = false) {
        self.init(pieces: [PatternPiece(text, wildcards: true)], asciiCaseInsensitive: asciiCaseInsensitive)
    }

    /// Compiles pieces of text; only pieces marked `wildcards` contribute wildcards.
    public init(pieces: [PatternPiece], asciiCaseInsensitive: Bool = false) {
        core = GlobCore(PatternToken.tokens(pieces, asciiLowercased: asciiCaseInsensitive)[...])
        self.asciiCaseInsensitive = asciiCaseInsensitive
    }

    /// Matches `subject`; for a case-insensitive pattern pass an ASCII-lowercased subject.
    public func matches(_ subject: String) -> Bool {
        var steps = 0
        return matches(subject, steps: &steps)
    }

    /// Matches `subject`, adding the bytes and characters it compared to `steps`.
    func matches(_ subject: String, steps: inout Int) -> Bool {
        var s = subject
        return s.withUTF8 { core.matches($0, from: 0, to: $0.count, steps: &steps) }
    }
}

/// A glob compiled for matching a range of a UTF-8 buffer: shared by `GlobPattern`, the segments of a
/// `ResourcePattern` and the components of an `ArnPattern`.
struct GlobCore: Sendable {
    enum Shape: Sendable {
        case exact([UInt8])
        case anything
        case prefix([UInt8])
        case suffix([UInt8])
        /// No star: one block that must cover the whole subject.
        case whole(GlobBlock)
        /// `head*middle…*tail`.
        case starred(head: GlobBlock, middle: [GlobBlock], tail: GlobBlock)
    }

    let shape: Shape
    /// Whether the last token is `*`.
    let endsWithStar: Bool

    init(_ tokens: ArraySlice<PatternToken>) {
        endsWithStar = tokens.last == .star
        let stars = tokens.indices.filter { tokens[$0] == .star }
        let hasOne = tokens.contains(.one)
        func bytes(_ slice: ArraySlice<PatternToken>) -> [UInt8] {
            slice.compactMap { if case .byte(let b) = $0 { return b } else { return nil } }
        }
        if stars.isEmpty {
            shape = hasOne ? .whole(GlobBlock(tokens)) : .exact(bytes(tokens))
        } else if tokens.count == 1 {
            shape = .anything
        } else if stars.count == 1 && !hasOne && stars[0] == tokens.endIndex - 1 {
            shape = .prefix(bytes(tokens.dropLast()))
        } else if stars.count == 1 && !hasOne && stars[0] == tokens.startIndex {
            shape = .suffix(bytes(tokens.dropFirst()))
        } else {
            var blocks: [GlobBlock] = []
            var start = tokens.startIndex
            for star in stars {
                blocks.append(GlobBlock(tokens[start..<star]))
                start = star + 1
            }
            blocks.append(GlobBlock(tokens[start...]))
            shape = .starred(head: blocks[0], middle: Array(blocks.dropFirst().dropLast()), tail: blocks[blocks.count - 1])
        }
    }

    /// Whether the glob matches the whole of `s[from..<to]`.
    func matches(_ s: UnsafeBufferPointer<UInt8>, from: Int, to: Int, steps: inout Int) -> Bool {
        switch shape {
        case .anything:
            return true
        case .exact(let literal):
            return s.equals(literal, from: from, to: to, steps: &steps)
        case .prefix(let literal):
            return to - from >= literal.count && s.equals(literal, from: from, to: from + literal.count, steps: &steps)
        case .suffix(let literal):
            return to - from >= literal.count && s.equals(literal, from: to - literal.count, to: to, steps: &steps)
        case .whole(let block):
            return block.matchForward(s, at: from, limit: to, steps: &steps) == to
        case .starred(let head, let middle, let tail):
            guard let afterHead = head.matchForward(s, at: from, limit: to, steps: &steps),
                let beforeTail = tail.matchBackward(s, endingAt: to, floor: afterHead, steps: &steps)
            else { return false }
            var position = afterHead
            for block in middle {
                guard let end = block.searchForward(s, from: position, to: beforeTail, steps: &steps) else { return false }
                position = end
            }
            return true
        }
    }
}
