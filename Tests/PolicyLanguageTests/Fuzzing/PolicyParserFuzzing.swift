import PolicyLanguage
import TrailJSON

/// The fuzz entry of `Fuzz/policy-parser` (also run by `FuzzRegressionTests`): parses arbitrary bytes as JSON
/// and as policy text and returns every broken invariant, empty when both parsers behaved.
///
/// Checked: a parse error is a value naming a place inside the text (line and column agreeing with the
/// offset) or the policy and element; parsed JSON written back parses to the same value and the same text;
/// a parsed policy written back (`Statement.json`) parses to the same policy; reading the text and reading its
/// JSON give the same result.
public enum PolicyParserFuzzing {
    static let id = "fuzz-policy"

    public static func check(_ data: UnsafeRawBufferPointer) -> [String] {
        var violations: [String] = []
        var json: JSONValue?
        do {
            let value = try JSONParser.parse(data)
            json = value
            let written = JSONWriter.string(value)
            do {
                let again = try JSONParser.parse(written)
                if again != value { violations.append("JSON written back parses to another value: \(written.prefix(300))") }
                if JSONWriter.string(again) != written { violations.append("JSON written twice differs: \(written.prefix(300))") }
            } catch {
                violations.append("JSON written back does not parse (\(error)): \(written.prefix(300))")
            }
        } catch {
            violations += placed(error, in: data)
        }
        let text = String(decoding: data, as: UTF8.self)
        let fromText = Result { () throws(PolicyParseError) in try PolicyDocument.parse(text: text, id: id) }
        switch fromText {
        case .success(let document):
            violations += roundTrip(document)
        case .failure(let error):
            if error.policy != id || error.message.isEmpty { violations.append("policy error \(error) does not name the policy") }
        }
        // The text holds the JSON itself (not a string or URL encoding of it): both ways agree.
        if let json, case .object = json {
            let fromJSON = Result { () throws(PolicyParseError) in try PolicyDocument.parse(json: json, id: id) }
            if fromJSON != fromText { violations.append("policy from its JSON \(fromJSON) differs from policy from its text \(fromText)") }
        }
        return violations
    }

    /// A JSON error's offset lies in the text and its line and column are those of the offset.
    static func placed(_ error: JSONParseError, in data: UnsafeRawBufferPointer) -> [String] {
        guard error.offset >= 0, error.offset <= data.count else {
            return ["JSON error offset \(error.offset) outside the \(data.count) bytes: \(error)"]
        }
        let before = data[0..<error.offset]
        let line = 1 + before.count(where: { $0 == 0x0A })
        let lineStart = (before.lastIndex(of: 0x0A) ?? -1) + 1
        if error.line != line || error.column != error.offset - lineStart + 1 || error.message.isEmpty {
            return ["JSON error \(error) at offset \(error.offset): expected line \(line), column \(error.offset - lineStart + 1)"]
        }
        return []
    }

    /// The document written back as policy JSON parses to the same document.
    static func roundTrip(_ document: PolicyDocument) -> [String] {
        var members: [JSONObject.Member] = [.init(key: "Version", value: .string(document.version.rawValue))]
        if let policyId = document.policyId { members.append(.init(key: "Id", value: .string(policyId))) }
        members.append(.init(key: "Statement", value: .array(document.statements.map(\.json))))
        let json = JSONValue.object(JSONObject(members))
        do {
            let again = try PolicyDocument.parse(json: json, id: id)
            if again != document { return ["policy written back reads differently: \(JSONWriter.string(json).prefix(300))"] }
        } catch {
            return ["policy written back does not parse (\(error)): \(JSONWriter.string(json).prefix(300))"]
        }
        return []
    }
}
