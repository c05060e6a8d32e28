/// A Markdown table whose cells cannot break it (pipes and line breaks escaped).
public struct MarkdownTable {
    public var headers: [String]
    public var rows: [[String]] = []

    public init(_ headers: [String]) {
        self.headers = headers
    }

    public mutating func add(_ row: [String]) { rows.append(row) }

    public func render() -> String {
        func line(_ cells: [String]) -> String { "| " + cells.map(MarkdownTable.escape).joined(separator: " | ") + " |" }
        let rule = "|" + headers.map { _ in "---|" }.joined()
        return ([line(headers), rule] + rows.map(line)).joined(separator: "\n")
    }

    public static func escape(_ cell: String) -> String {
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
