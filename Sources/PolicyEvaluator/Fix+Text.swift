import TrailJSON

extension Fix {
    /// The fix for a terminal: the layer, the change and its target, the sentence, then the statement or the
    /// request values on their own line.
    public var explanation: String { explanation(levelName: nil) }

    /// The same, the organization level named (`OU Production (ou-…)`) where the caller knows it.
    public func explanation(levelName: String?) -> String {
        var where_ = layer.rawValue
        if let level { where_ += " (level \(level)" + (levelName.map { ": \($0)" } ?? "") + ")" }
        var lines = ["\(where_): \(change.rawValue) `\(policy)`" + (target.map { " statement `\($0.label)`" } ?? "") + ": \(detail)"]
        if let statement { lines.append("    " + JSONWriter.string(statement)) }
        for (key, values) in requestContext.sorted(by: { $0.key < $1.key }) {
            lines.append("    \(key) = \(values.joined(separator: ", "))")
        }
        return lines.joined(separator: "\n")
    }
}
