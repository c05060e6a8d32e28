import PolicyLanguage
import TrailJSON

/// One change that would remove one blocker of a denied request: a statement to add, edit or remove, or a
/// condition the call would have to meet.
public struct Fix: Sendable, Equatable {
    /// The kinds of change; raw values are the report tokens.
    public enum Change: String, Sendable, Equatable, CaseIterable {
        case addStatement = "add-statement"
        case editStatement = "edit-statement"
        case removeStatement = "remove-statement"
        case meetCondition = "meet-condition"
    }

    /// Which statement of which policy a fix changes, for the changes to an existing statement.
    public struct Target: Sendable, Equatable {
        /// The caller's identifier of the policy, as in the decision's denies.
        public var policy: String
        /// The statement's position in the policy, from 0.
        public var index: Int
        /// Its Sid, or `Statement[i]`.
        public var label: String

        public init(policy: String, index: Int, label: String) {
            self.policy = policy
            self.index = index
            self.label = label
        }
    }

    public var layer: PolicyLayer
    /// The organization level (0 = root) for `scp` and `rcp`.
    public var level: Int?
    /// The policy to change, or for a new statement the principal, resource or organization target to attach
    /// it to (`arn:aws:iam::…:role/app`, `arn:aws:s3:::bucket`, `ou-…`).
    public var policy: String
    public var change: Change
    /// For add-statement the complete statement to add, for edit-statement the statement as it should read;
    /// nil otherwise.
    public var statement: JSONValue?
    /// The existing statement the fix is about (edit, remove, meet-condition).
    public var target: Target?
    /// For meet-condition, the request keys and values the call would have to carry.
    public var requestContext: [String: [String]]
    /// What to do, in one sentence.
    public var detail: String

    public init(
        layer: PolicyLayer, level: Int? = nil, policy: String, change: Change, statement: JSONValue? = nil,
        target: Target? = nil, requestContext: [String: [String]] = [:], detail: String
    ) {
        self.layer = layer
        self.level = level
        self.policy = policy
        self.change = change
        self.statement = statement
        self.target = target
        self.requestContext = requestContext
        self.detail = detail
    }

    /// The report shape: `{"layer", "level"?, "policy", "change", "statement", "requestContext"?, "detail"}`;
    /// `statement` is the statement's JSON for add and edit, its Sid (or `Statement[i]`) for remove and
    /// meet-condition.
    public var json: JSONValue {
        var members: [JSONObject.Member] = [.init(key: "layer", value: .string(layer.rawValue))]
        if let level { members.append(.init(key: "level", value: .number(String(level)))) }
        members.append(.init(key: "policy", value: .string(policy)))
        members.append(.init(key: "change", value: .string(change.rawValue)))
        members.append(.init(key: "statement", value: statement ?? target.map { JSONValue.string($0.label) } ?? .null))
        if !requestContext.isEmpty {
            let context = requestContext.sorted { $0.key < $1.key }.map {
                JSONObject.Member(key: $0.key, value: .array($0.value.map(JSONValue.string)))
            }
            members.append(.init(key: "requestContext", value: .object(JSONObject(context))))
        }
        members.append(.init(key: "detail", value: .string(detail)))
        return .object(JSONObject(members))
    }
}
