/// An ARN template from the service reference, such as `arn:${Partition}:s3:::${BucketName}/${ObjectName}`:
/// fills its variables, and matches concrete ARNs against it.
struct ARNTemplate: Sendable {
    enum Piece: Equatable {
        case literal(String)
        case variable(String)
    }

    let pieces: [Piece]

    init(_ text: String) {
        var pieces: [Piece] = []
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            if open.lowerBound > rest.startIndex { pieces.append(.literal(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                pieces.append(.literal(String(rest)))
                rest = ""
                break
            }
            pieces.append(.variable(String(rest[open.upperBound..<close])))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.literal(String(rest))) }
        self.pieces = pieces
    }

    var variables: [String] {
        pieces.compactMap { if case .variable(let name) = $0 { return name } else { return nil } }
    }

    /// The ARN with every variable replaced, or nil when `value` leaves one unknown.
    func fill(_ value: (String) -> String?) -> String? {
        var out = ""
        for piece in pieces {
            switch piece {
            case .literal(let text): out += text
            case .variable(let name):
                guard let v = value(name) else { return nil }
                out += v
            }
        }
        return out
    }

    /// Whether `arn` has this template's shape: each variable stands for one or more characters other than
    /// `:`, except the last, which may hold anything (object keys, paths).
    func matches(_ arn: String) -> Bool {
        ARNTemplate.match(Array(pieces), 0, Array(arn), 0)
    }

    private static func match(_ pieces: [Piece], _ p: Int, _ s: [Character], _ i: Int) -> Bool {
        if p == pieces.count { return i == s.count }
        switch pieces[p] {
        case .literal(let text):
            let chars = Array(text)
            guard i + chars.count <= s.count, Array(s[i..<(i + chars.count)]) == chars else { return false }
            return match(pieces, p + 1, s, i + chars.count)
        case .variable:
            let last = p == pieces.count - 1
            var j = i
            while j < s.count {
                if !last && s[j] == ":" { break }
                j += 1
                if match(pieces, p + 1, s, j) { return true }
            }
            // Region and account may be empty in some ARNs (S3, IAM).
            return match(pieces, p + 1, s, i)
        }
    }
}
