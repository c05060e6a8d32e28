/// `analyze --format table`: one row per attribution, the first denying statement or the layers without an Allow.
public enum AttributionTable {
    public static let headers = ["event", "principal", "action", "decision", "layer", "policy", "statement", "AWS said"]

    /// A row; `event` is the id to show (the eventID or a unique prefix of it).
    public static func row(_ result: Attribution, event: String? = nil) -> [String] {
        let deny = result.denies.first
        let layer = deny?.layer.rawValue ?? result.missingAllows.map(\.layer.rawValue).uniqued().joined(separator: ",")
        return [
            event ?? result.eventID ?? "-",
            result.principal ?? "-",
            result.action ?? "-",
            result.decision.rawValue,
            layer.isEmpty ? "-" : layer,
            deny?.policyLabel ?? "-",
            (deny?.statement ?? "-") + (result.fixedBy.map { " (\($0.fixedText))" } ?? ""),
            result.awsSaid,
        ]
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    public func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
