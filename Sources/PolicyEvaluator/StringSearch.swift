extension String {
    /// Whether `needle` occurs in the string, by a plain UTF-8 scan (no search tables to build).
    func containsBytes(_ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard !n.isEmpty else { return true }
        var haystack = self
        return haystack.withUTF8 { h in
            guard h.count >= n.count else { return false }
            let first = n[0]
            var i = 0
            while i <= h.count - n.count {
                if h[i] == first {
                    var j = 1
                    while j < n.count && h[i + j] == n[j] { j += 1 }
                    if j == n.count { return true }
                }
                i += 1
            }
            return false
        }
    }
}
