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

    /// The compiled policy, or the parse error naming the policy and its element.
    func compile(_ source: PolicySource) -> Result<CompiledPolicy, PolicyParseError> {
        let key = source.kind.rawValue + "\u{1F}" + source.id
        lock.lock()
        if let hit = compiled[key] {
            lock.unlock()
            return hit
        }
        lock.unlock()
        let result = Result { () throws(PolicyParseError) in try CompiledPolicy.compile(json: source.document, id: source.id) }
        lock.lock()
        compiled[key] = result
        lock.unlock()
        return result
    }

    /// A policy that is not in the snapshot but given inline (a session policy from an AssumeRole record).
    func compile(text: String, id: String) -> Result<CompiledPolicy, PolicyParseError> {
        let key = "inline\u{1F}" + id + "\u{1F}" + text
        lock.lock()
        if let hit = compiled[key] {
            lock.unlock()
            return hit
        }
        lock.unlock()
        let result = Result { () throws(PolicyParseError) in try CompiledPolicy.compile(text: text, id: id) }
        lock.lock()
        compiled[key] = result
        lock.unlock()
        return result
    }

    /// Every policy that failed to parse so far, sorted by policy.
    var failures: [PolicyParseError] {
        lock.lock()
        defer { lock.unlock() }
        return compiled.values.compactMap { result in
            if case .failure(let error) = result { return error }
            return nil
        }.sorted { $0.policy < $1.policy }
    }
}
