/// The six fields of an ARN, `arn:partition:service:region:account:resource`; the resource keeps its own
/// `:` and `/` separators.
public struct ARN: Sendable, Equatable {
    public var partition: String
    public var service: String
    public var region: String
    public var account: String
    public var resource: String

    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", !parts[1].isEmpty, !parts[2].isEmpty else { return nil }
        partition = String(parts[1])
        service = String(parts[2])
        region = String(parts[3])
        account = String(parts[4])
        resource = String(parts[5])
    }

    /// Whether the ARN names a KMS key (`arn:aws:kms:REGION:ACCOUNT:key/ID`), whose key policy must allow every use.
    public var isKMSKey: Bool { service == "kms" && resource.hasPrefix("key/") }

    /// For an assumed-role session (`arn:aws:sts::A:assumed-role/ROLE/SESSION`), the role's name and the session's.
    public var sessionParts: (role: String, session: String)? {
        guard service == "sts", resource.hasPrefix("assumed-role/") else { return nil }
        let parts = resource.dropFirst("assumed-role/".count).split(separator: "/", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    /// For an assumed-role session, the role's ARN (without its path, which a session ARN does not carry).
    public var sessionRoleArn: String? {
        sessionParts.map { "arn:\(partition):iam::\(account):role/\($0.role)" }
    }
}
