import ReplayResults
import TrailReader

/// Results written earlier as JSON Lines (`analyze`'s default output), read back: the parts of a split analysis
/// are summarized as one.
public enum ResultFiles {
    /// The summary of every result in `paths`, with what reading each file found; a line that is not a result is
    /// one diagnostic naming the file and line.
    public static func summarize(_ paths: [String], maxLineBytes: Int = 64 << 20)
        -> (summary: AttributionSummary, reads: [JSONLinesReader.Outcome])
    {
        var summary = AttributionSummary()
        let reader = JSONLinesReader(maxLineBytes: maxLineBytes)
        let reads = paths.map { path in
            reader.read(path: path) { _, value in
                guard let result = Attribution(json: value) else { return "not an analyze result" }
                summary.add(result)
                return nil
            }
        }
        return (summary, reads)
    }
}
