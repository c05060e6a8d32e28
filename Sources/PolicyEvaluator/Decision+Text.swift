extension Decision {
    /// A readable explanation for a terminal: the verdict, then each reason on its own lines.
    public var explanation: String {
        var lines: [String] = []
        switch decision {
        case .allow:
            lines.append("allow")
            for rule in rules { lines.append("  \(rule.detail) (\(rule.source))") }
            for allow in allows {
                lines.append("  allowed by \(allow.layerName) policy `\(allow.policy)`, statement `\(allow.statement)`")
            }
        case .explicitDeny:
            lines.append("explicit-deny: \(denies.count) statement\(denies.count == 1 ? "" : "s") denied the request")
            for deny in denies {
                var where_ = "\(deny.layer.rawValue)"
                if let level = deny.level { where_ += " (level \(level))" }
                lines.append("  \(where_) policy `\(deny.policy)`, statement `\(deny.statement)`")
                if let resource = deny.resource { lines.append("    resource `\(resource)`") }
                for condition in deny.conditions {
                    let requested = condition.requestValues.map { "[" + $0.joined(separator: ", ") + "]" } ?? "absent"
                    lines.append(
                        "    \(condition.operator) \(condition.key): request \(requested), policy [\(condition.policyValues.joined(separator: ", "))] -> \(condition.result)")
                }
            }
        case .implicitDeny where missingAllows.isEmpty:
            lines.append("implicit-deny: no policy can allow the request")
        case .implicitDeny:
            lines.append("implicit-deny: no allow from \(missingAllows.map(\.layerName).joined(separator: ", "))")
        }
        if decision != .allow {
            if decision == .explicitDeny && !missingAllows.isEmpty {
                lines.append("also no allow from \(missingAllows.map(\.layerName).joined(separator: ", "))")
            }
            for missing in missingAllows { lines.append("  \(missing.layerName): \(missing.detail)") }
            for rule in rules { lines.append("  \(rule.kind.rawValue): \(rule.detail) (\(rule.source))") }
        }
        if !missingContext.isEmpty {
            lines.append("depends on keys the request lacks: \(missingContext.map { "`\($0)`" }.joined(separator: ", "))")
        }
        for diagnostic in diagnostics { lines.append("note: \(diagnostic)") }
        return lines.joined(separator: "\n")
    }
}

extension MissingAllow {
    var layerName: String { level.map { "\(layer.rawValue) (level \($0))" } ?? layer.rawValue }
}

extension AllowReason {
    var layerName: String { level.map { "\(layer.rawValue) (level \($0))" } ?? layer.rawValue }
}
