/// A run of pattern text between two `*`: literal bytes and `?`, each `?` standing for one character.
///
/// It is matched anchored (at the start or the end of a subject) by walking it once, or searched for its
/// leftmost occurrence: with a Knuth–Morris–Pratt table when it holds no `?` (at most two steps per subject
/// byte), else with a bit-parallel shift-and over characters (one step per subject character and 64 pattern
/// characters). So a search is linear in the subject for any block up to 64 characters long.
struct GlobBlock: Sendable {
    enum Element: Sendable {
        case bytes([UInt8])
        case anyCharacter
    }

    let elements: [Element]
    let search: Search

    enum Search: Sendable {
        /// A block without `?`: its bytes and their KMP failure table.
        case literal(bytes: [UInt8], failure: [Int])
        /// A block with `?`: shift-and masks over characters.
        case characters(CharacterMasks)
    }

    init(_ tokens: ArraySlice<PatternToken>) {
        var elements: [Element] = []
        var run: [UInt8] = []
        for token in tokens {
            switch token {
            case .byte(let b): run.append(b)
            case .one:
                if !run.isEmpty { elements.append(.bytes(run)) }
                run = []
                elements.append(.anyCharacter)
            case .star: break
            }
        }
        if !run.isEmpty { elements.append(.bytes(run)) }
        self.elements = elements
        if elements.contains(where: { if case .anyCharacter = $0 { return true } else { return false } }) {
            search = .characters(CharacterMasks(elements))
        } else {
            search = .literal(bytes: run, failure: GlobBlock.failureTable(run))
        }
    }

    var isEmpty: Bool { elements.isEmpty }

    static func failureTable(_ p: [UInt8]) -> [Int] {
        var failure = [Int](repeating: 0, count: p.count)
        var k = 0
        for i in p.indices.dropFirst() {
            while k > 0 && p[i] != p[k] { k = failure[k - 1] }
            if p[i] == p[k] { k += 1 }
            failure[i] = k
        }
        return failure
    }

    /// Matches the block at `start`; returns where it ends, or nil.
    func matchForward(_ s: UnsafeBufferPointer<UInt8>, at start: Int, limit: Int, steps: inout Int) -> Int? {
        var p = start
        for element in elements {
            switch element {
            case .bytes(let bytes):
                guard p + bytes.count <= limit, s.equals(bytes, from: p, to: p + bytes.count, steps: &steps) else {
                    return nil
                }
                p += bytes.count
            case .anyCharacter:
                guard p < limit else { return nil }
                p += 1
                steps += 1
                while p < limit && s[p] & 0xC0 == 0x80 { p += 1 }
            }
        }
        return p
    }

    /// Matches the block so that it ends at `end`, not before `floor`; returns where it starts, or nil.
    func matchBackward(_ s: UnsafeBufferPointer<UInt8>, endingAt end: Int, floor: Int, steps: inout Int) -> Int? {
        var e = end
        for element in elements.reversed() {
            switch element {
            case .bytes(let bytes):
                guard e - bytes.count >= floor, s.equals(bytes, from: e - bytes.count, to: e, steps: &steps) else {
                    return nil
                }
                e -= bytes.count
            case .anyCharacter:
                guard e > floor else { return nil }
                e -= 1
                steps += 1
                while e > floor && s[e] & 0xC0 == 0x80 { e -= 1 }
            }
        }
        return e
    }

    /// The end of the leftmost occurrence of the block within `from..<to`, or nil.
    func searchForward(_ s: UnsafeBufferPointer<UInt8>, from: Int, to: Int, steps: inout Int) -> Int? {
        switch search {
        case .literal(let p, let failure):
            if p.isEmpty { return from }
            var j = 0
            var i = from
            while i < to {
                steps += 1
                while j > 0 && s[i] != p[j] {
                    j = failure[j - 1]
                    steps += 1
                }
                if s[i] == p[j] { j += 1 }
                i += 1
                if j == p.count { return i }
            }
            return nil
        case .characters(let masks):
            return masks.search(s, from: from, to: to, steps: &steps)
        }
    }
}

/// Shift-and tables for a block with `?`: bit `i` of a character's mask is set when the block's `i`th character
/// is that character or `?`.
struct CharacterMasks: Sendable {
    let length: Int
    let words: Int
    /// The masks of the ASCII characters, `words` per character.
    let ascii: [UInt64]
    /// The masks of the block's non-ASCII characters.
    let other: [UInt32: [UInt64]]
    /// The mask of any other character: the positions of `?`.
    let any: [UInt64]

    init(_ elements: [GlobBlock.Element]) {
        var characters: [UInt32?] = []
        for element in elements {
            switch element {
            case .anyCharacter: characters.append(nil)
            case .bytes(let bytes):
                for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars { characters.append(scalar.value) }
            }
        }
        length = characters.count
        words = (characters.count + 63) / 64
        var any = [UInt64](repeating: 0, count: words)
        for (i, c) in characters.enumerated() where c == nil { any[i / 64] |= 1 << UInt64(i % 64) }
        var ascii = [UInt64](repeating: 0, count: 128 * words)
        for c in 0..<128 { for w in 0..<words { ascii[c * words + w] = any[w] } }
        var other: [UInt32: [UInt64]] = [:]
        for (i, c) in characters.enumerated() {
            guard let c else { continue }
            let bit: UInt64 = 1 << UInt64(i % 64)
            if c < 128 {
                ascii[Int(c) * words + i / 64] |= bit
            } else {
                other[c, default: any][i / 64] |= bit
            }
        }
        self.any = any
        self.ascii = ascii
        self.other = other
    }

    func search(_ s: UnsafeBufferPointer<UInt8>, from: Int, to: Int, steps: inout Int) -> Int? {
        var state = [UInt64](repeating: 0, count: words)
        let lastWord = (length - 1) / 64
        let lastBit: UInt64 = 1 << UInt64((length - 1) % 64)
        var i = from
        while i < to {
            let lead = s[i]
            var width = 1
            var scalar = UInt32(lead)
            if lead >= 0x80 {
                width = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                scalar = UInt32(lead) & (0xFF >> UInt32(width + 1))
                var k = 1
                while k < width && i + k < to {
                    scalar = scalar << 6 | UInt32(s[i + k] & 0x3F)
                    k += 1
                }
            }
            var carry: UInt64 = 1
            steps += words
            if scalar < 128 {
                let base = Int(scalar) * words
                for w in 0..<words {
                    let v = state[w]
                    state[w] = (v << 1 | carry) & ascii[base + w]
                    carry = v >> 63
                }
            } else {
                let mask = other[scalar] ?? any
                for w in 0..<words {
                    let v = state[w]
                    state[w] = (v << 1 | carry) & mask[w]
                    carry = v >> 63
                }
            }
            i += width
            if state[lastWord] & lastBit != 0 { return min(i, to) }
        }
        return nil
    }
}
