/// A bar chart drawn as inline SVG: no script, no fetch, readable on screen and in print.
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

    static let width = 720

    func render() -> String {
        let body = orientation == .horizontal ? horizontal() : vertical()
        return body.joined(separator: "\n")
    }

    private var maximum: Int { max(1, bars.map(\.value).max() ?? 1) }

    private func open(height: Int) -> String {
        "<svg id=\"\(id)\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
            + "viewBox=\"0 0 \(SVGBarChart.width) \(height)\" width=\"\(SVGBarChart.width)\" height=\"\(height)\" "
            + "aria-label=\"\(HTMLText.escape(title))\"><title>\(HTMLText.escape(title))</title>"
    }

    private func horizontal() -> [String] {
        let row = 26, labelWidth = 300, valueWidth = 60
        let span = SVGBarChart.width - labelWidth - valueWidth
        let height = max(1, bars.count) * row + 8
        var lines = [open(height: height)]
        if bars.isEmpty {
            lines.append("<text class=\"empty\" x=\"0\" y=\"20\">none</text>")
        }
        for (index, bar) in bars.enumerated() {
            let y = index * row + 4
            let length = max(bar.value > 0 ? 2 : 0, bar.value * span / maximum)
            let label = HTMLText.escape(HTMLText.shortened(bar.label, to: 36))
            lines.append("<g class=\"bar-row\"><title>\(HTMLText.escape(bar.label)): \(bar.value)</title>"
                + "<text class=\"label\" x=\"\(labelWidth - 8)\" y=\"\(y + 17)\" text-anchor=\"end\">\(label)</text>"
                + "<rect class=\"bar\" x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(length)\" height=\"\(row - 8)\"/>"
                + "<text class=\"value\" x=\"\(labelWidth + length + 6)\" y=\"\(y + 17)\">\(bar.value)</text></g>")
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
