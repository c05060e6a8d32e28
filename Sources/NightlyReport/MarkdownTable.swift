/// A Markdown table whose cells cannot break it (pipes and line breaks escaped).
struct MarkdownTable {
    var headers: [String]
    var rows: [[String]] = []

    init(_ headers: [String]) {
        self.headers = headers
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    func render() -> String {
        func line(_ cells: [String]) -> String { "| " + cells.map(MarkdownTable.escape).joined(separator: " | ") + " |" }
        let rule = "|" + headers.map { _ in "---|" }.joined()
        return ([line(headers), rule] + rows.map(line)).joined(separator: "\n")
    }

    static func escape(_ cell: String) -> String {
        var out = ""
        for character in cell {
            switch character {
            case "|": out += "\\|"
            case "\n", "\r", "\r\n": out += " "
            default: out.append(character)
            }
        }
        return out
    }
}
