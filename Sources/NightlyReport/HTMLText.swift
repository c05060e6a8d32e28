/// Text as the HTML report writes it: escaped, Markdown-style `code` spans as `<code>`, names breakable only
/// between their tokens, times never.
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

    /// The text split at its backtick pairs (`code` spans, as in the reasons' Markdown); an unpaired backtick
    /// stays in the text.
    static func codeSpans(_ text: String) -> [(text: Substring, code: Bool)] {
        let parts = text.split(separator: "`", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return [(text[...], false)] }
        var spans: [(text: Substring, code: Bool)] = []
        let paired = parts.count % 2 == 1 ? parts.count : parts.count - 1
        for (index, part) in parts.prefix(paired).enumerated() where !part.isEmpty || index % 2 == 1 {
            spans.append((part, index % 2 == 1))
        }
        if paired < parts.count, let last = parts.last {
            spans.append((text[text.index(last.startIndex, offsetBy: -1)...], false))
        }
        return spans
    }

    /// The text without the backticks of its code spans, for SVG labels (drawn in a monospace font already).
    static func plain(_ text: String) -> String {
        codeSpans(text).map { String($0.text) }.joined()
    }

    /// A sentence or a name for a table cell or paragraph: code spans as `<code>`, each token in a span that
    /// never wraps, with `<wbr>` after ARN separators (`/`, `:`, `#`, `,`) so a long name breaks only there.
    static func inline(_ text: String) -> String {
        codeSpans(text).map { span in
            let body = breakable(String(span.text))
            return span.code ? "<code>\(body)</code>" : body
        }.joined()
    }

    /// The text's tokens (TokenBreaks) each in `<span class="t">` (white-space: nowrap, so browsers do not break
    /// at a hyphen), `<wbr>` after separators, spaces between them.
    static func breakable(_ text: String) -> String {
        TokenBreaks.segments(text).map { segment in
            let trimmed = segment.prefix { $0 != " " }
            let spaces = segment.dropFirst(trimmed.count)
            let breakAfter = trimmed.last.map(TokenBreaks.separators.contains) ?? false
            return (trimmed.isEmpty ? "" : "<span class=\"t\">\(escape(String(trimmed)))</span>")
                + (breakAfter ? "<wbr>" : "") + spaces
        }.joined()
    }

    /// A time (`2026-11-28T14:02:00Z`) as `<time>`, which the style never breaks.
    static func time(_ text: String) -> String {
        text.isEmpty ? "" : "<time datetime=\"\(escape(text))\">\(escape(text))</time>"
    }
}
