import PolicyLanguage
import TrailJSON

/// Rebuilds the request behind a CloudTrail record: principal, action, resource(s) and request context.
///
/// Only what the record (and the session-issuing records of the same input) says goes in; facts that live in
/// the policy snapshot (principal tags, the organization id, the VPC of an endpoint) are added by the caller.
public struct RequestBuilder: Sendable {
    public var reference: ServiceReference
    private let actions: ActionResolver

    public init(reference: ServiceReference = .bundled) {
        self.reference = reference
        actions = ActionResolver(reference: reference)
    }

    public func build(_ record: JSONValue, sessions: SessionIndex = SessionIndex()) -> RebuiltRequest {
        let caller = CallerIdentity(userIdentity: record["userIdentity"])
        var request = RebuiltRequest(caller: caller)
        request.eventID = record["eventID"]?.stringValue
        request.eventTime = record["eventTime"]?.stringValue
        request.eventSource = record["eventSource"]?.stringValue
        request.eventName = record["eventName"]?.stringValue
        request.region = record["awsRegion"]?.stringValue
        request.recipientAccount = record["recipientAccountId"]?.stringValue
        request.errorCode = record["errorCode"]?.stringValue
        let message = (record["errorMessage"]?.stringValue ?? (request.errorCode == nil ? nil : ""))
            .map { DenyMessage($0, errorCode: request.errorCode) }
        request.message = message

        // Action: what AWS named in its message wins over what the event name implies.
        // A named action the reference does not know, in a service it does know, is not trusted (some
        // hand-made records say `iam:Action`).
        let parts = message?.action?.split(separator: ":", maxSplits: 1).map(String.init) ?? []
        let known = parts.count == 2 ? reference.canonicalAction(prefix: parts[0], name: parts[1]) : nil
        let trusted = parts.count == 2 && (known != nil || reference.services[parts[0].lowercased()] == nil)
        if trusted, let named = message?.action {
            request.action = known ?? named
            request.actionSource = .errorMessage
        } else if let source = request.eventSource, let name = request.eventName {
            if let named = message?.action {
                request.gaps.append("the message names `\(named)`, which AWS's reference does not list; using the event name")
            }
            request.action = actions.action(eventSource: source, eventName: name)
            request.actionSource = .eventSource
        } else {
            request.gaps.append("the record names no eventSource or eventName, so the action is unknown")
        }

        if let action = request.action {
            let locator = ResourceLocator(reference: reference)
            if let located = locator.locate(record: record, action: action, message: message ?? DenyMessage(""),
                region: request.region, account: request.recipientAccount ?? caller.account)
            {
                request.resources = located.arns
                request.resourceSource = located.source
                request.resourceAccount = located.account ?? request.recipientAccount
            } else {
                request.gaps.append("cannot rebuild the resource of `\(action)` from this record")
                request.resourceAccount = request.recipientAccount
            }
        }

        if let session = sessions.session(for: caller) {
            request.session = session
        } else if caller.kind == .assumedRole || caller.kind == .federatedUser || caller.uniqueID?.session != nil {
            request.sessionUnknown = true
        }
        RequestBuilder.addContext(to: &request, record: record)
        return request
    }

    /// The global and service condition keys that a record carries.
    static func addContext(to request: inout RebuiltRequest, record: JSONValue) {
        let caller = request.caller
        if let entity = caller.entityArn { request.set("aws:PrincipalArn", [entity], from: .userIdentity) }
        if let account = caller.account { request.set("aws:PrincipalAccount", [account], from: .userIdentity) }
        let principalType: String?
        switch caller.kind {
        case .iamUser: principalType = "User"
        case .assumedRole: principalType = "AssumedRole"
        case .root: principalType = "Account"
        case .federatedUser: principalType = "FederatedUser"
        default: principalType = nil
        }
        if let principalType { request.set("aws:PrincipalType", [principalType], from: .userIdentity) }
        if let id = caller.principalId { request.set("aws:userid", [id], from: .userIdentity) }
        if caller.kind == .iamUser, let name = caller.userName { request.set("aws:username", [name], from: .userIdentity) }
        // An anonymous request carries no principal keys at all.
        if !caller.isAnonymous {
            request.set("aws:PrincipalIsAWSService", [caller.kind == .awsService ? "true" : "false"], from: .userIdentity)
        }
        if caller.kind == .awsService, let service = caller.invokedBy {
            request.set("aws:PrincipalServiceName", [service], from: .userIdentity)
        }

        // MFA: long-term keys carry no MFA context at all, which is not the same as false.
        if !caller.usesLongTermKey, let mfa = caller.mfaAuthenticated {
            request.set("aws:MultiFactorAuthPresent", [mfa ? "true" : "false"], from: .userIdentity)
            if mfa, let created = caller.sessionCreated.flatMap(PolicyDate.epochSeconds),
                let now = request.eventTime.flatMap(PolicyDate.epochSeconds)
            {
                request.set("aws:MultiFactorAuthAge", [String(max(Int(now - created), 0))], from: .userIdentity)
            }
        }
        if let created = caller.sessionCreated { request.set("aws:TokenIssueTime", [created], from: .userIdentity) }
        if let identity = caller.sourceIdentity { request.set("aws:SourceIdentity", [identity], from: .userIdentity) }

        // Network: aws:SourceIp only for public calls; through a VPC endpoint the address is aws:VpcSourceIp.
        let sourceIP = record["sourceIPAddress"]?.stringValue
        let endpoint = record["vpcEndpointId"]?.stringValue
        if let endpoint {
            request.set("aws:SourceVpce", [endpoint], from: .record)
            if let ip = sourceIP, IPAddressText.isIPAddress(ip) { request.set("aws:VpcSourceIp", [ip], from: .record) }
        } else if let ip = sourceIP, IPAddressText.isIPAddress(ip) {
            request.set("aws:SourceIp", [ip], from: .record)
        }
        let viaService = sourceIP.map { $0.hasSuffix(".amazonaws.com") } ?? false || caller.invokedBy != nil && caller.kind != .awsService
        request.set("aws:ViaAWSService", [viaService ? "true" : "false"], from: .record)
        if viaService, let service = (sourceIP?.hasSuffix(".amazonaws.com") == true ? sourceIP : caller.invokedBy) {
            request.set("aws:CalledVia", [service], from: .record)
        }
        if let region = request.region { request.set("aws:RequestedRegion", [region], from: .record) }
        if let time = request.eventTime {
            request.set("aws:CurrentTime", [time], from: .record)
            if let epoch = PolicyDate.epochSeconds(time) { request.set("aws:EpochTime", [String(Int(epoch))], from: .record) }
        }
        if record["tlsDetails"]?.objectValue != nil || record["additionalEventData"]?["CipherSuite"] != nil {
            request.set("aws:SecureTransport", ["true"], from: .record)
        }
        if let account = request.resourceAccount { request.set("aws:ResourceAccount", [account], from: .record) }

        // Tags the request sets, as services put them in requestParameters.
        let parameters = record["requestParameters"] ?? .null
        let tags = RequestTags.find(in: parameters)
        if !tags.isEmpty {
            request.set("aws:TagKeys", tags.map(\.key), from: .requestParameters)
            for (key, value) in tags { request.set("aws:RequestTag/\(key)", [value], from: .requestParameters) }
        }
        // Session tags become principal tags for the session (the snapshot supplies the rest).
        for (key, value) in request.session?.tags ?? [:] {
            request.set("aws:PrincipalTag/\(key)", [value], from: .sessionRecord)
        }

        // Service keys.
        if let prefix = request.action?.split(separator: ":").first {
            switch prefix {
            case "ec2":
                if let type = parameters["instanceType"]?.stringValue { request.set("ec2:InstanceType", [type], from: .requestParameters) }
                if let region = request.region { request.set("ec2:Region", [region], from: .record) }
            case "s3":
                if let prefix = parameters["prefix"]?.stringValue { request.set("s3:prefix", [prefix], from: .requestParameters) }
                if let acl = parameters["x-amz-acl"]?.stringValue { request.set("s3:x-amz-acl", [acl], from: .requestParameters) }
                if let account = request.resourceAccount { request.set("s3:ResourceAccount", [account], from: .record) }
            default:
                break
            }
        }
    }
}

/// Tags a request sets, wherever the service puts them: `tags` as a list of key/value pairs or a map, EC2's
/// `tagSpecificationSet`, and `tagSet`.
enum RequestTags {
    static func find(in parameters: JSONValue) -> [(key: String, value: String)] {
        var found: [(String, String)] = []
        var seen = Set<String>()
        func add(_ key: String, _ value: String) {
            if seen.insert(key).inserted { found.append((key, value)) }
        }
        func pairs(_ value: JSONValue?) {
            switch value {
            case .array(let items)?:
                for item in items {
                    if let key = item["key"]?.stringValue ?? item["Key"]?.stringValue {
                        add(key, item["value"]?.stringValue ?? item["Value"]?.stringValue ?? "")
                    }
                }
            case .object(let object)?:
                if let items = object["items"] ?? object["Items"] {
                    pairs(items)
                } else {
                    for member in object.members { add(member.key, member.value.stringValue ?? "") }
                }
            default:
                break
            }
        }
        guard let object = parameters.objectValue else { return [] }
        for name in ["tags", "Tags", "tagSet", "TagSet", "tagList"] { pairs(object[name]) }
        for spec in object["tagSpecificationSet"]?["items"]?.arrayValue ?? object["tagSpecifications"]?.arrayValue ?? [] {
            pairs(spec["tags"] ?? spec["Tags"] ?? spec["tagSet"])
        }
        return found
    }
}

/// Text that is an IPv4 or IPv6 address (not a service name such as `s3.amazonaws.com`).
enum IPAddressText {
    static func isIPAddress(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 4 && parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) && (Int($0) ?? 256) < 256 }) {
            return true
        }
        return text.contains(":") && text.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
    }
}
