import PolicyLanguage
import Foundation
import PolicyEvaluator
import Testing
import TrailJSON

/// One case of the JSON corpus: a request, its layers, and the decision AWS would reach.
struct CorpusCase: Sendable, CustomTestStringConvertible {
    var file: String
    var name: String
    var json: JSONValue

    var testDescription: String { "\(file): \(name)" }

    /// Every case in `Corpus/*.json`; a file holds one case object or an array of them.
    static func all() -> [CorpusCase] {
        guard let directory = Bundle.module.url(forResource: "Corpus", withExtension: nil),
            let files = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
        else { return [] }
        var cases: [CorpusCase] = []
        for file in files.sorted() where file.hasSuffix(".json") {
            let url = directory.appendingPathComponent(file)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            do {
                let json = try JSONParser.parse(text)
                let list = json.arrayValue ?? [json]
                for (i, element) in list.enumerated() {
                    cases.append(CorpusCase(file: file, name: element["name"]?.stringValue ?? "#\(i)", json: element))
                }
            } catch {
                cases.append(CorpusCase(file: file, name: "unparseable: \(error)", json: .null))
            }
        }
        return cases
    }
}

@Suite struct CorpusTests {
    @Test func corpusIsPresent() {
        #expect(CorpusCase.all().count >= 140)
    }

    @Test(arguments: CorpusCase.all())
    func decidesLikeAWS(entry: CorpusCase) throws {
        let simulation = try SimulationCase.parse(json: entry.json)
        let expect = try #require(entry.json["expect"]?.objectValue, "case needs `expect`")
        let decision = Authorizer().evaluate(request: simulation.request, policies: simulation.policies)
        #expect(decision.decision.rawValue == expect["decision"]?.stringValue, "\(decision.explanation)")

        let expectedDenies = (expect["denies"]?.arrayValue ?? []).map(Self.denyLabel)
        #expect(decision.denies.map(Self.label) == expectedDenies, "\(decision.explanation)")

        let expectedMissing = (expect["missingAllows"]?.arrayValue ?? []).map(Self.layerLabel)
        #expect(decision.missingAllows.map { Self.label($0.layer, $0.level) } == expectedMissing, "\(decision.explanation)")

        let expectedRules = (expect["rules"]?.arrayValue ?? []).compactMap(\.stringValue)
        #expect(decision.rules.map(\.kind.rawValue) == expectedRules, "\(decision.explanation)")
        for fragment in (expect["diagnostics"]?.arrayValue ?? []).compactMap(\.stringValue) {
            #expect(decision.diagnostics.contains { $0.contains(fragment) }, "\(decision.diagnostics)")
        }
        if let context = expect["missingContext"]?.arrayValue {
            #expect(decision.missingContext == context.compactMap(\.stringValue))
        }
        for (i, deny) in (expect["denies"]?.arrayValue ?? []).enumerated() {
            guard let conditions = deny["conditions"]?.arrayValue, i < decision.denies.count else { continue }
            let actual = decision.denies[i].conditions.map { "\($0.operator) \($0.key) \($0.result)" }
            let wanted = conditions.map {
                "\($0["operator"]?.stringValue ?? "") \($0["key"]?.stringValue ?? "") \($0["result"]?.boolValue ?? true)"
            }
            #expect(actual == wanted)
        }
    }

    /// Files whose every case names the AWS page it follows in `source`.
    static let citedFiles: Set<String> = ["aws-service-rules.json"]

    @Test(arguments: CorpusCase.all().filter { citedFiles.contains($0.file) })
    func citesItsAWSPage(entry: CorpusCase) {
        let source = entry.json["source"]?.stringValue ?? ""
        #expect(source.hasPrefix("https://docs.aws.amazon.com/") || source.hasPrefix("https://repost.aws/"), "\(entry.name)")
    }

    static func label(_ layer: PolicyLayer, _ level: Int?) -> String {
        level.map { "\(layer.rawValue)@\($0)" } ?? layer.rawValue
    }

    static func label(_ deny: DenyReason) -> String {
        "\(label(deny.layer, deny.level)) \(deny.policy) \(deny.statement)"
    }

    static func layerLabel(_ json: JSONValue) -> String {
        let layer = json["layer"]?.stringValue ?? json.stringValue ?? "?"
        if case .number(let level)? = json["level"] { return "\(layer)@\(level)" }
        return layer
    }

    static func denyLabel(_ json: JSONValue) -> String {
        "\(layerLabel(json)) \(json["policy"]?.stringValue ?? "?") \(json["statement"]?.stringValue ?? "?")"
    }
}
