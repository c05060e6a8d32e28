/// Escaping for text and attribute values in HTML and SVG.
enum HTMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// `text` cut to `limit` characters with an ellipsis, for chart labels (the full text goes in a tooltip).
    static func shortened(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : "…" + text.suffix(limit - 1)
    }
}
