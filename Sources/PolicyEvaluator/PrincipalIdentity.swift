/// What the caller's ARN says about it: kind, account, names; the basis of principal
/// matching and of the context keys a request implies.
public struct PrincipalIdentity: Sendable, Equatable {
    /// The kinds of caller AWS distinguishes in policies.
    public enum Kind: String, Sendable, Equatable {
        case user, role, roleSession, root, federatedUser, service, anonymous, other
    }

    /// What sort of caller this is.
    public var kind: Kind
    /// The principal as given (ARN or service name); empty when anonymous.
    public var arn: String
    /// The ARN partition (`aws`, `aws-cn`, `aws-us-gov`), `aws` when unknown.
    public var partition: String
    /// The caller's account id, when the ARN has one.
    public var account: String?
    /// The user's name, for a user.
    public var userName: String?
    /// The role's name, for a role or role session.
    public var roleName: String?
    /// The session name, for a role session or federated user.
    public var sessionName: String?

    /// Reads a caller from its ARN or service principal name.
    public init(principal: String?) {
        arn = principal ?? ""
        partition = "aws"
        kind = .other
        guard let principal, !principal.isEmpty, principal != "*", principal != "anonymous" else {
            kind = .anonymous
            return
        }
        guard principal.hasPrefix("arn:") else {
            if principal.hasSuffix(".amazonaws.com") || principal.hasSuffix(".amazonaws.com.cn") {
                kind = .service
            } else if principal.count == 12, principal.allSatisfy({ $0.isASCII && $0.isNumber }) {
                kind = .root
                account = principal
                arn = "arn:aws:iam::\(principal):root"
            }
            return
        }
        // Split on bytes: `:` and `/` are ASCII, and a byte scan is several times cheaper than one by characters.
        let parts = principal.utf8.split(separator: UInt8(ascii: ":"), maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6 else { return }
        partition = String(Substring(parts[1]))
        let service = Substring(parts[2])
        account = parts[4].isEmpty ? nil : String(Substring(parts[4]))
        // The resource's path: its first component, the second, what follows the second `/`, and the last.
        let resource = Substring(parts[5])
        let slash = UInt8(ascii: "/")
        let firstSlash = resource.utf8.firstIndex(of: slash)
        let first = firstSlash.map { resource[..<$0] } ?? resource
        let afterFirst = firstSlash.map { resource[resource.utf8.index(after: $0)...] }
        let secondSlash = afterFirst.flatMap { $0.utf8.firstIndex(of: slash) }
        let second = secondSlash.map { afterFirst![..<$0] } ?? afterFirst
        let afterSecond = secondSlash.map { resource[resource.utf8.index(after: $0)...] }
        let last = resource.utf8.lastIndex(of: slash).map { resource[resource.utf8.index(after: $0)...] }
        switch (service, first) {
        case ("iam", "root"):
            kind = .root
        case ("iam", "user") where last != nil:
            kind = .user
            userName = last.map(String.init)
        case ("iam", "role") where last != nil:
            kind = .role
            roleName = last.map(String.init)
        case ("sts", "assumed-role") where afterSecond != nil:
            kind = .roleSession
            roleName = second.map(String.init)
            sessionName = afterSecond.map(String.init)
        case ("sts", "federated-user") where second != nil:
            kind = .federatedUser
            sessionName = second.map(String.init)
        default:
            kind = .other
        }
    }

    /// The ARN AWS reports as `aws:PrincipalArn`: the role (not the session) for a role session.
    public var principalArn: String? {
        switch kind {
        case .roleSession:
            guard let account, let roleName else { return nil }
            return "arn:\(partition):iam::\(account):role/\(roleName)"
        case .user, .role, .root, .federatedUser:
            return arn
        case .service, .anonymous, .other:
            return nil
        }
    }

    /// The value of `aws:PrincipalType`.
    var principalType: String? {
        switch kind {
        case .user: return "User"
        case .roleSession, .role: return "AssumedRole"
        case .root: return "Account"
        case .federatedUser: return "FederatedUser"
        case .service, .anonymous, .other: return nil
        }
    }

    /// Adds the keys the caller implies to `context`, leaving keys the request already carries.
    func deriveContext(into context: inout RequestContext, resourceAccount: String?) {
        if let principalArn { context.setIfAbsent("aws:PrincipalArn", lowercased: "aws:principalarn", [principalArn]) }
        if let account { context.setIfAbsent("aws:PrincipalAccount", lowercased: "aws:principalaccount", [account]) }
        if let principalType { context.setIfAbsent("aws:PrincipalType", lowercased: "aws:principaltype", [principalType]) }
        if kind == .user, let userName { context.setIfAbsent("aws:username", lowercased: "aws:username", [userName]) }
        if kind == .root, let account { context.setIfAbsent("aws:userid", lowercased: "aws:userid", [account]) }
        if kind == .federatedUser, let account, let sessionName {
            context.setIfAbsent("aws:userid", lowercased: "aws:userid", ["\(account):\(sessionName)"])
        }
        if kind == .service {
            context.setIfAbsent("aws:PrincipalIsAWSService", lowercased: "aws:principalisawsservice", ["true"])
            context.setIfAbsent("aws:PrincipalServiceName", lowercased: "aws:principalservicename", [arn])
        } else if kind != .anonymous {
            context.setIfAbsent("aws:PrincipalIsAWSService", lowercased: "aws:principalisawsservice", ["false"])
        }
        if let resourceAccount { context.setIfAbsent("aws:ResourceAccount", lowercased: "aws:resourceaccount", [resourceAccount]) }
    }
}
