import PolicyLanguage
/// What an authorization failure's `errorMessage` says, in the forms AWS services write:
/// `User: ARN is not authorized to perform: ACTION on resource: RESOURCE with an explicit deny in a(n) LAYER`
/// (optionally followed by `: POLICY-ARN` or `, with policy ARN: POLICY-ARN`), `… because no LAYER allows the
/// ACTION action`, and EC2's `You are not authorized … Encoded authorization failure message: …`.
public struct DenyMessage: Sendable, Equatable {
    public var principal: String?
    public var action: String?
    public var resource: String?
    /// The layer AWS named, when it named one.
    public var layer: PolicyLayer?
    /// True for "with an explicit deny", false for "because no … allows", nil when the message says neither.
    public var explicit: Bool?
    public var policyArn: String?
    /// EC2's encoded authorization message, which `aws sts decode-authorization-message` can expand.
    public var encodedMessage: String?

    /// Parses `message`; parts it cannot find stay nil.
    public init(_ message: String) {
        var text = Substring(message)
        if let range = text.range(of: "Encoded authorization failure message:") {
            encodedMessage = text[range.upperBound...].trimmingCharacters(in: " ")
            text = text[..<range.lowerBound]
        }
        if let user = text.range(of: "User: ") {
            let rest = text[user.upperBound...]
            principal = rest.prefix { $0 != " " }.trimmingCharacters(in: "\"")
        }
        if let perform = text.range(of: "authorized to perform: ") {
            let rest = text[perform.upperBound...]
            let token = rest.prefix { $0 != " " }.trimmingCharacters(in: ".,\"")
            if token.contains(":") { action = token }
        }
        resource = DenyMessage.resource(in: text)
        if let range = text.range(of: "with an explicit deny in ") {
            explicit = true
            let rest = text[range.upperBound...]
            if let (layer, after) = DenyMessage.layer(at: rest) {
                self.layer = layer
                policyArn = DenyMessage.policyArn(after: after)
            }
        } else if let range = text.range(of: "because no ") {
            explicit = false
            if let (layer, after) = DenyMessage.layer(at: text[range.upperBound...]) {
                self.layer = layer
                policyArn = DenyMessage.policyArn(after: after)
            }
        }
    }

    private static let layerPhrases: [(String, PolicyLayer)] = [
        ("identity-based policy", .identity),
        ("identity-based policies", .identity),
        ("resource-based policy", .resource),
        ("resource-based policies", .resource),
        ("permissions boundary", .permissionsBoundary),
        ("permission boundary", .permissionsBoundary),
        ("session policy", .session),
        ("session policies", .session),
        ("service control policy", .scp),
        ("service control policies", .scp),
        ("resource control policy", .rcp),
        ("resource control policies", .rcp),
        ("vpc endpoint policy", .vpcEndpoint),
        ("vpc endpoint policies", .vpcEndpoint),
    ]

    /// Reads "a(n) LAYER" at the start of `text`; returns the layer and what follows it.
    private static func layer(at text: Substring) -> (PolicyLayer, Substring)? {
        var rest = text
        for article in ["an ", "a ", "the "] where rest.lowercased().hasPrefix(article) {
            rest = rest.dropFirst(article.count)
            break
        }
        let lower = rest.lowercased()
        // Longest phrase first, so that "policies" is not cut to "policy".
        for (phrase, layer) in layerPhrases.sorted(by: { $0.0.count > $1.0.count }) where lower.hasPrefix(phrase) {
            var after = rest.dropFirst(phrase.count)
            if after.lowercased().hasPrefix(" policy") { after = after.dropFirst(" policy".count) }
            return (layer, after)
        }
        return nil
    }

    private static func policyArn(after text: Substring) -> String? {
        var rest = text
        if rest.hasPrefix(":") {
            rest = rest.dropFirst()
        } else if let range = rest.range(of: "with policy ARN:") , rest[..<range.lowerBound].allSatisfy({ $0 == "," || $0 == " " }) {
            rest = rest[range.upperBound...]
        } else {
            return nil
        }
        let arn = rest.drop { $0 == " " }.prefix { $0 != " " }.trimmingCharacters(in: ".,\"")
        return arn.hasPrefix("arn:") ? arn : nil
    }

    /// The text after "on resource" up to the reason, without quotes.
    private static func resource(in text: Substring) -> String? {
        guard let on = text.range(of: " on resource") else { return nil }
        var rest = text[on.upperBound...]
        if rest.hasPrefix(":") { rest = rest.dropFirst() }
        rest = rest.drop { $0 == " " }
        var end = rest.endIndex
        for marker in [" with an explicit deny", " because ", " due to "] {
            if let range = rest.range(of: marker), range.lowerBound < end { end = range.lowerBound }
        }
        let value = rest[..<end].trimmingCharacters(in: " .\"")
        return value.isEmpty ? nil : value
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        var s = self[...]
        while let first = s.first, chars.contains(first) { s = s.dropFirst() }
        while let last = s.last, chars.contains(last) { s = s.dropLast() }
        return String(s)
    }
}
