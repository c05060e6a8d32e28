import PolicyLanguage
import TrailJSON

/// Rebuilds the request behind a CloudTrail record: principal, action, resource(s) and request context.
///
/// Only what the record (and the session-issuing records of the same input) says goes in; facts that live in
/// the policy snapshot (principal tags, the organization id, the VPC of an endpoint) are added by the caller.
public struct RequestBuilder: Sendable {
    public let reference: ServiceReference
    private let actions: ActionResolver
    private let templates: ResourceTemplates

    public init(reference: ServiceReference = .bundled) {
        self.reference = reference
        actions = ActionResolver(reference: reference)
        templates = ResourceTemplates(reference: reference)
    }

    /// The request behind `record`. A value longer than AWS allows for its field (`FieldLimit`) is refused once,
    /// here: the request lists it in `refusals`, is unknown when the value decides it (the caller, the action, a
    /// resource, a context key), and leaves AWS's message or the event id out when it is one of those.
    public func build(_ record: JSONValue, sessions: SessionIndex = SessionIndex()) -> RebuiltRequest {
        let caller = CallerIdentity(userIdentity: record["userIdentity"])
        var request = RebuiltRequest(caller: caller)
        var check = FieldCheck(refusals: caller.refusals)
        request.eventID = check.admit(record["eventID"]?.stringValue, "eventID", .eventID, effect: .fieldIgnored)
        request.eventTime = record["eventTime"]?.stringValue
        request.eventSource = record["eventSource"]?.stringValue
        request.eventName = check.admit(record["eventName"]?.stringValue, "eventName", .action)
        request.region = record["awsRegion"]?.stringValue
        request.recipientAccount = check.admit(record["recipientAccountId"]?.stringValue, "recipientAccountId", .accountID)
        request.errorCode = record["errorCode"]?.stringValue
        let message = RequestBuilder.message(record["errorMessage"]?.stringValue, errorCode: request.errorCode,
            check: &check)
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
            request.action = check.admit(actions.action(eventSource: source, eventName: name),
                "the action of eventSource and eventName", .action)
            request.actionSource = .eventSource
        } else if check.refusals.isEmpty {
            request.gaps.append("the record names no eventSource or eventName, so the action is unknown")
        }

        if let action = request.action {
            let locator = ResourceLocator(templates: templates)
            if let located = locator.locate(record: record, action: action, message: message ?? DenyMessage(""),
                region: request.region, account: request.recipientAccount ?? caller.account, check: &check)
            {
                request.resources = located.arns
                request.resourceSource = located.source
                request.resourceAccount = located.account ?? request.recipientAccount
            } else {
                request.gaps.append("cannot rebuild the resource of `\(action)` from this record")
                request.resourceAccount = request.recipientAccount
            }
        }

        switch sessions.match(for: caller) {
        case .issued(let session):
            request.session = session
        case .unusable(let problem):
            request.sessionUnknown = true
            request.sessionProblem = problem
        case .none:
            if caller.kind == .assumedRole || caller.kind == .federatedUser || caller.uniqueID?.session != nil {
                request.sessionUnknown = true
            }
        }
        RequestBuilder.addContext(to: &request, record: record, check: &check)
        request.refusals = check.refusals
        if request.refusalReason != nil {
            // Nothing rebuilt around a refused value is replayed, so nothing of it is reported either.
            request.resources = []
            request.resourceSource = nil
        }
        // A refusal that makes the request unknown is its first gap (the reason shown); an ignored field is a note.
        request.gaps.insert(contentsOf: check.refusals.filter { $0.effect == .requestUnknown }.map(\.reason), at: 0)
        request.gaps += check.refusals.filter { $0.effect == .fieldIgnored }.map { $0.reason + ", so it is left out" }
        return request
    }

    /// AWS's message, parsed; a message longer than any AWS writes, or naming an ARN or action longer than AWS
    /// allows, is left out (the call itself is in the other fields) and an empty one stands in for it.
    static func message(_ text: String?, errorCode: String?, check: inout FieldCheck) -> DenyMessage? {
        let empty = errorCode == nil ? nil : DenyMessage("", errorCode: errorCode)
        guard let text else { return empty }
        guard check.admit(text, "errorMessage", .errorMessage, effect: .fieldIgnored) != nil else {
            return DenyMessage("", errorCode: errorCode)
        }
        let message = DenyMessage(text, errorCode: errorCode)
        let parts: [(String?, String, FieldLimit)] = [
            (message.principal, "the principal in errorMessage", .arn),
            (message.action, "the action in errorMessage", .action),
            (message.resource, "the resource in errorMessage", .arn),
            (message.policyArn, "the policy in errorMessage", .arn),
        ]
        for (value, field, limit) in parts where check.admit(value, field, limit, effect: .fieldIgnored) == nil && value != nil {
            return DenyMessage("", errorCode: errorCode)
        }
        return message
    }

    /// Whether `text` is an IPv4 or IPv6 address (not a service name such as `s3.amazonaws.com`). Address text is
    /// at most 45 characters (an IPv6 address with an IPv4 tail, RFC 4291 section 2.2); longer text is not parsed.
    static func isIPAddress(_ text: String) -> Bool {
        if let dotted = dottedQuad(text) { return dotted }
        // Host names (`ec2.amazonaws.com`, `AWS Internal`) are told apart by their bytes before any parse.
        return text.utf8.count <= 45 && text.utf8.allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
        } && IPAddress(text) != nil
    }

    /// For text of digits and dots only, whether it is an IPv4 address as `IPAddress` reads one (four decimal
    /// parts of one to three digits, each at most 255); nil for any other text, which `IPAddress` decides.
    static func dottedQuad(_ text: String) -> Bool? {
        var parts = 0, value = 0, digits = 0, valid = true
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = min(value * 10 + Int(byte - UInt8(ascii: "0")), 1000)
                digits += 1
                if digits > 3 || value > 255 { valid = false }
            case UInt8(ascii: "."):
                if digits == 0 || parts == 3 { valid = false }
                parts += 1
                value = 0
                digits = 0
            default:
                return nil
            }
        }
        return valid && parts == 3 && digits > 0
    }

    /// The global and service condition keys that a record carries.
    static func addContext(to request: inout RebuiltRequest, record: JSONValue, check: inout FieldCheck) {
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
        let endpoint = check.admit(record["vpcEndpointId"]?.stringValue, "vpcEndpointId", .vpcEndpointID)
        if let endpoint {
            request.set("aws:SourceVpce", [endpoint], from: .record)
            if let ip = sourceIP, isIPAddress(ip) { request.set("aws:VpcSourceIp", [ip], from: .record) }
        } else if let ip = sourceIP, isIPAddress(ip) {
            request.set("aws:SourceIp", [ip], from: .record)
        }
        let viaService = sourceIP.map { $0.hasSuffix(".amazonaws.com") } ?? false || caller.invokedBy != nil && caller.kind != .awsService
        request.set("aws:ViaAWSService", [viaService ? "true" : "false"], from: .record)
        if viaService, let service = (sourceIP?.hasSuffix(".amazonaws.com") == true ? sourceIP : caller.invokedBy) {
            request.set("aws:CalledVia", [service], from: .record)
        }
        if let region = request.region {
            let service = request.action.map { String($0.prefix { $0 != ":" }) } ?? ""
            request.set("aws:RequestedRegion", [GlobalServiceRegion.requested(service: service, recordRegion: region)], from: .record)
        }
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
        let tags = RequestTags.find(in: parameters).filter { tag in
            check.admit(tag.key, "a tag key in requestParameters", .tagKey) != nil
                && check.admit(tag.value, "the value of a tag in requestParameters", .tagValue) != nil
        }
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
                if let prefix = check.admit(parameters["prefix"]?.stringValue, "requestParameters.prefix", .objectKey) {
                    request.set("s3:prefix", [prefix], from: .requestParameters)
                }
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
