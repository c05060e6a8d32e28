import TrailJSON

/// A change to a policy that decided a call (or would have), made between the call and the snapshot, as a
/// result names it: `{"time", "eventName", "eventID", "by", "policy"}`.
public struct PolicyChangeNote: Sendable, Equatable {
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    public var time: String
    public var eventName: String
    public var eventID: String?
    /// The ARN of the caller who made the change.
    public var by: String?
    /// The policy as results name it (a deny's `policy`), or the policy attached or detached.
    public var policy: String

    public init(time: String, eventName: String, eventID: String?, by: String?, policy: String) {
        self.time = time
        self.eventName = eventName
        self.eventID = eventID
        self.by = by
        self.policy = policy
    }

    public var json: JSONValue {
        ["time": .string(time), "eventName": .string(eventName), "eventID": eventID.map(JSONValue.string) ?? .null,
         "by": by.map(JSONValue.string) ?? .null, "policy": .string(policy)]
    }

    public init?(json value: JSONValue) {
        guard let time = value["time"]?.stringValue, let eventName = value["eventName"]?.stringValue,
            let policy = value["policy"]?.stringValue
        else { return nil }
        self.init(time: time, eventName: eventName, eventID: value["eventID"]?.stringValue, by: value["by"]?.stringValue,
            policy: policy)
    }

    /// `fixed at 09:30 by arn:…:user/admin (PutUserPolicy)`.
    public var fixedText: String {
        let clock = time.utf8.count >= 16 ? String(time.dropFirst(11).prefix(5)) : time
        return "fixed at \(clock) by \(by ?? "an unknown caller") (\(eventName))"
    }
}

extension Attribution {
    /// For a reproduced deny, the change after the call that fixed it: one to a denying policy for an explicit
    /// deny, any change to its layers for an implicit deny.
    public var fixedBy: PolicyChangeNote? {
        guard reproduced, let eventTime else { return nil }
        let later = policyChanges.filter { $0.time > eventTime }
        if decision == .explicitDeny {
            let denying = Set(denies.map(\.policy))
            return later.first { denying.contains($0.policy) }
        }
        return later.first
    }
}
