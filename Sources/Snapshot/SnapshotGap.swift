/// What the snapshot lacks when it cannot describe a layer, named so that many calls made unknown by the same
/// missing data are counted together ("account `5555…` is not in the snapshot: 40 calls").
public enum SnapshotGap: Hashable, Sendable, CustomStringConvertible {
    /// An account with no folder in the snapshot.
    case account(String)
    /// An account's IAM authorization details were not collected or cannot be read.
    case authorizationDetails(account: String)
    /// A bucket neither collected nor listed.
    case bucket(String)
    /// A service's resources in a region of an account were not listed, so absence proves nothing.
    case listing(service: String, region: String, account: String)
    /// The organization's data (or a part of its tree) was not collected.
    case organization
    /// A VPC endpoint no account's `vpc-endpoints.json` lists.
    case vpcEndpoint(String)

    public var description: String {
        switch self {
        case .account(let id): "account `\(id)`"
        case .authorizationDetails(let account): "the authorization details of account `\(account)`"
        case .bucket(let name): "bucket `\(name)`"
        case .listing(let service, let region, let account): "the `\(service)` listing of account `\(account)` in `\(region)`"
        case .organization: "the organization's data"
        case .vpcEndpoint(let id): "VPC endpoint `\(id)`"
        }
    }
}

/// Why a layer is unknown: the text for people, and the snapshot's gap when one is to blame.
/// Two reasons are equal when their texts are, so tests and callers compare what is said.
public struct UnknownReason: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public var text: String
    public var gap: SnapshotGap?

    public init(_ text: String, gap: SnapshotGap? = nil) {
        self.text = text
        self.gap = gap
    }

    public init(stringLiteral value: String) { self.init(value) }

    public init(stringInterpolation: DefaultStringInterpolation) { self.init(String(stringInterpolation: stringInterpolation)) }

    public var description: String { text }

    public static func == (a: UnknownReason, b: UnknownReason) -> Bool { a.text == b.text }

    /// The same gap, said with `prefix` before the text.
    public func prefixed(_ prefix: String) -> UnknownReason { UnknownReason(prefix + text, gap: gap) }
}
