/// The shortest prefix of each identifier that no other identifier of the set starts with, so that a table
/// can show short eventIDs that `explain` still resolves.
public enum UniquePrefix {
    /// For each distinct identifier, its shortest unique prefix of at least `minimum` characters (the whole
    /// identifier when another one extends it).
    public static func prefixes(of ids: some Sequence<String>, minimum: Int = 8) -> [String: String] {
        let sorted = Array(Set(ids)).sorted()
        func common(_ a: String, _ b: String) -> Int {
            zip(a, b).prefix { $0 == $1 }.count
        }
        var result: [String: String] = [:]
        for (i, id) in sorted.enumerated() {
            var needed = 0
            if i > 0 { needed = max(needed, common(id, sorted[i - 1]) + 1) }
            if i + 1 < sorted.count { needed = max(needed, common(id, sorted[i + 1]) + 1) }
            result[id] = String(id.prefix(max(minimum, needed)))
        }
        return result
    }
}
