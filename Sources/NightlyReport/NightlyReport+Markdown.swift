import ReplayResults

extension NightlyReport {
    /// The report for chat and tickets: new denies first, then the breakdowns (top entries).
    public var markdown: String {
        var out: [String] = []
        out.append("# Deny report: \(period.label)")
        out.append("")
        out.append("Period `\(period.from)` to `\(period.to)` (UTC); baseline `\(baseline.from)` to `\(baseline.to)`"
            + " (\(baselineTotal) authorization failures).")
        out.append("")
        if let emptyPeriodNote {
            out.append(emptyPeriodNote)
        } else {
            out.append("**\(summary.total) authorization failures**\(duplicateDeliveriesNote): \(summary.reproduced) reproduced"
                + (summary.sinceFixed > 0 ? " (\(summary.sinceFixed) denied, since fixed)" : "") + ", "
                + "\(summary.notReproduced) not reproduced. Agreement with the layer AWS reported: \(summary.agreed) agree, "
                + "\(summary.disagreed) differ, \(summary.unreported) not compared.")
        }
        out.append("")
        out.append("## New since the baseline: \(newDenies.count) — \(baselineNote)")
        out.append("")
        if let emptyBaselineNote {
            out.append(emptyBaselineNote)
            out.append("")
        }
        if newDenies.isEmpty {
            out.append(noNewDeniesNote)
        } else {
            var table = MarkdownTable(["principal", "action", "layer", "policy statement", "count", "first seen"])
            for entry in newDenies.prefix(max(top, 1) * 5) {
                let s = entry.signature
                table.add([s.principal, s.action, s.layerText, s.statementLabel, String(entry.count), entry.firstSeen])
            }
            out.append(table.render())
            if newDenies.count > max(top, 1) * 5 {
                out.append("")
                out.append("… and \(newDenies.count - max(top, 1) * 5) more (see the JSON report).")
            }
        }
        let sections: [(String, String, [String: Int])] = [
            ("By layer", "layer", summary.byLayerName),
            ("Top policy statements", "policy statement", summary.byStatement),
            ("Top principals", "principal", summary.byPrincipal),
            ("Top actions", "action", summary.byAction),
            ("By account", "account", byAccount),
            ("By decision", "decision", summary.byDecision),
            ("Not reproduced: reasons", "reason", summary.reasons),
        ]
        for (title, header, map) in sections {
            out.append("")
            out.append("## \(title)")
            out.append("")
            guard !map.isEmpty else {
                out.append("None.")
                continue
            }
            var table = MarkdownTable([header, "count"])
            for entry in topEntries(map) { table.add([entry.key, String(entry.value)]) }
            out.append(table.render())
        }
        return out.joined(separator: "\n") + "\n"
    }
}
