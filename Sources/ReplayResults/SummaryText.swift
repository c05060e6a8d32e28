/// The human-readable form of an `AttributionSummary`: a few small tables.
public enum SummaryText {
    public static func render(_ summary: AttributionSummary, top: Int = 10, width: Int? = nil) -> String {
        var out = "authorization failures: \(summary.total); reproduced \(summary.reproduced), not reproduced \(summary.notReproduced)"
        switch summary.duplicateDeliveries {
        case 0: out += "\n"
        case 1: out += "; 1 duplicate delivery not replayed again\n"
        case let n: out += "; \(n) duplicate deliveries not replayed again\n"
        }
        out += "agreement with AWS's message: \(summary.agreed) agree, \(summary.disagreed) differ, \(summary.unreported) not compared\n"
        func section(_ title: String, _ map: [String: Int]) {
            guard !map.isEmpty else { return }
            var table = TextTable(headers: [title, "count"])
            for entry in AttributionSummary.sorted(map).prefix(top) { table.add([entry.key, String(entry.value)]) }
            out += "\n" + table.render(width: width)
        }
        section("decision", summary.byDecision)
        section("layer", summary.byLayerName)
        section("policy statement", summary.byStatement)
        if !summary.byPrincipal.isEmpty {
            var table = TextTable(headers: ["principal (role or user)", "calls", "sessions"])
            for entry in AttributionSummary.sorted(summary.byPrincipal).prefix(top) {
                table.add([entry.key, String(entry.value), summary.sessions(of: entry.key)])
            }
            out += "\n" + table.render(width: width)
        }
        section("action", summary.byAction)
        section("missing from the snapshot or the input", summary.byMissing)
        section("not reproduced because", summary.reasons.reduce(into: [:]) { $0[AttributionLine.shortened($1.key), default: 0] += $1.value })
        return out
    }
}
