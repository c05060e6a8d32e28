/// Small text helpers for the parsers, kept off the public API.
extension Substring {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return s
    }
}

extension Substring {
    /// The text without leading and trailing whitespace.
    func trimmingWhitespace() -> Substring {
        var s = self
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return s
    }
}

extension StringProtocol {
    /// The parts between occurrences of `separator`, empty parts included.
    func components(separatedByString separator: String) -> [Substring] {
        var out: [Substring] = []
        var rest = Substring(self)
        while let r = rest.firstRange(of: separator) {
            out.append(rest[rest.startIndex..<r.lowerBound])
            rest = rest[r.upperBound...]
        }
        out.append(rest)
        return out
    }
}
