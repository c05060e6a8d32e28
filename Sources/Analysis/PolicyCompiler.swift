import Foundation
import PolicyEvaluator
import PolicyLanguage
import Snapshot
import TrailJSON

/// Compiles each snapshot policy once, however many requests use it, and remembers the ones that do not
/// parse so that each is reported once, by name.
final class PolicyCompiler: @unchecked Sendable {
    private let lock = NSLock()
    private var compiled: [String: Result<CompiledPolicy, PolicyParseError>] = [:]
    private var failed: [String: PolicyFailure] = [:]

    /// The compiled policy, or the parse error naming the policy and its element.
    func compile(_ source: PolicySource) -> Result<CompiledPolicy, PolicyParseError> {
        cached(source.kind.rawValue + "\u{1F}" + source.id, origin: source.origin) { () throws(PolicyParseError) in
            try CompiledPolicy.compile(json: source.document, id: source.id)
        }
    }

    /// A policy that is not in the snapshot but given inline (a session policy from an AssumeRole record).
    func compile(text: String, id: String) -> Result<CompiledPolicy, PolicyParseError> {
        cached("inline\u{1F}" + id + "\u{1F}" + text, origin: nil) { () throws(PolicyParseError) in
            try CompiledPolicy.compile(text: text, id: id)
        }
    }

    /// Compiles outside the lock (two threads may race to compile the same policy; both get the same result).
    private func cached(_ key: String, origin: String?,
        _ make: () throws(PolicyParseError) -> CompiledPolicy) -> Result<CompiledPolicy, PolicyParseError>
    {
        if let hit = lock.withLock({ compiled[key] }) { return hit }
        let result = Result { () throws(PolicyParseError) in try make() }
        lock.withLock {
            compiled[key] = result
            if case .failure(let error) = result { failed[key] = PolicyFailure(error: error, origin: origin) }
        }
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

    /// Every policy that failed to parse so far, and every statement ignored as invalid for its layer, sorted by
    /// policy.
    var failures: [PolicyFailure] {
        lock.withLock { Array(failed.values) + invalid.values.flatMap { $0 } }
            .sorted { ($0.error.policy, $0.error.element) < ($1.error.policy, $1.error.element) }
    }
}
