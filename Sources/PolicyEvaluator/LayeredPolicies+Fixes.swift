import PolicyLanguage
import TrailJSON

extension LayeredPolicies {
    /// The policies of `layer` (at `level` for scp and rcp), nil when the layer does not apply.
    public func policies(of layer: PolicyLayer, level: Int? = nil) -> [CompiledPolicy]? {
        switch layer {
        case .identity: return identity
        case .resource: return resource
        case .permissionsBoundary: return permissionsBoundary
        case .session: return session
        case .vpcEndpoint: return vpcEndpoint
        case .scp: return level.flatMap { scp?.indices.contains($0) == true ? scp?[$0] : nil }
        case .rcp: return level.flatMap { rcp?.indices.contains($0) == true ? rcp?[$0] : nil }
        }
    }

    /// The statement a deny names.
    public func statement(of deny: DenyReason) -> Statement? {
        policies(of: deny.layer, level: deny.level)?.first { $0.id == deny.policy }?.document.statements
            .first { $0.index == deny.statementIndex }
    }

    /// The policies as they would be with `fix` applied: a new statement added as a policy of its own in its
    /// layer (or level), an existing statement replaced or removed. A meet-condition fix changes the request,
    /// not the policies, and leaves them as they are.
    public func applying(_ fix: Fix) throws(PolicyParseError) -> LayeredPolicies {
        var out = self
        switch fix.change {
        case .meetCondition:
            return out
        case .addStatement:
            guard let statement = fix.statement else { return out }
            let added = try CompiledPolicy.compile(
                json: ["Version": "2012-10-17", "Statement": [statement]], id: "fix: \(fix.policy)")
            out.update(fix.layer, level: fix.level) { $0.append(added) }
        case .editStatement, .removeStatement:
            guard let target = fix.target else { return out }
            var failure: PolicyParseError?
            out.update(fix.layer, level: fix.level) { list in
                guard let i = list.firstIndex(where: { $0.id == target.policy }) else { return }
                let document = list[i].document
                var statements = document.statements.map(\.json)
                guard let position = document.statements.firstIndex(where: { $0.index == target.index }) else { return }
                if fix.change == .removeStatement {
                    statements.remove(at: position)
                } else if let edited = fix.statement {
                    statements[position] = edited
                }
                let json: JSONValue = ["Version": .string(document.version.rawValue), "Statement": .array(statements)]
                switch Result(catching: { () throws(PolicyParseError) in try CompiledPolicy.compile(json: json, id: document.id) }) {
                case .success(let policy): list[i] = policy
                case .failure(let error): failure = error
                }
            }
            if let failure { throw failure }
        }
        return out
    }

    /// Changes the policy list of a layer (or level), creating it when the layer had none.
    mutating func update(_ layer: PolicyLayer, level: Int?, _ change: (inout [CompiledPolicy]) -> Void) {
        func edit(_ list: inout [CompiledPolicy]?) {
            var policies = list ?? []
            change(&policies)
            list = policies
        }
        func editLevel(_ levels: inout [[CompiledPolicy]]?) {
            guard let level, var all = levels, all.indices.contains(level) else { return }
            change(&all[level])
            levels = all
        }
        switch layer {
        case .identity: edit(&identity)
        case .resource: edit(&resource)
        case .permissionsBoundary: edit(&permissionsBoundary)
        case .session: edit(&session)
        case .vpcEndpoint: edit(&vpcEndpoint)
        case .scp: editLevel(&scp)
        case .rcp: editLevel(&rcp)
        }
    }
}
