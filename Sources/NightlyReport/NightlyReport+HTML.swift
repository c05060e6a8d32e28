extension NightlyReport {
    /// The report as one self-contained HTML page: inline style, charts as inline SVG (denies per layer, per
    /// hour of the day, top statements), no script and nothing fetched; laid out for screen and print.
    public var html: String {
        let title = "Deny report: \(period.label)"
        var body: [String] = []
        body.append("<h1>\(HTMLText.escape(title))</h1>")
        body.append("<p class=\"period\">Period <code>\(period.from)</code> to <code>\(period.to)</code> (UTC); "
            + "baseline <code>\(baseline.from)</code> to <code>\(baseline.to)</code> "
            + "(\(baselineTotal) authorization failures).</p>")
        body.append("<div class=\"totals\">"
            + tile("authorization failures", summary.total, id: "total")
            + (duplicateDeliveries > 0 ? tile("duplicate deliveries", duplicateDeliveries, id: "duplicates") : "")
            + tile("new since the baseline", newDenies.count, id: "new", highlight: !newDenies.isEmpty)
            + tile("reproduced", summary.reproduced, id: "reproduced")
            + tile("not reproduced", summary.notReproduced, id: "not-reproduced")
            + tile("agree with AWS", summary.agreed, id: "agreed")
            + tile("differ from AWS", summary.disagreed, id: "disagreed")
            + "</div>")
        body.append("<h2>New since the baseline</h2>")
        if newDenies.isEmpty {
            body.append("<p>None: every deny signature of the period also occurred in the baseline.</p>")
        } else {
            body.append(table(["principal", "action", "layer", "policy statement", "count", "first seen"],
                newDenies.prefix(max(top, 1) * 5).map { entry in
                    [entry.signature.principal, entry.signature.action, entry.signature.layerText,
                     entry.signature.statement, String(entry.count), entry.firstSeen]
                }, id: "new-denies"))
        }
        body.append("<h2>Denies per layer</h2>")
        body.append(SVGBarChart(id: "chart-layers", title: "Denies per layer",
            bars: chartBars(summary.byLayerName), orientation: .horizontal).render())
        body.append("<h2>Denies per hour of the day (UTC)</h2>")
        body.append(SVGBarChart(id: "chart-hours", title: "Denies per hour of the day (UTC)",
            bars: byHour.enumerated().map { (label: $0.offset < 10 ? "0\($0.offset)" : "\($0.offset)", value: $0.element) },
            orientation: .vertical).render())
        body.append("<h2>Top policy statements</h2>")
        body.append(SVGBarChart(id: "chart-statements", title: "Top policy statements",
            bars: topEntries(summary.byStatement).map { (label: $0.key, value: $0.value) }, orientation: .horizontal).render())
        let sections: [(String, String, [String: Int])] = [
            ("Top principals", "principal", summary.byPrincipal),
            ("Top actions", "action", summary.byAction),
            ("By account", "account", byAccount),
            ("By decision", "decision", summary.byDecision),
            ("Not reproduced: reasons", "reason", summary.reasons),
        ]
        for (heading, header, map) in sections {
            body.append("<h2>\(heading)</h2>")
            body.append(map.isEmpty ? "<p>None.</p>"
                : table([header, "count"], topEntries(map).map { [$0.key, String($0.value)] }, id: nil))
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLText.escape(title))</title>
            <style>
            \(NightlyReport.style)
            </style>
            </head>
            <body>
            <main>
            \(body.joined(separator: "\n"))
            </main>
            </body>
            </html>

            """
    }

    private func chartBars(_ map: [String: Int]) -> [(label: String, value: Int)] {
        topEntries(map).map { (label: $0.key, value: $0.value) }
    }

    private func tile(_ label: String, _ value: Int, id: String, highlight: Bool = false) -> String {
        "<div class=\"tile\(highlight ? " alert" : "")\" id=\"tile-\(id)\"><span class=\"number\">\(value)</span>"
            + "<span class=\"caption\">\(HTMLText.escape(label))</span></div>"
    }

    private func table(_ headers: [String], _ rows: [[String]], id: String?) -> String {
        var out = "<table" + (id.map { " id=\"\($0)\"" } ?? "") + "><thead><tr>"
        out += headers.map { "<th\($0 == "count" ? " class=\"count\"" : "")>\(HTMLText.escape($0))</th>" }.joined()
            + "</tr></thead><tbody>"
        for row in rows {
            out += "<tr>" + row.enumerated().map { index, cell in
                let numeric = headers[index] == "count"
                return "<td\(numeric ? " class=\"count\"" : "")>\(HTMLText.escape(cell))</td>"
            }.joined() + "</tr>"
        }
        return out + "</tbody></table>"
    }

    static let style = """
        :root { color-scheme: light; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Liberation Sans", sans-serif; color: #1d2430;
               background: #fff; margin: 0; }
        main { max-width: 1000px; margin: 0 auto; padding: 24px 32px 48px; }
        h1 { font-size: 24px; margin: 0 0 4px; }
        h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #d7dce3; padding-bottom: 4px; }
        .period { color: #5a6472; margin: 0 0 16px; }
        code { font: 12px ui-monospace, "DejaVu Sans Mono", monospace; }
        .totals { display: flex; flex-wrap: wrap; gap: 12px; }
        .tile { border: 1px solid #d7dce3; border-radius: 6px; padding: 10px 14px; min-width: 120px; }
        .tile .number { display: block; font-size: 24px; font-weight: 600; }
        .tile .caption { color: #5a6472; font-size: 12px; }
        .tile.alert { border-color: #c0392b; background: #fdf0ee; }
        .tile.alert .number { color: #c0392b; }
        table { border-collapse: collapse; width: 100%; font-size: 13px; }
        th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e6e9ee; vertical-align: top;
                 overflow-wrap: anywhere; }
        th { background: #f3f5f8; font-weight: 600; white-space: nowrap; }
        td.count, th.count { text-align: right; white-space: nowrap; }
        svg.chart { display: block; max-width: 100%; height: auto; }
        svg.chart .bar { fill: #3b6ea5; }
        svg.chart .axis { stroke: #9aa3ae; stroke-width: 1; }
        svg.chart text { font: 12px system-ui, "Liberation Sans", sans-serif; fill: #1d2430; }
        svg.chart .value { fill: #5a6472; }
        @media print {
          main { max-width: none; padding: 0; }
          h2, svg.chart, table { break-inside: avoid; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """
}
