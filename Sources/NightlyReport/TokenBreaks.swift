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

    /// The text in lines of at most `width` characters, cut at the segments' ends where they fit and inside a
    /// segment only when it alone is longer than a line; the lines join back to `text`.
    static func lines(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var lines: [String] = []
        var line = ""
        for segment in segments(text) {
            var piece = Substring(segment)
            // A trailing space may overhang the line: it is not drawn at a line's end.
            while line.count + piece.count - (piece.hasSuffix(" ") ? 1 : 0) > width {
                if !line.isEmpty {
                    lines.append(line)
                    line = ""
                    continue
                }
                lines.append(String(piece.prefix(width)))
                piece = piece.dropFirst(width)
            }
            line += piece
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
