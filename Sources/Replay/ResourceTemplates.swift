import Foundation

/// The ARN templates of each action, compiled once per action and shared by every request (and thread) of a
/// run: a month of calls repeats a few hundred actions, and compiling a template costs more than using it.
final class ResourceTemplates: @unchecked Sendable {
    typealias Entry = (type: String, template: ARNTemplate, required: Bool)

    let reference: ServiceReference
    private let lock = NSLock()
    private var byAction: [String: [Entry]] = [:]

    init(reference: ServiceReference) {
        self.reference = reference
    }

    /// The compiled templates of `action`; the cache holds at most one entry per action the reference lists,
    /// and actions it does not list cost nothing to keep (an empty list).
    func templates(forAction action: String) -> [Entry] {
        if let known = lock.withLock({ byAction[action] }) { return known }
        let compiled = reference.resourceTemplates(forAction: action).map { ($0.type, ARNTemplate($0.template), $0.required) }
        // A record's action is bounded by its field limit; unlisted ones are not kept, so records cannot fill it.
        if !compiled.isEmpty { lock.withLock { byAction[action] = compiled } }
        return compiled
    }
}
