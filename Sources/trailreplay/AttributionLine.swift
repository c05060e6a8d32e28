import ReplayResults

/// One attribution as one readable line, for `tail --format text`.
enum AttributionLine {
    static func text(_ result: Attribution) -> String {
        var line = "\(result.eventTime ?? "-")  \(result.decision.rawValue)  \(result.action ?? "-")"
            + "  by \(result.principal ?? "(unknown principal)")"
        if let deny = result.denies.first {
            line += "  denied by \(deny.layer) `\(deny.policy)` statement `\(deny.statement)`"
        } else if !result.missingAllows.isEmpty {
            line += "  no Allow in " + Set(result.missingAllows.map(\.layer.rawValue)).sorted().joined(separator: ", ")
        } else if let reason = result.reason {
            line += "  not reproduced: \(reason)"
        }
        if let reported = result.reportedLayer {
            let verdict = result.agreement == true ? "agrees" : result.agreement == false ? "differs" : "not compared"
            line += "  (AWS said \(reported): \(verdict))"
        }
        return line + "  [\(result.eventID ?? "no event id")]"
    }
}
