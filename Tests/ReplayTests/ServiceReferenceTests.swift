import Foundation
import Testing
import TrailJSON

@testable import Replay

/// The reference keeps each service's actions in sorted byte buffers rather than dictionaries: every action of
/// the bundled JSON is still found under any case, with AWS's spelling and its resource types, and nothing else is.
@Suite struct ServiceReferenceTests {
    static let json: JSONValue? = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/Replay/Resources/iam-reference.json").path
        return FileManager.default.contents(atPath: path).flatMap { try? JSONParser.parse([UInt8]($0)) }
    }()

    @Test func everyActionOfTheJSONIsFoundUnderAnyCase() throws {
        let services = try #require(Self.json?["services"]?.objectValue?.members)
        let reference = ServiceReference.bundled
        var actions = 0
        for service in services {
            let body = try #require(service.value.objectValue)
            let resources = body["resources"]?.objectValue
            for action in body["actions"]?.objectValue?.members ?? [] {
                actions += 1
                let spelled = service.key + ":" + action.key
                #expect(reference.canonicalAction(prefix: service.key.uppercased(), name: action.key.lowercased()) == spelled)
                #expect(reference.canonicalAction(prefix: service.key, name: action.key.uppercased()) == spelled)
                let types = action.value.arrayValue?.compactMap(\.stringValue) ?? []
                let expected = types.compactMap { type -> String? in
                    let name = type.hasSuffix("?") ? String(type.dropLast()) : type
                    return resources?[name]?.stringValue.map { name + "=" + $0 }
                }
                #expect(reference.resourceTemplates(forAction: spelled).map { $0.type + "=" + $0.template } == expected)
            }
        }
        #expect(actions > 20_000)
    }

    @Test(arguments: [("s3", "GetObjectX"), ("s3", "GetObjec"), ("s3", ""), ("nosuchservice", "GetObject"), ("s3", "getobject\u{301}")])
    func otherNamesAreNotFound(prefix: String, name: String) {
        #expect(ServiceReference.bundled.canonicalAction(prefix: prefix, name: name) == nil)
        #expect(ServiceReference.bundled.resourceTemplates(forAction: prefix + ":" + name).isEmpty)
    }
}
