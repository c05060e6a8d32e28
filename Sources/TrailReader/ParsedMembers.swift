import TrailJSON

/// Which top-level members of a selected record the reader builds into its `value`. The others are still checked
/// as JSON (a record faulty anywhere stays unreadable, with the same diagnostic) but skipped unbuilt: a pass that
/// reads a few members of many large records parses them for a fraction of the cost.
public struct ParsedMembers: Sendable, Equatable {
    /// For authorization failures: the members built; nil builds them all.
    public var failures: Set<String>?
    /// For the successful records of an event source: the members built.
    public var successful: [String: Set<String>]

    public init(failures: Set<String>? = nil, successful: [String: Set<String>] = [:]) {
        self.failures = failures
        self.successful = successful
    }

    /// Every member of every record.
    public static let all = ParsedMembers()

    /// The record's value, with the members this asks for.
    func parse(_ bytes: UnsafeRawBufferPointer, fields: RecordFields, isFailure: Bool) throws(JSONParseError) -> JSONValue {
        if isFailure { return try JSONParser.parse(bytes, keepingMembers: failures) }
        guard !successful.isEmpty, fields.range(of: .errorCode) == nil, let source = fields.string(.eventSource, in: bytes),
            let members = successful[source]
        else { return try JSONParser.parse(bytes) }
        // The source is the record's last `eventSource`, as its value reads it (`RecordFields` keeps the last too).
        return try JSONParser.parse(bytes, keepingMembers: members)
    }
}
