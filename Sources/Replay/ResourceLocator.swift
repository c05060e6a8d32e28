import PolicyLanguage
import TrailJSON

/// Where a rebuilt part of a request came from, so that `explain` can say it.
public enum Provenance: String, Sendable, Codable {
    case errorMessage = "errorMessage"
    case resources = "resources"
    case requestParameters = "requestParameters"
    case eventSource = "eventSource/eventName"
    case userIdentity = "userIdentity"
    case record = "record"
    case sessionRecord = "session-issuing record"
    case snapshot = "snapshot"
    case actionWithoutResource = "action takes no resource"
}

/// Rebuilds the resource ARN(s) a denied call was about.
struct ResourceLocator {
    let templates: ResourceTemplates
    var reference: ServiceReference { templates.reference }

    struct Located {
        var arns: [String]
        var source: Provenance
        /// The account that owns the resource, when known.
        var account: String?
    }

    /// Parameter names that hold a template variable's value, beyond the variable's own camel-case name.
    static let aliases: [String: [String]] = [
        "ObjectName": ["key"],
        "RoleNameWithPath": ["roleName"],
        "UserNameWithPath": ["userName"],
        "GroupNameWithPath": ["groupName"],
        "PolicyNameWithPath": ["policyName"],
        "InstanceId": ["instanceId", "instanceIds"],
        "VolumeId": ["volumeId"],
        "SnapshotId": ["snapshotId"],
        "ImageId": ["imageId"],
        "SecurityGroupId": ["groupId"],
        "KeyId": ["keyId"],
        "SecretId": ["secretId"],
        "FunctionName": ["functionName"],
        "TableName": ["tableName"],
        "StreamName": ["streamName"],
        "TopicName": ["topicName"],
        "QueueName": ["queueName"],
        "TrailName": ["name", "trailName"],
        "LogGroupName": ["logGroupName"],
        "ParameterNameWithoutLeadingSlash": ["name"],
        "RepositoryName": ["repositoryName"],
        "ClusterName": ["clusterName"],
        "DBInstanceIdentifier": ["dBInstanceIdentifier", "dbInstanceIdentifier"],
    ]

    /// The resource ARNs of the call, from the message, `resources[]` or `requestParameters`. A value longer than
    /// AWS allows for what it holds (an ARN, an object key, a bucket name, an account id) is refused into `check`.
    func locate(record: JSONValue, action: String, message: DenyMessage, region: String?, account: String?,
        check: inout FieldCheck) -> Located?
    {
        let templates = self.templates.templates(forAction: action)
        let owners = record["resources"]?.arrayValue?.enumerated().compactMap { i, item in
            check.admit(item["accountId"]?.stringValue, "resources[\(i)].accountId", .accountID)
        }
        let ownerFromResources = owners?.first
        if let named = message.resource, named.hasPrefix("arn:") {
            return Located(arns: [named], source: .errorMessage, account: ownerAccount(named) ?? ownerFromResources)
        }
        let listed = listedResources(record["resources"], check: &check)
        if !listed.isEmpty {
            let fitting = listed.filter { arn in templates.contains { $0.template.matches(arn) } }
            let chosen = fitting.isEmpty ? listed : fitting
            return Located(arns: chosen, source: .resources, account: ownerFromResources ?? chosen.compactMap(ownerAccount).first)
        }
        let strings = ResourceLocator.strings(in: record["requestParameters"] ?? .null)
        for candidate in templates.sorted(by: { $0.required && !$1.required }) {
            if let arns = fill(candidate.template, strings: strings, region: region, account: account, check: &check),
                !arns.isEmpty
            {
                return Located(arns: arns, source: .requestParameters, account: arns.compactMap(ownerAccount).first ?? account)
            }
        }
        if let named = message.resource, let arn = fromShortForm(named, templates: templates, region: region, account: account) {
            return Located(arns: [arn], source: .errorMessage, account: account)
        }
        if templates.isEmpty && reference.canonicalAction(prefix: String(action.prefix { $0 != ":" }),
            name: String(action.drop { $0 != ":" }.dropFirst())) != nil
        {
            return Located(arns: ["*"], source: .actionWithoutResource, account: account)
        }
        return nil
    }

    private func ownerAccount(_ arn: String) -> String? {
        guard let parsed = ARN(arn), !parsed.account.isEmpty, parsed.account != "aws" else { return nil }
        return parsed.account
    }

    /// `resources[]` ARNs; some hand-made records hold a single string instead of an array.
    private func listedResources(_ value: JSONValue?, check: inout FieldCheck) -> [String] {
        switch value {
        case .array(let items)?:
            return items.enumerated().compactMap { i, item in
                let arn = item["ARN"]?.stringValue ?? item["arn"]?.stringValue
                guard let arn, arn.hasPrefix("arn:") else { return nil }
                return check.admit(arn, "resources[\(i)].ARN", .arn)
            }
        case .string(let text)? where text.hasPrefix("arn:"):
            return check.admit(text, "resources", .arn).map { [$0] } ?? []
        default:
            return []
        }
    }

    /// Fills a template from requestParameters: an ARN-valued parameter of the same shape wins; otherwise each
    /// variable is looked up by name. A list-valued variable (several instance ids) gives several ARNs.
    private func fill(_ template: ARNTemplate, strings: [(key: String, value: String)], region: String?,
        account: String?, check: inout FieldCheck) -> [String]?
    {
        var direct: [String] = []
        for (key, value) in strings where value.hasPrefix("arn:") && template.matches(value) {
            if check.admit(value, "requestParameters.\(ResourceLocator.quotedKey(key))", .arn) != nil { direct.append(value) }
        }
        if !direct.isEmpty { return Array(Set(direct)).sorted() }
        var account = account
        var values: [String: [String]] = [:]
        for variable in template.variables {
            switch variable {
            case "Partition": values[variable] = [ResourceLocator.partition(region)]
            case "Region": values[variable] = region.map { [$0] }
            case "Account": continue
            default:
                let names = [lowerCamel(variable)] + (ResourceLocator.aliases[variable] ?? [])
                var found: [String] = []
                var foundName = ""
                for name in names {
                    found = strings.filter { ResourceLocator.sameASCIIIgnoringCase($0.key, name) }.map(\.value)
                    foundName = name
                    if !found.isEmpty { break }
                }
                if found.isEmpty, variable == "QueueName", let url = strings.first(where: { $0.key == "queueUrl" })?.value,
                    let (owner, queue) = ResourceLocator.queueURLParts(url)
                {
                    found = [queue]
                    foundName = "queueUrl"
                    account = owner
                }
                guard !found.isEmpty else { return nil }
                let limit = ResourceLocator.limits[variable] ?? .arn
                guard check.admitAll(found, { _ in "requestParameters.\(foundName)" }, limit) else { return nil }
                // A value that is a full ARN of another shape does not fill a name.
                values[variable] = found.map { value in
                    if variable.hasSuffix("WithPath"), value.hasPrefix("/") { return String(value.dropFirst()) }
                    return value
                }
            }
        }
        if template.variables.contains("Account") {
            guard let account else { return nil }
            values["Account"] = [account]
        }
        var results: [String] = []
        let multi = values.first { $0.value.count > 1 }
        for element in multi?.value ?? [""] {
            let arn = template.fill { name in
                if let multi, name == multi.key { return element }
                return values[name]?.first
            }
            if let arn = check.admit(arn, "the ARN rebuilt from requestParameters", .arn) { results.append(arn) }
        }
        return results
    }

    /// The limits of template variables that AWS caps below an ARN's length.
    static let limits: [String: FieldLimit] = ["ObjectName": .objectKey, "BucketName": .bucketName]

    /// `https://sqs.REGION.amazonaws.com/ACCOUNT/QUEUE` → account and queue name, without splitting the whole URL.
    static func queueURLParts(_ url: String) -> (account: String, queue: String)? {
        var rest = Substring(url)
        while rest.hasSuffix("/") { rest = rest.dropLast() }
        guard let last = rest.lastIndex(of: "/") else { return nil }
        let queue = rest[rest.index(after: last)...]
        var head = rest[..<last]
        while head.hasSuffix("/") { head = head.dropLast() }
        let owner = head[(head.lastIndex(of: "/").map(head.index(after:)) ?? head.startIndex)...]
        guard !queue.isEmpty, !owner.isEmpty else { return nil }
        return (String(owner), String(queue))
    }

    /// Whether `key` equals `name` ignoring ASCII case, without allocating (a key of another length is rejected at once).
    static func sameASCIIIgnoringCase(_ key: String, _ name: String) -> Bool {
        guard key.utf8.count == name.utf8.count else { return false }
        return zip(key.utf8, name.utf8).allSatisfy { $0.asciiLowercased == $1.asciiLowercased }
    }

    /// A parameter name for a diagnostic: the record's own, unless it is too long to print.
    static func quotedKey(_ key: String) -> String {
        key.utf8.count <= 64 ? key : "(a \(FieldRefusal.grouped(key.utf8.count))-byte key)"
    }

    /// `role prod-app` or `prod/db/password`: the short forms some messages use.
    private func fromShortForm(_ text: String, templates: [(type: String, template: ARNTemplate, required: Bool)],
        region: String?, account: String?) -> String?
    {
        let words = text.split(separator: " ", maxSplits: 1).map(String.init)
        let (type, name): (String?, String) = words.count == 2 ? (words[0], words[1]) : (nil, text)
        for candidate in templates where type == nil || candidate.type == type {
            let open = candidate.template.variables.filter { !["Partition", "Region", "Account"].contains($0) }
            guard open.count == 1 else { continue }
            let filled = candidate.template.fill { variable in
                switch variable {
                case "Partition": return ResourceLocator.partition(region)
                case "Region": return region
                case "Account": return account
                default: return name
                }
            }
            if let filled { return filled }
        }
        return nil
    }

    /// The partition of a Region (`cn-north-1` → `aws-cn`); the commercial one when none is given.
    static func partition(_ region: String?) -> String {
        guard let region else { return "aws" }
        if region.hasPrefix("cn-") { return "aws-cn" }
        if region.hasPrefix("us-gov-") { return "aws-us-gov" }
        if region.hasPrefix("us-isob-") { return "aws-iso-b" }
        if region.hasPrefix("us-iso-") { return "aws-iso" }
        return "aws"
    }

    private func lowerCamel(_ name: String) -> String {
        var base = name
        for suffix in ["WithPath", "WithoutLeadingSlash"] where base.hasSuffix(suffix) {
            base = String(base.dropLast(suffix.count))
        }
        guard let first = base.first else { return base }
        return first.lowercased() + base.dropFirst()
    }

    /// Every string (or number) value under requestParameters with the key it sits under, depth first.
    static func strings(in value: JSONValue, key: String = "", depth: Int = 0) -> [(key: String, value: String)] {
        guard depth < 8 else { return [] }
        switch value {
        case .string(let s): return [(key, s)]
        case .number(let n): return [(key, n)]
        case .array(let items): return items.flatMap { strings(in: $0, key: key, depth: depth + 1) }
        case .object(let object): return object.members.flatMap { strings(in: $0.value, key: $0.key, depth: depth + 1) }
        default: return []
        }
    }
}
