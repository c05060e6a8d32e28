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
        guard principal.hasASCIIPrefix("arn:") else {
            if principal.hasSuffix(".amazonaws.com") || principal.hasSuffix(".amazonaws.com.cn") {
                kind = .service
            } else if principal.count == 12, principal.allSatisfy({ $0.isASCII && $0.isNumber }) {
                kind = .root
                account = principal
                arn = "arn:aws:iam::\(principal):root"
            }
            return
        }
        var text = principal
        text.withUTF8 { parseARN($0) }
    }

    /// Reads `arn:partition:service:region:account:resource` from its bytes (`:` and `/` are ASCII, so a byte scan
    /// splits as a scan by characters would, several times faster); leaves the fields as they are when it has fewer
    /// than six parts.
    private mutating func parseARN(_ b: UnsafeBufferPointer<UInt8>) {
        func colon(after position: Int) -> Int? {
            var i = position + 1
            while i < b.count && b[i] != UInt8(ascii: ":") { i += 1 }
            return i < b.count ? i : nil
        }
        guard let c0 = colon(after: -1), let c1 = colon(after: c0), let c2 = colon(after: c1), let c3 = colon(after: c2),
            let c4 = colon(after: c3)
        else { return }
        let colons = (c0, c1, c2, c3, c4)
        func text(_ from: Int, _ to: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[from..<to]), as: UTF8.self) }
        func equals(_ from: Int, _ to: Int, _ literal: StaticString) -> Bool {
            guard to - from == literal.utf8CodeUnitCount else { return false }
            let l = literal.utf8Start
            for k in 0..<(to - from) where b[from + k] != l[k] { return false }
            return true
        }
        partition = text(colons.0 + 1, colons.1)
        account = colons.4 - colons.3 > 1 ? text(colons.3 + 1, colons.4) : nil
        let (serviceStart, serviceEnd) = (colons.1 + 1, colons.2)
        // The resource's path: its first component, the second, what follows the second `/`, and the last.
        let start = colons.4 + 1
        var slashes: (first: Int?, second: Int?, last: Int?) = (nil, nil, nil)
        for k in start..<b.count where b[k] == UInt8(ascii: "/") {
            if slashes.first == nil { slashes.first = k } else if slashes.second == nil { slashes.second = k }
            slashes.last = k
        }
        let firstEnd = slashes.first ?? b.count
        let iam = equals(serviceStart, serviceEnd, "iam")
        let sts = !iam && equals(serviceStart, serviceEnd, "sts")
        if iam && equals(start, firstEnd, "root") {
            kind = .root
        } else if iam, let last = slashes.last, equals(start, firstEnd, "user") {
            kind = .user
            userName = text(last + 1, b.count)
        } else if iam, let last = slashes.last, equals(start, firstEnd, "role") {
            kind = .role
            roleName = text(last + 1, b.count)
        } else if sts, let first = slashes.first, let second = slashes.second, equals(start, firstEnd, "assumed-role") {
            kind = .roleSession
            roleName = text(first + 1, second)
            sessionName = text(second + 1, b.count)
        } else if sts, let first = slashes.first, equals(start, firstEnd, "federated-user") {
            kind = .federatedUser
            sessionName = text(first + 1, slashes.second ?? b.count)
        }
    }

    /// The ARN AWS reports as `aws:PrincipalArn`: the role (not the session) for a role session.
    public var principalArn: String? {
        switch kind {
        case .roleSession:
            guard let account, let roleName else { return nil }
            return String.roleARN(partition: partition, account: account, roleName: roleName)
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
        if let principalArn { context.setIfAbsent(.principalArn, ContextValues(one: principalArn)) }
        if let account { context.setIfAbsent(.principalAccount, ContextValues(one: account)) }
        if let principalType { context.setIfAbsent(.principalType, ContextValues(one: principalType)) }
        if kind == .user, let userName { context.setIfAbsent(.userName, ContextValues(one: userName)) }
        if kind == .root, let account { context.setIfAbsent(.userID, ContextValues(one: account)) }
        if kind == .federatedUser, let account, let sessionName {
            context.setIfAbsent(.userID, ContextValues(one: "\(account):\(sessionName)"))
        }
        if kind == .service {
            context.setIfAbsent(.principalIsAWSService, ContextValues(one: "true"))
            context.setIfAbsent(.principalServiceName, ContextValues(one: arn))
        } else if kind != .anonymous {
            context.setIfAbsent(.principalIsAWSService, ContextValues(one: "false"))
        }
        if let resourceAccount { context.setIfAbsent(.resourceAccount, ContextValues(one: resourceAccount)) }
    }
}
