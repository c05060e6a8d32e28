import Foundation
import PolicyLanguage
import Replay
import Snapshot
import TrailJSON

/// Remembers the organization layers' decisions (today's and the candidate's) on calls that succeeded, keyed
/// by what those decisions can depend on: the caller, its account and the resource's, the action, the
/// context keys the SCPs and RCPs test, and the resources where a statement or an AWS rule looks at them. A
/// month of calls repeats few such keys, so most calls are judged without assembling or evaluating anything.
final class OrganizationDecisionMemo: @unchecked Sendable {
    /// What a decision depends on, beyond the policies themselves.
    struct Key: Hashable {
        var kind: CallerIdentity.Kind
        var principal: String?
        var roleName: String?
        var account: String?
        var resourceAccount: String?
        var action: String
        var resourceCount: Int
        /// The resources, when a statement names other resources than `*` or the action is one AWS's own
        /// rules look at (IAM and KMS changes).
        var resources: [String]?
        /// The request's values of the context keys the policies test.
        var context: [String: [String]]
    }

    typealias Decisions = (candidate: SnapshotAttributor.OrganizationDecision, today: SnapshotAttributor.OrganizationDecision)

    /// The context keys the policies test, lower-cased, with those the snapshot derives them from.
    private let keys: Set<String>
    private let resourcesMatter: Bool
    private let lock = NSLock()
    private var decisions: [Key: Decisions] = [:]
    /// At most this many decisions are kept; past it the memo starts again (memory stays bounded).
    private let capacity: Int

    /// nil when the policies cannot be keyed this way (a policy variable, which reads any key).
    init?(policies: [PolicySource], capacity: Int = 8_192) {
        var keys: Set<String> = []
        var resourcesMatter = false
        for source in policies {
            if JSONWriter.string(source.document).contains("${") { return nil }
            for statement in Self.statements(source.document) {
                for (_, tests) in statement["Condition"]?.objectValue?.members.map({ ($0.key, $0.value) }) ?? [] {
                    for member in tests.objectValue?.members ?? [] { keys.insert(member.key.lowercased()) }
                }
                if statement["NotResource"] != nil { resourcesMatter = true }
                if let resource = statement["Resource"], resource != "*", resource != ["*"] { resourcesMatter = true }
            }
        }
        // The snapshot adds aws:SourceVpc from the endpoint the record names.
        if keys.contains("aws:sourcevpc") { keys.insert("aws:sourcevpce") }
        self.keys = keys
        self.resourcesMatter = resourcesMatter
        self.capacity = capacity
    }

    private static func statements(_ document: JSONValue) -> [JSONValue] {
        switch document["Statement"] {
        case .array(let list)?: return list
        case let single?: return [single]
        case nil: return []
        }
    }

    func key(_ request: RebuiltRequest, action: String) -> Key {
        var context: [String: [String]] = [:]
        if !keys.isEmpty {
            for (name, values) in request.context where keys.contains(name.lowercased()) { context[name] = values }
        }
        let caller = request.caller
        let rulesLook = action.hasPrefix("iam:") || action.hasPrefix("kms:")
        // A role's sessions share a key: SCPs and RCPs name no principal, and what they test of one is in `context`.
        return Key(kind: caller.kind, principal: caller.entityArn ?? caller.arn ?? caller.principalId ?? caller.invokedBy,
            roleName: caller.roleName, account: caller.account, resourceAccount: request.resourceAccount, action: action,
            resourceCount: request.resources.count, resources: resourcesMatter || rulesLook ? request.resources : nil,
            context: context)
    }

    func decisions(for key: Key, compute: () -> Decisions) -> Decisions {
        lock.lock()
        if let known = decisions[key] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let computed = compute()
        lock.lock()
        if decisions.count >= capacity { decisions.removeAll(keepingCapacity: true) }
        decisions[key] = computed
        lock.unlock()
        return computed
    }
}
