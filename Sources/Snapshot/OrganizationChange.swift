import TrailJSON

/// A change to the organization's control policies that `whatif` judges against past calls: a candidate SCP
/// or RCP attached to a root, OU or account, or an attached policy detached from one.
public enum OrganizationChange: Sendable, Equatable {
    case attach(OrganizationPolicyType, name: String, document: JSONValue, to: String)
    case detach(policyID: String, from: String)
}

public enum OrganizationPolicyType: String, Sendable, Equatable {
    case scp = "SERVICE_CONTROL_POLICY"
    case rcp = "RESOURCE_CONTROL_POLICY"
}

/// Why a change cannot be applied to the snapshot.
public struct OrganizationChangeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
}

extension Snapshot {
    /// The snapshot with `changes` applied in order. A candidate policy gets the id `candidate-N` (N from 1)
    /// and keeps its name. Targets must be in the organization's tree: its root, an OU or an account with a
    /// `parents/` file.
    public func applying(_ changes: [OrganizationChange]) throws(OrganizationChangeError) -> Snapshot {
        guard var organization else {
            throw OrganizationChangeError(description: "the snapshot `\(directory)` holds no organization data (`organization/`)")
        }
        var candidates = 0
        for change in changes {
            switch change {
            case .attach(let type, let name, let document, let target):
                try Self.checkTarget(target, in: organization)
                candidates += 1
                let id = "candidate-\(candidates)"
                organization.policies[id] = OrganizationPolicy(id: id, type: type.rawValue, name: name,
                    arn: "candidate:\(id)", document: document, origin: "candidate policy `\(name)`")
                organization.targets[id] = [target]
            case .detach(let policyID, let target):
                try Self.checkTarget(target, in: organization)
                guard organization.targets[policyID]?.contains(target) == true else {
                    throw OrganizationChangeError(description: "policy `\(policyID)` is not attached to `\(target)` in the snapshot")
                }
                organization.targets[policyID]?.remove(target)
            }
        }
        var changed = self
        changed.organization = organization
        return changed
    }

    private static func checkTarget(_ target: String, in organization: OrganizationData) throws(OrganizationChangeError) {
        let roots = Set(organization.parents.values.filter { $0.hasPrefix("r-") })
        guard roots.contains(target) || organization.parents[target] != nil else {
            throw OrganizationChangeError(description: "`\(target)` is not a root, OU or account of the snapshot's organization")
        }
    }
}
