/// For each statement of a policy, the literal prefixes one of which a resource must start with for the statement's
/// Resource to match it, in flat arrays of plain values: most statements that name other resources are passed over
/// by comparing a few bytes, before any matcher (and its reference counting) is touched.
final class ResourceGates: Sendable {
    /// Two words per statement (where its spans start in `words`, and how many; -1 lets every resource through),
    /// then two per span (where its bytes start in `bytes`, and how many).
    private let words: [Int32]
    private let bytes: [UInt8]

    init(_ statements: [CompiledStatement]) {
        var gates: [Int32] = []
        var spans: [Int32] = []
        var bytes: [UInt8] = []
        for statement in statements {
            guard let prefixes = statement.resource?.requiredPrefixes, !prefixes.contains(where: \.isEmpty) else {
                gates += [0, -1]
                continue
            }
            gates += [Int32(spans.count), Int32(prefixes.count)]
            for prefix in prefixes {
                spans += [Int32(bytes.count), Int32(prefix.count)]
                bytes += prefix
            }
        }
        let offset = Int32(gates.count)
        for i in stride(from: 0, to: gates.count, by: 2) where gates[i + 1] >= 0 { gates[i] += offset }
        words = gates + spans
        self.bytes = bytes
    }

    /// The gates as unsafe buffers, valid inside `body`.
    func withView<R>(_ body: (View) -> R) -> R {
        words.withUnsafeBufferPointer { words in
            bytes.withUnsafeBufferPointer { bytes in body(View(words: words, bytes: bytes)) }
        }
    }

    struct View {
        let words: UnsafeBufferPointer<Int32>
        let bytes: UnsafeBufferPointer<UInt8>

        /// Whether statement `index` may match the resource whose UTF-8 is `subject`.
        func admits(_ index: Int, _ subject: UnsafeBufferPointer<UInt8>) -> Bool {
            let count = Int(words[2 * index + 1])
            if count < 0 { return true }
            var span = Int(words[2 * index])
            for _ in 0..<count {
                let start = Int(words[span])
                let length = Int(words[span + 1])
                span += 2
                guard subject.count >= length else { continue }
                var i = 0
                while i < length && subject[i] == bytes[start + i] { i += 1 }
                if i == length { return true }
            }
            return false
        }
    }
}
