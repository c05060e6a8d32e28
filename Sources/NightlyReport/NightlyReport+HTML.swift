extension NightlyReport {
    /// The report as one self-contained HTML page: inline style, charts as inline SVG (denies per layer, per
    /// hour of the day, top statements), no script and nothing fetched; laid out for screen and print.
    public var html: String {
        let title = "Deny report: \(period.label)"
        var body: [String] = []
        body.append("<h1>\(HTMLText.escape(title))</h1>")
        body.append("<p class=\"period\">Period <code>\(HTMLText.time(period.from))</code> to "
            + "<code>\(HTMLText.time(period.to))</code> (UTC); baseline <code>\(HTMLText.time(baseline.from))</code> to "
            + "<code>\(HTMLText.time(baseline.to))</code> (\(baselineTotal) authorization failures).</p>")
        if let emptyPeriodNote {
            body.append("<p class=\"note\" id=\"empty-period\">\(HTMLText.inline(emptyPeriodNote))</p>")
        }
        body.append("<div class=\"totals\">"
            + tile("authorization failures", summary.total, id: "total")
            + (duplicateDeliveries > 0 ? tile("duplicate deliveries", duplicateDeliveries, id: "duplicates") : "")
            + tile("new since the baseline", newDenies.count, id: "new", detail: baselineNote, highlight: !newDenies.isEmpty)
            + tile("reproduced", summary.reproduced, id: "reproduced")
            + (summary.sinceFixed > 0 ? tile("denied, since fixed", summary.sinceFixed, id: "since-fixed") : "")
            + tile("not reproduced", summary.notReproduced, id: "not-reproduced")
            + tile("agree with AWS", summary.agreed, id: "agreed")
            + tile("differ from AWS", summary.disagreed, id: "disagreed")
            + "</div>")
        body.append("<h2>New since the baseline</h2>")
        if let emptyBaselineNote {
            body.append("<p class=\"note\" id=\"empty-baseline\">\(HTMLText.inline(emptyBaselineNote))</p>")
        }
        if newDenies.isEmpty {
            body.append("<p>\(HTMLText.inline(noNewDeniesNote))</p>")
        } else {
            let shown = max(top, 1) * 5
            body.append(table([.name("deny signature: principal, action, layer, policy statement"), .count,
                    .time("first seen")],
                cells: newDenies.prefix(shown).map { entry in
                    [signatureCell(entry.signature), HTMLText.escape(String(entry.count)), HTMLText.time(entry.firstSeen)]
                }, id: "new-denies"))
            if newDenies.count > shown {
                body.append("<p>And \(newDenies.count - shown) more (see the JSON report).</p>")
            }
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
                : table([.name(header), .count], topEntries(map).map { [$0.key, String($0.value)] }, id: nil))
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

    private func tile(_ label: String, _ value: Int, id: String, detail: String? = nil, highlight: Bool = false) -> String {
        "<div class=\"tile\(highlight ? " alert" : "")\" id=\"tile-\(id)\"><span class=\"number\">\(value)</span>"
            + "<span class=\"caption\">\(HTMLText.escape(label))</span>"
            + (detail.map { "<span class=\"detail\">\(HTMLText.escape($0))</span>" } ?? "") + "</div>"
    }

    /// A table column: names and sentences (broken only between tokens), counts (right-aligned) or times
    /// (never broken).
    private enum Column {
        case name(String)
        case count
        case time(String)

        var header: String {
            switch self {
            case .name(let text), .time(let text): text
            case .count: "count"
            }
        }

        var cssClass: String {
            switch self {
            case .name: "name"
            case .count: "count"
            case .time: "time"
            }
        }

        func cell(_ text: String) -> String {
            switch self {
            case .name: HTMLText.inline(text)
            case .count: HTMLText.escape(text)
            case .time: HTMLText.time(text)
            }
        }
    }

    private func table(_ columns: [Column], _ rows: [[String]], id: String?) -> String {
        table(columns, cells: rows.map { row in zip(columns, row).map { $0.cell($1) } }, id: id)
    }

    /// A table of cells already written as HTML.
    private func table(_ columns: [Column], cells rows: [[String]], id: String?) -> String {
        var out = "<div class=\"table\"><table" + (id.map { " id=\"\($0)\"" } ?? "") + "><thead><tr>"
        out += columns.map { "<th class=\"\($0.cssClass)\">\(HTMLText.escape($0.header))</th>" }.joined()
            + "</tr></thead><tbody>"
        for row in rows {
            out += "<tr>" + zip(columns, row).map { column, cell in "<td class=\"\(column.cssClass)\">\(cell)</td>" }
                .joined() + "</tr>"
        }
        return out + "</tbody></table></div>"
    }

    /// A deny signature on three lines, principal, action and layer, statement, each as wide as the table
    /// allows: side by side in columns, a long role name and a long statement would not both fit the page.
    private func signatureCell(_ signature: DenySignature) -> String {
        "<div class=\"principal\">\(HTMLText.inline(signature.principal))</div>"
            + "<div><span class=\"field\">action</span> \(HTMLText.inline(signature.action)) "
            + "<span class=\"field\">layer</span> \(HTMLText.inline(signature.layerText))</div>"
            + "<div><span class=\"field\">statement</span> \(HTMLText.inline(signature.statementLabel))</div>"
    }

    static let style = """
        :root { color-scheme: light; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Liberation Sans", sans-serif; color: #1d2430;
               background: #fff; margin: 0; }
        main { max-width: 1000px; margin: 0 auto; padding: 24px 32px 48px; }
        h1 { font-size: 24px; margin: 0 0 4px; }
        h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #d7dce3; padding-bottom: 4px; }
        .period { color: #5a6472; margin: 0 0 16px; }
        code, time { font: 12px ui-monospace, "DejaVu Sans Mono", monospace; }
        time { white-space: nowrap; }
        .note { border-left: 3px solid #3b6ea5; background: #f3f6fa; padding: 6px 10px; }
        .totals { display: flex; flex-wrap: wrap; gap: 12px; }
        .tile { border: 1px solid #d7dce3; border-radius: 6px; padding: 10px 14px; min-width: 120px; }
        .tile .number { display: block; font-size: 24px; font-weight: 600; }
        .tile .caption { display: block; color: #5a6472; font-size: 12px; }
        .tile .detail { display: block; color: #5a6472; font-size: 11px; }
        .tile.alert { border-color: #c0392b; background: #fdf0ee; }
        .tile.alert .number { color: #c0392b; }
        div.table { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-size: 13px; }
        th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e6e9ee; vertical-align: top;
                 overflow-wrap: normal; word-break: keep-all; }
        .t { white-space: nowrap; }
        td.time, th.time { white-space: nowrap; }
        th.name { white-space: normal; }
        td .principal { font-weight: 600; }
        td .field { color: #5a6472; font-size: 11px; margin-right: 2px; }
        td .field ~ .field { margin-left: 10px; }
        th { background: #f3f5f8; font-weight: 600; white-space: nowrap; }
        td.count, th.count { text-align: right; white-space: nowrap; }
        svg.chart { display: block; width: 100%; height: auto; }
        svg.chart .bar { fill: #3b6ea5; }
        svg.chart .axis { stroke: #9aa3ae; stroke-width: 1; }
        svg.chart text { font: 12px system-ui, "Liberation Sans", sans-serif; fill: #1d2430; }
        svg.chart text.name { font: 12px ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; }
        svg.chart .value { fill: #5a6472; }
        @media (max-width: 820px) {
          #new-denies thead { display: none; }
          #new-denies tr, #new-denies td { display: block; }
          #new-denies td { border-bottom: none; padding: 0 8px; }
          #new-denies tr { border-bottom: 1px solid #e6e9ee; padding: 4px 0; }
          #new-denies td.count, #new-denies td.time { display: inline-block; text-align: left; }
          #new-denies td.count::before { content: "count "; color: #5a6472; font-size: 11px; }
          #new-denies td.time::before { content: "first seen "; color: #5a6472; font-size: 11px; }
        }
        @media print {
          main { max-width: none; padding: 0; }
          h2, svg.chart, table { break-inside: avoid; }
          div.table { overflow: visible; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """
}
