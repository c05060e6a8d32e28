/// A plain-text table with aligned columns, for terminals and logs.
///
/// Rendered without a width, every row is one line. Rendered into a width, the widest columns shrink
/// first and their cells wrap (at ARN separators where they can, see `CellWrap`), so that no line is
/// longer than the width unless the columns' minimums already are.
public struct TextTable: Sendable {
    public var headers: [String]
    public var rows: [[String]] = []
    /// How narrow a column may become before the table gives up fitting (or its natural width if smaller).
    public static let minimumColumnWidth = 8
    /// A column keeps its longest word up to this width while the table still fits.
    public static let tokenFloorLimit = 24
    static let separator = "  "

    public init(headers: [String]) {
        self.headers = headers
    }

    public mutating func add(_ row: [String]) { rows.append(row) }

    /// The table, one line per row when `width` is nil, else fitted into `width` columns.
    public func render(width: Int? = nil) -> String {
        let natural = naturalWidths()
        let widths = width.map { Self.fit(natural, tokens: longestTokens(), into: $0) } ?? natural
        var out: [String] = []
        out += line(headers, widths)
        out.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: Self.separator))
        for row in rows { out += line(row, widths) }
        return out.joined(separator: "\n") + "\n"
    }

    /// Per column, its longest piece that `CellWrap` would not break.
    private func longestTokens() -> [Int] {
        var widths = headers.map { CellWrap.longestToken($0) }
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], CellWrap.longestToken(cell)) }
        }
        return widths
    }

    private func naturalWidths() -> [Int] {
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        return widths
    }

    /// Column widths that sum (with separators) to at most `total`. The widest columns shrink first, down
    /// to their longest unbreakable token (capped at `tokenFloorLimit`) so that words stay whole; when even
    /// that does not fit, the longest tokens give way first, down to `minimumColumnWidth`.
    static func fit(_ natural: [Int], tokens: [Int]? = nil, into total: Int) -> [Int] {
        let available = total - separator.count * max(0, natural.count - 1)
        guard natural.reduce(0, +) > available else { return natural }
        let minimums = natural.map { min($0, minimumColumnWidth) }
        let wordFloors = zip(natural, tokens ?? minimums).map { min($0, max(minimumColumnWidth, min($1, tokenFloorLimit))) }
        let floors = capped(wordFloors, floors: minimums, within: available)
        var result = capped(natural, floors: floors, within: available)
        // Hand what the common cap leaves over to the columns that were cut, left to right.
        var spare = available - result.reduce(0, +)
        for i in result.indices where spare > 0 && result[i] < natural[i] {
            let extra = min(spare, natural[i] - result[i])
            result[i] += extra
            spare -= extra
        }
        return result
    }

    /// `values` capped at the largest common cap whose sum fits `available`, never below `floors`.
    private static func capped(_ values: [Int], floors: [Int], within available: Int) -> [Int] {
        func widths(cap: Int) -> [Int] { zip(values, floors).map { max($1, min($0, cap)) } }
        var low = 0
        var high = values.max() ?? 0
        while low < high {
            let cap = (low + high + 1) / 2
            if widths(cap: cap).reduce(0, +) <= available { low = cap } else { high = cap - 1 }
        }
        return widths(cap: low)
    }

    /// One row as lines: each cell wrapped to its column, padded except in the last column.
    private func line(_ cells: [String], _ widths: [Int]) -> [String] {
        let wrapped = widths.indices.map { i in CellWrap.lines(i < cells.count ? cells[i] : "", width: widths[i]) }
        let height = wrapped.map(\.count).max() ?? 1
        return (0..<height).map { lineIndex in
            let parts = widths.indices.map { i -> String in
                let piece = lineIndex < wrapped[i].count ? wrapped[i][lineIndex] : ""
                return i == widths.count - 1 ? piece : piece + String(repeating: " ", count: max(0, widths[i] - piece.count))
            }
            var text = parts.joined(separator: Self.separator)
            while text.last == " " { text.removeLast() }
            return text
        }
    }
}

/// Wraps one cell's text to a width, breaking after an ARN or list separator (`/`, `:`, `,`, space, …)
/// where one falls in the back three quarters of the line, else at the width.
public enum CellWrap {
    static let breakAfter: Set<Character> = ["/", ":", "#", ",", " ", "-", "=", ";", ")"]

    /// The length of the longest run that ends at a separator or the end of the text.
    static func longestToken(_ text: String) -> Int {
        var longest = 0
        var run = 0
        for character in text {
            run += 1
            if breakAfter.contains(character) {
                longest = max(longest, run)
                run = 0
            }
        }
        return max(longest, run)
    }

    /// The pieces, each at most `width` characters; joined, they are `text` again.
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0, text.count > width else { return [text] }
        var pieces: [String] = []
        var rest = Substring(text)
        while rest.count > width {
            let window = rest.prefix(width)
            var cut = window.endIndex
            if let last = window.lastIndex(where: breakAfter.contains) {
                let position = window.distance(from: window.startIndex, to: last) + 1
                if position * 4 >= width { cut = window.index(after: last) }
            }
            pieces.append(String(rest[rest.startIndex..<cut]))
            rest = rest[cut...]
        }
        if !rest.isEmpty { pieces.append(String(rest)) }
        return pieces
    }
}
