/// One attribution as one readable line, for `tail --format text`.
public enum AttributionLine {
    public static func text(_ result: Attribution) -> String {
        var line = "\(result.eventTime ?? "-")  \(result.decision.rawValue)  \(result.action ?? "-")"
            + "  by \(result.principal ?? "(unknown principal)")"
        if !result.reproduced, let reason = result.reason {
            line += "  not reproduced: \(shortened(reason))"
        } else if let deny = result.denies.first {
            line += "  denied by \(deny.layer) `\(deny.policyLabel)` statement `\(deny.statement)`"
        } else if !result.missingAllows.isEmpty {
            line += "  no Allow in " + result.missingAllows.map(\.layer.rawValue).uniqued().joined(separator: ", ")
        }
        if let fix = result.fixedBy { line += "  " + fix.fixedText }
        if let reported = result.reportedLayer {
            line += "  (AWS said \(reported): \(result.comparison.rawValue))"
        }
        return line + "  [\(result.eventID ?? "no event id")]"
    }

    /// The first clause of a reason (up to its first `;`), at most `limit` characters, cut at a word.
    public static func shortened(_ reason: String, limit: Int = 120) -> String {
        let clause = reason.split(separator: ";", maxSplits: 1).first.map(String.init) ?? reason
        guard clause.count > limit else { return clause }
        let cut = clause.prefix(limit)
        let word = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return word + " …"
    }
}
