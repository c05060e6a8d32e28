import Foundation
import PolicyEvaluator
import PolicyLanguage
import Snapshot
import TrailJSON

/// Compiles each snapshot policy once, however many requests use it, and remembers the ones that do not
/// parse so that each is reported once, by name.
///
/// Snapshot policies are cached for the whole run (the snapshot bounds them); inline session policies, one per
/// session-issuing record of the input, are kept only for the `inlineCapacity` most recently used, so that a long
/// archive or a long `tail` does not keep every session's policy.
final class PolicyCompiler: @unchecked Sendable {
    private let lock = NSLock()
    private var compiled: [String: Result<CompiledPolicy, PolicyParseError>] = [:]
    private var failed: [String: PolicyFailure] = [:]
    private var inline: RecentCache<String, Result<CompiledPolicy, PolicyParseError>>
    /// The compiler of the snapshot itself, which a snapshot of another time shares for every policy but `own`.
    private let shared: PolicyCompiler?
    private let own: Set<String>
    /// Documents of other times by their content, compiled once for every rebuilt snapshot that holds them
    /// (calls of many states share a policy's version); kept for the most recently used only.
    private var versions = RecentCache<Version, Result<CompiledPolicy, PolicyParseError>>(capacity: 256)

    /// A policy's document as of some time: the document itself is the key (compared as a tree, not written out),
    /// hashed once when the key is made rather than at every lookup and insertion.
    private struct Version: Hashable {
        let kind: PolicyKind
        let id: String
        let document: JSONValue
        private let digest: Int

        init(kind: PolicyKind, id: String, document: JSONValue) {
            self.kind = kind
            self.id = id
            self.document = document
            var hasher = Hasher()
            hasher.combine(kind)
            hasher.combine(id)
            hasher.combine(document)
            digest = hasher.finalize()
        }

        func hash(into hasher: inout Hasher) { hasher.combine(digest) }

        static func == (a: Version, b: Version) -> Bool {
            a.digest == b.digest && a.kind == b.kind && a.id == b.id && a.document == b.document
        }
    }

    /// Each inline policy is at most 2,048 characters (`FieldLimit.sessionPolicy`), so the cache stays within
    /// a few megabytes.
    init(inlineCapacity: Int = 512) {
        inline = RecentCache(capacity: inlineCapacity)
        shared = nil
        own = []
    }

    /// A compiler for the snapshot as of another time: the policies whose ids are in `own` (their documents differ
    /// then) are compiled here, every other one by `shared`, once for all times.
    init(sharing shared: PolicyCompiler, own: Set<String>) {
        inline = RecentCache(capacity: 512)
        self.shared = shared
        self.own = own
    }

    /// The number of inline policies held now (at most the capacity).
    var inlineCount: Int { lock.withLock { inline.count } }

    /// The compiled policy, or the parse error naming the policy and its element.
    /// Compiled outside the lock: two threads may race to compile the same policy; both get the same result.
    func compile(_ source: PolicySource) -> Result<CompiledPolicy, PolicyParseError> {
        if let shared, !own.contains(source.id) { return shared.compile(source) }
        let key = source.kind.rawValue + "\u{1F}" + source.id
        if let hit = lock.withLock({ compiled[key] }) { return hit }
        let result = shared?.compileVersion(source)
            ?? Result { () throws(PolicyParseError) in try CompiledPolicy.compile(json: source.document, id: source.id) }
        lock.withLock {
            compiled[key] = result
            if case .failure(let error) = result { failed[key] = PolicyFailure(error: error, origin: source.origin) }
        }
        return result
    }

    /// A policy as of another time, by its content: the same version is compiled once, whichever snapshot of a
    /// time asks.
    private func compileVersion(_ source: PolicySource) -> Result<CompiledPolicy, PolicyParseError> {
        let key = Version(kind: source.kind, id: source.id, document: source.document)
        if let hit = lock.withLock({ versions.value(for: key) }) { return hit }
        let result = Result { () throws(PolicyParseError) in try CompiledPolicy.compile(json: source.document, id: source.id) }
        _ = lock.withLock { versions.insert(result, for: key) }
        return result
    }

    /// A policy that is not in the snapshot but given inline (a session policy from an AssumeRole record).
    func compile(text: String, id: String) -> Result<CompiledPolicy, PolicyParseError> {
        if let shared { return shared.compile(text: text, id: id) }
        let key = id + "\u{1F}" + text
        if let hit = lock.withLock({ inline.value(for: key) }) { return hit }
        let result = Result { () throws(PolicyParseError) in try CompiledPolicy.compile(text: text, id: id) }
        _ = lock.withLock { inline.insert(result, for: key) }
        return result
    }

    private var invalid: [String: [PolicyFailure]] = [:]

    /// Records the statements of a resource-based policy that the evaluator ignores (no `Principal`), once per
    /// policy; `origin` is where the snapshot holds it.
    func noteResourcePolicyProblems(_ policy: CompiledPolicy, origin: String?) {
        guard policy.hasStatementWithoutPrincipal else { return }
        lock.withLock {
            if invalid[policy.id] == nil {
                invalid[policy.id] = policy.resourcePolicyProblems.map { PolicyFailure(error: $0, origin: origin) }
            }
        }
    }

    /// Every snapshot policy that failed to parse so far, the inline ones still held, and every statement ignored
    /// as invalid for its layer, sorted by policy.
    var failures: [PolicyFailure] {
        lock.withLock {
            let inlineFailures = inline.values.compactMap { result -> PolicyFailure? in
                if case .failure(let error) = result { return PolicyFailure(error: error, origin: nil) }
                return nil
            }
            return Array(failed.values) + inlineFailures + invalid.values.flatMap { $0 }
        }.sorted { ($0.error.policy, $0.error.element) < ($1.error.policy, $1.error.element) }
    }
}
