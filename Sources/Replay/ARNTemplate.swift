import PolicyLanguage

/// An ARN template from the service reference, such as `arn:${Partition}:s3:::${BucketName}/${ObjectName}`:
/// fills its variables, and matches concrete ARNs against it.
struct ARNTemplate: Sendable {
    enum Piece: Equatable {
        case literal(String)
        case variable(String)
    }

    let pieces: [Piece]
    /// The template as an ARN pattern: variables are `*`, literal text (even a `*`) matches itself.
    private let pattern: ArnPattern

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
        pattern = ArnPattern(pieces: pieces.map { piece in
            switch piece {
            case .literal(let text): return PatternPiece(text, wildcards: false)
            case .variable: return PatternPiece("*", wildcards: true)
            }
        })
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

    /// Whether `arn` has this template's shape: each variable stands for any run of characters (empty too: some
    /// ARNs have no region or account), and the partition, service, region and account never take in a colon.
    /// One linear pass over the ARN's bytes (`ArnPattern`, compiled once per template).
    func matches(_ arn: String) -> Bool {
        pattern.matches(arn)
    }
}
