import TrailJSON

/// An inline policy of a user, group or role: its document, or why it could not be decoded.
struct InlinePolicy: Sendable, Equatable {
    var name: String
    var document: JSONValue?
    var origin: String
    /// Why its document is unknown at the time replayed (a change the history cannot undo).
    var problem: String?
}

/// What a user, group or role holds, as `get-account-authorization-details` lists it.
struct IAMEntity: Sendable, Equatable {
    var name: String
    var id: String
    var arn: String
    var path: String
    var inline: [InlinePolicy] = []
    var attached: [String] = []
    var boundaryArn: String?
    var groups: [String] = []
    var tags: [String: String] = [:]
    /// A role's trust policy (`AssumeRolePolicyDocument`): the resource policy of `sts:AssumeRole*`.
    var trustPolicy: JSONValue?
    var trustOrigin = ""
    /// Why the attachments, the boundary or the trust policy are unknown at the time replayed.
    var attachmentsProblem: String?
    var boundaryProblem: String?
    var trustProblem: String?
}

/// A managed policy's default version document (nil when it could not be decoded).
struct ManagedPolicy: Sendable, Equatable {
    var arn: String
    var document: JSONValue?
    var origin: String
    /// Every version's document by version id, for a customer managed policy (what SetDefaultPolicyVersion may
    /// make the default); empty for AWS managed policies, which no customer can change.
    var versions: [String: JSONValue] = [:]
    var problem: String?
}

/// One account's IAM principals and managed policies from `authorization-details.json`.
struct AccountAuthorization: Sendable, Equatable {
    var users: [String: IAMEntity] = [:]
    var groups: [String: IAMEntity] = [:]
    var roles: [String: IAMEntity] = [:]
    var managedPolicies: [String: ManagedPolicy] = [:]
}
