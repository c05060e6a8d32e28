/// The rule of the Resource and NotResource elements (IAM user guide, "IAM JSON policy elements: Resource",
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html): wildcards work
/// within the segments of an ARN, the parts separated by colons, "If the * wildcard is the last character of a
/// resource ARN segment, it can expand to match beyond the colon boundaries".
///
/// So a `*` or `?` inside a segment never matches a colon, and a segment that ends with `*` (an elastic segment)
/// may also take in any number of the subject's following segments. Matching aligns the pattern's segments with
/// the subject's from the left and, when an alignment fails, only lets the last elastic segment take in one more
/// subject segment (the segment-level form of the greedy matcher). Each segment is a `GlobCore`. Cost: linear in
/// the subject for the usual shapes (literal, `prefix*`, segments with one elastic segment at the end); in the
/// worst case (colons in the subject) × (the length of the segments after the last elastic one), which policy
/// sizes keep small: AWS caps a whole policy at 2,048 to 20,480 characters (IAM quotas; bucket policies 20 KB).
public struct ResourcePattern: Sendable {
    struct Segment: Sendable {
        let glob: GlobCore
        var elastic: Bool { glob.endsWithStar }
    }

    enum Shape: Sendable {
        case exact([UInt8])
        case anything
        /// Only one wildcard, a final `*`, which may cross colons.
        case prefix([UInt8])
        case segments([Segment], prefix: [UInt8], suffix: [UInt8])
    }

    let shape: Shape

    /// Compiles `text`, where every `*` and `?` is a wildcard.
    public init(_ text: String) {
        self.init(pieces: [PatternPiece(text, wildcards: true)])
    }

    /// Compiles pieces of text; only pieces marked `wildcards` contribute wildcards.
    public init(pieces: [PatternPiece]) {
        let tokens = PatternToken.tokens(pieces)
        let wildcards = tokens.filter { $0 == .star || $0 == .one }.count
        let prefix = PatternToken.literalPrefix(tokens)
        if wildcards == 0 {
            shape = .exact(prefix)
        } else if tokens == [.star] {
            shape = .anything
        } else if wildcards == 1 && tokens.last == .star {
            shape = .prefix(prefix)
        } else {
            var segments: [Segment] = []
            var start = tokens.startIndex
            for (i, token) in tokens.enumerated() where token == .byte(UInt8(ascii: ":")) {
                segments.append(Segment(glob: GlobCore(tokens[start..<i])))
                start = i + 1
            }
            segments.append(Segment(glob: GlobCore(tokens[start...])))
            shape = .segments(segments, prefix: prefix, suffix: PatternToken.literalSuffix(tokens))
        }
    }

    /// The literal bytes every resource the pattern matches starts with (empty when it starts with a wildcard).
    public var literalPrefix: [UInt8] {
        switch shape {
        case .exact(let literal), .prefix(let literal): return literal
        case .anything: return []
        case .segments(_, let prefix, _): return prefix
        }
    }

    /// Whether the pattern matches exactly the subjects that start with `literalPrefix` (`*`, or a literal then one
    /// final `*`), so that comparing the prefix decides.
    public var matchesByPrefixAlone: Bool {
        switch shape {
        case .anything, .prefix: return true
        case .exact, .segments: return false
        }
    }

    /// Whether the pattern matches the resource ARN `subject`.
    public func matches(_ subject: String) -> Bool {
        var steps = 0
        return matches(subject, steps: &steps)
    }

    /// Matches `subject`, adding the bytes and characters it compared to `steps`.
    func matches(_ subject: String, steps: inout Int) -> Bool {
        var s = subject
        return s.withUTF8 { bytes in
            switch shape {
            case .anything:
                return true
            case .exact(let literal):
                return bytes.equals(literal, from: 0, to: bytes.count, steps: &steps)
            case .prefix(let literal):
                return bytes.count >= literal.count && bytes.equals(literal, from: 0, to: literal.count, steps: &steps)
            case .segments(let segments, let prefix, let suffix):
                guard bytes.count >= prefix.count, bytes.count >= suffix.count,
                    bytes.equals(prefix, from: 0, to: prefix.count, steps: &steps),
                    bytes.equals(suffix, from: bytes.count - suffix.count, to: bytes.count, steps: &steps)
                else { return false }
                return Self.align(segments, bytes, steps: &steps)
            }
        }
    }

    /// Aligns pattern segments with the subject's colon-separated segments.
    static func align(_ segments: [Segment], _ s: UnsafeBufferPointer<UInt8>, steps: inout Int) -> Bool {
        let n = s.count
        func colon(from start: Int) -> Int {
            var i = start
            while i < n && s[i] != UInt8(ascii: ":") { i += 1 }
            steps += i - start + 1
            return i
        }
        var index = 0
        // The start of the subject segment to match next; nil once the subject is used up.
        var start: Int? = 0
        // The last elastic segment matched, and the colon its match currently ends at.
        var elastic: (index: Int, end: Int)?
        while true {
            if index < segments.count, let from = start {
                let end = colon(from: from)
                let segment = segments[index]
                if segment.glob.matches(s, from: from, to: end, steps: &steps) {
                    if segment.elastic {
                        if index == segments.count - 1 { return true }
                        elastic = (index, end)
                    }
                    index += 1
                    start = end < n ? end + 1 : nil
                    continue
                }
            } else if index == segments.count && start == nil {
                return true
            }
            // The alignment failed: the last elastic segment takes in the next subject segment, if there is one.
            guard let last = elastic, last.end < n else { return false }
            let end = colon(from: last.end + 1)
            guard end < n else { return false }
            elastic = (last.index, end)
            index = last.index + 1
            start = end + 1
        }
    }
}
