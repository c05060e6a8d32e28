/// A bar chart drawn as inline SVG: no script, no fetch, readable on screen and in print. The chart is as wide
/// as the page's text column (the viewBox is that width in CSS pixels, so 12 px text stays 12 px) and scales
/// with it; a name that does not fit its column is wrapped onto several lines, never cut.
struct SVGBarChart {
    enum Orientation {
        /// One row per bar, label on the left (for named categories).
        case horizontal
        /// One column per bar, label below (for the hours of a day).
        case vertical
    }

    var id: String
    var title: String
    var bars: [(label: String, value: Int)]
    var orientation: Orientation

    /// The width of the page's text column (`main` is 1000 px wide with 32 px padding on each side).
    static let width = 936
    /// The widest monospace character of 12 px fonts (DejaVu Sans Mono and SF Mono: 0.6 em) with a margin,
    /// the label lines' height, and the bounds of a label line in characters: a line holds at most
    /// `wrapCharacters`, more when one token is longer (so that it is not cut), never more than `maxCharacters`.
    static let characterWidth = 7.5
    static let lineHeight = 15
    static let wrapCharacters = 56
    static let maxCharacters = 80

    /// How many characters a label line of this chart holds: the longest label when all fit a line, else enough
    /// for the longest token.
    var labelCharacters: Int {
        let labels = bars.map { HTMLText.plain($0.label) }
        let longest = labels.map(\.count).max() ?? 0
        guard longest > SVGBarChart.wrapCharacters else { return max(8, longest) }
        let token = labels.flatMap(TokenBreaks.segments).map { $0.hasSuffix(" ") ? $0.count - 1 : $0.count }.max() ?? 0
        return min(SVGBarChart.maxCharacters, max(SVGBarChart.wrapCharacters, token))
    }

    /// The label column of a horizontal chart, in CSS pixels.
    var labelWidth: Int { Int(Double(labelCharacters) * SVGBarChart.characterWidth) + 10 }

    func render() -> String {
        let body = orientation == .horizontal ? horizontal() : vertical()
        return body.joined(separator: "\n")
    }

    private var maximum: Int { max(1, bars.map(\.value).max() ?? 1) }

    private func open(height: Int) -> String {
        "<svg id=\"\(id)\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
            + "viewBox=\"0 0 \(SVGBarChart.width) \(height)\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" "
            + "aria-label=\"\(HTMLText.escape(title))\"><title>\(HTMLText.escape(title))</title>"
    }

    private func horizontal() -> [String] {
        let labelWidth = self.labelWidth, labelCharacters = self.labelCharacters
        let valueWidth = 56, barHeight = 18, padding = 8
        let span = SVGBarChart.width - labelWidth - valueWidth
        let rows = bars.map { bar in
            (bar: bar, lines: TokenBreaks.lines(HTMLText.plain(bar.label), width: labelCharacters))
        }
        let heights = rows.map { max(barHeight, $0.lines.count * SVGBarChart.lineHeight) + padding }
        let height = max(26, heights.reduce(0, +)) + 8
        var lines = [open(height: height)]
        if bars.isEmpty {
            lines.append("<text class=\"empty\" x=\"0\" y=\"20\">none</text>")
        }
        var top = 4
        for (row, rowHeight) in zip(rows, heights) {
            let (bar, labelLines) = row
            let middle = top + rowHeight / 2
            let length = max(bar.value > 0 ? 2 : 0, bar.value * span / maximum)
            // The first baseline so that the lines' block is centred on the bar (12 px text: 4 px below centre).
            let firstBaseline = middle + 4 - (labelLines.count - 1) * SVGBarChart.lineHeight / 2
            let x = labelWidth - 10
            let tspans = labelLines.enumerated().map { index, line in
                "<tspan x=\"\(x)\" y=\"\(firstBaseline + index * SVGBarChart.lineHeight)\">\(HTMLText.escape(line))</tspan>"
            }.joined()
            lines.append("<g class=\"bar-row\"><title>\(HTMLText.escape(HTMLText.plain(bar.label))): \(bar.value)</title>"
                + "<text class=\"label name\" x=\"\(x)\" y=\"\(firstBaseline)\" text-anchor=\"end\">\(tspans)</text>"
                + "<rect class=\"bar\" x=\"\(labelWidth)\" y=\"\(middle - barHeight / 2)\" width=\"\(length)\" height=\"\(barHeight)\"/>"
                + "<text class=\"value\" x=\"\(labelWidth + length + 6)\" y=\"\(middle + 4)\">\(bar.value)</text></g>")
            top += rowHeight
        }
        lines.append("</svg>")
        return lines
    }

    private func vertical() -> [String] {
        let height = 220, top = 20, bottom = 24, left = 8
        let plot = height - top - bottom
        let slot = (SVGBarChart.width - left) / max(1, bars.count)
        var lines = [open(height: height)]
        lines.append("<line class=\"axis\" x1=\"\(left)\" y1=\"\(top + plot)\" x2=\"\(SVGBarChart.width)\" y2=\"\(top + plot)\"/>")
        for (index, bar) in bars.enumerated() {
            let x = left + index * slot
            let length = bar.value * plot / maximum
            var group = "<g class=\"bar-column\"><title>\(HTMLText.escape(bar.label)): \(bar.value)</title>"
                + "<rect class=\"bar\" x=\"\(x + 3)\" y=\"\(top + plot - length)\" width=\"\(slot - 6)\" height=\"\(length)\"/>"
                + "<text class=\"label\" x=\"\(x + slot / 2)\" y=\"\(height - 6)\" text-anchor=\"middle\">"
                + "\(HTMLText.escape(bar.label))</text>"
            if bar.value > 0 {
                group += "<text class=\"value\" x=\"\(x + slot / 2)\" y=\"\(top + plot - length - 4)\" "
                    + "text-anchor=\"middle\">\(bar.value)</text>"
            }
            lines.append(group + "</g>")
        }
        lines.append("</svg>")
        return lines
    }
}
