import PolicyLanguage
import TrailJSON

/// Who made a call, as CloudTrail's `userIdentity` describes it.
public struct CallerIdentity: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case iamUser = "IAMUser"
        case assumedRole = "AssumedRole"
        case root = "Root"
        case federatedUser = "FederatedUser"
        case awsAccount = "AWSAccount"
        case awsService = "AWSService"
        case identityCenterUser = "IdentityCenterUser"
        case webIdentityUser = "WebIdentityUser"
        case samlUser = "SAMLUser"
        case unknown = "Unknown"
    }

    public var kind: Kind
    /// The caller's ARN as CloudTrail gives it (a session ARN for assumed roles).
    public var arn: String?
    /// The IAM entity behind the call: the user, or the role (with its path) a session was issued for.
    public var entityArn: String?
    public var account: String?
    /// `principalId`, which is what `aws:userid` holds.
    public var principalId: String?
    public var userName: String?
    public var roleName: String?
    public var sessionName: String?
    public var accessKeyId: String?
    /// For AWS services, the service principal (`invokedBy`).
    public var invokedBy: String?
    public var mfaAuthenticated: Bool?
    /// When the session's credentials were issued (`sessionContext.attributes.creationDate`).
    public var sessionCreated: String?
    public var sourceIdentity: String?
    /// True for an unauthenticated request: CloudTrail writes `"accountId": "anonymous"` with an empty
    /// `principalId` (type `AWSAccount`, or `Unknown`), and no account or principal applies.
    public var isAnonymous = false

    /// Values of `userIdentity` longer than AWS allows, refused and left nil; a caller with any is unknown.
    public var refusals: [FieldRefusal] = []

    /// Reads `userIdentity`; never fails, but leaves unknown parts nil, and refuses values longer than AWS allows
    /// (`FieldLimit`) so that nothing downstream copies them.
    public init(userIdentity value: JSONValue?) {
        let identity = value?.objectValue ?? JSONObject()
        var check = FieldCheck()
        func string(_ key: String, _ limit: FieldLimit) -> String? {
            check.admit(identity[key]?.stringValue, "userIdentity.\(key)", limit)
        }
        kind = Kind(rawValue: identity["type"]?.stringValue ?? "") ?? .unknown
        arn = string("arn", .arn)
        account = string("accountId", .accountID)
        principalId = string("principalId", .principalID)
        accessKeyId = string("accessKeyId", .accessKeyID)
        invokedBy = identity["invokedBy"]?.stringValue
        userName = kind == .iamUser ? string("userName", .userName) : identity["userName"]?.stringValue
        let context = identity["sessionContext"]?.objectValue
        let issuer = context?["sessionIssuer"]?.objectValue
        let attributes = context?["attributes"]?.objectValue
        if let mfa = attributes?["mfaAuthenticated"] {
            mfaAuthenticated = mfa.stringValue.map { $0.lowercased() == "true" } ?? mfa.boolValue
        }
        sessionCreated = attributes?["creationDate"]?.stringValue
        sourceIdentity = check.admit(context?["sourceIdentity"]?.stringValue, "userIdentity.sessionContext.sourceIdentity",
            .sourceIdentity)
        let issuerArn = check.admit(issuer?["arn"]?.stringValue, "userIdentity.sessionContext.sessionIssuer.arn", .arn)
        let issuerName = check.admit(issuer?["userName"]?.stringValue, "userIdentity.sessionContext.sessionIssuer.userName",
            kind == .federatedUser ? .userName : .roleName)
        switch kind {
        case .iamUser:
            entityArn = arn
        case .assumedRole:
            let parts = arn.flatMap(ARN.init)?.sessionParts
            entityArn = issuerArn ?? arn.flatMap(ARN.init)?.sessionRoleArn
            roleName = issuerName ?? check.admit(parts?.role, "the role name in userIdentity.arn", .roleName)
            sessionName = check.admit(parts?.session, "the session name in userIdentity.arn", .sessionName)
            userName = nil
        case .root:
            if arn == nil, check.refusals.isEmpty, let account { arn = "arn:aws:iam::\(account):root" }
            entityArn = arn
        case .federatedUser:
            entityArn = issuerArn
        default:
            entityArn = nil
        }
        if account == nil, let arn { account = ARN(arn)?.account }
        if (kind == .awsAccount || kind == .unknown), account?.lowercased() == "anonymous", (principalId ?? "").isEmpty,
            arn == nil, check.refusals.isEmpty
        {
            isAnonymous = true
            account = nil
            principalId = nil
        }
        refusals = check.refusals
    }

    /// For an `AWSAccount` caller, the unique id of the user or role (`AIDA…`, `AROA…`) and the session name
    /// that follows it in `principalId` (`AROA…:session`).
    public var uniqueID: (id: String, session: String?)? {
        guard kind == .awsAccount, let principalId, principalId.hasPrefix("A") else { return nil }
        let parts = principalId.split(separator: ":", maxSplits: 1)
        guard let id = parts.first, !id.isEmpty else { return nil }
        return (String(id), parts.count == 2 ? String(parts[1]) : nil)
    }

    /// Long-term access keys (AKIA…) carry no MFA context: `aws:MultiFactorAuthPresent` is absent, not false.
    public var usesLongTermKey: Bool { accessKeyId?.hasPrefix("AKIA") == true }
}
