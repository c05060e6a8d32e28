/// Where names in a report may break across lines: after the separators of ARNs and statement references
/// (`/`, `:`, and `#` and `,` between names) and at spaces, never inside a token — so that
/// `arn:aws:iam::111122223333:role/deploy-prod` breaks as `arn:aws:iam::111122223333:` / `role/deploy-prod`
/// and not at its hyphen. One rule for the HTML tables and the SVG chart labels.
enum TokenBreaks {
    static let separators: Set<Character> = ["/", ":", "#", ","]

    /// The text cut after each run of separators and each run of spaces; the pieces join back to `text`.
    static func segments(_ text: String) -> [Substring] {
        var pieces: [Substring] = []
        var start = text.startIndex
        var index = start
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            let ends = next < text.endIndex ? text[next] : nil
            let breakAfter = separators.contains(character) ? !(ends.map(separators.contains) ?? false)
                : character == " " ? ends != " " : false
            if breakAfter {
                pieces.append(text[start..<next])
                start = next
            }
            index = next
        }
        if start < text.endIndex { pieces.append(text[start...]) }
        return pieces
    }

    /// The text in lines of at most `width` characters, cut at the segments' ends where they fit, and inside a
    /// segment only when it alone is longer than a line (filling the line first); the lines join back to `text`.
    /// A line's last space may overhang: it is not drawn.
    static func lines(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        func drawn(_ piece: Substring) -> Int { piece.count - (piece.hasSuffix(" ") ? 1 : 0) }
        var lines: [String] = []
        var line = ""
        for segment in segments(text) {
            var piece = segment
            while line.count + drawn(piece) > width {
                let room = width - line.count
                if room <= 0 || drawn(piece) <= width {
                    lines.append(line)
                    line = ""
                    continue
                }
                line += piece.prefix(room)
                piece = piece.dropFirst(room)
                lines.append(line)
                line = ""
            }
            line += piece
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
