/// For each statement of a policy, the literal prefixes one of which a resource must start with for the statement's
/// Resource to match it, in flat arrays of plain values: most statements that name other resources are passed over
/// by comparing a few bytes, before any matcher (and its reference counting) is touched.
final class ResourceGates: Sendable {
    /// Per statement, its prefixes `spans[first..<first + count]`; a count of -1 lets every resource through.
    private let gates: [(first: Int32, count: Int32)]
    private let spans: [(start: Int32, count: Int32)]
    private let bytes: [UInt8]

    init(_ statements: [CompiledStatement]) {
        var gates: [(first: Int32, count: Int32)] = []
        var spans: [(start: Int32, count: Int32)] = []
        var bytes: [UInt8] = []
        for statement in statements {
            guard let prefixes = statement.resource?.requiredPrefixes, !prefixes.contains(where: \.isEmpty) else {
                gates.append((0, -1))
                continue
            }
            gates.append((Int32(spans.count), Int32(prefixes.count)))
            for prefix in prefixes {
                spans.append((Int32(bytes.count), Int32(prefix.count)))
                bytes += prefix
            }
        }
        self.gates = gates
        self.spans = spans
        self.bytes = bytes
    }

    /// Whether statement `index` may match the resource whose UTF-8 is `subject`.
    func admits(_ index: Int, _ subject: UnsafeBufferPointer<UInt8>) -> Bool {
        let gate = gates[index]
        if gate.count < 0 { return true }
        return bytes.withUnsafeBufferPointer { bytes in
            for span in spans[Int(gate.first)..<Int(gate.first + gate.count)] {
                let count = Int(span.count)
                guard subject.count >= count else { continue }
                let start = Int(span.start)
                var i = 0
                while i < count && subject[i] == bytes[start + i] { i += 1 }
                if i == count { return true }
            }
            return false
        }
    }
}
