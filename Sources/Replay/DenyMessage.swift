import PolicyLanguage
import TrailJSON

/// What an authorization failure's `errorMessage` says, in the forms AWS services write:
/// `User: ARN is not authorized to perform: ACTION on resource: RESOURCE REASON`, where REASON is one of the
/// wordings of `forms` (an explicit deny may be followed by `: POLICY-ARN` or `, with policy ARN: POLICY-ARN`),
/// and EC2's `You are not authorized … Encoded authorization failure message: …`.
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

    /// Parses `message`; parts it cannot find stay nil. `errorCode` `VpceAccessDenied` names the VPC endpoint
    /// layer when the message does not.
    public init(_ message: String, errorCode: String? = nil) {
        // Most records have no message at all (every call that succeeded): nothing to search.
        guard !message.isEmpty else {
            if errorCode == "VpceAccessDenied" { layer = .vpcEndpoint }
            return
        }
        var text = Substring(message)
        if let range = text.firstByteRange(of: "Encoded authorization failure message:") {
            encodedMessage = text[range.upperBound...].trimmingCharacters(in: " ")
            text = text[..<range.lowerBound]
        }
        if let user = text.firstByteRange(of: "User: ") {
            let rest = text[user.upperBound...]
            principal = rest.prefix { $0 != " " }.trimmingCharacters(in: "\"")
        }
        if let perform = text.firstByteRange(of: "authorized to perform: ") {
            let rest = text[perform.upperBound...]
            let token = rest.prefix { $0 != " " }.trimmingCharacters(in: ".,\"")
            if token.contains(":") { action = token }
        }
        resource = DenyMessage.resource(in: text)
        if let (form, after) = DenyMessage.form(in: text) {
            layer = form.layer
            explicit = form.explicit
            if form.explicit == true { policyArn = DenyMessage.policyArn(after: after) }
        }
        if layer == nil && errorCode == "VpceAccessDenied" { layer = .vpcEndpoint }
    }

    /// One way AWS words the reason of a denial, with the layer it names and where the wording is documented.
    struct Form: Sendable {
        /// The phrase, ASCII-lowercased.
        let phrase: String
        let layer: PolicyLayer
        /// True for an explicit deny, false for a missing Allow, nil when the wording says neither.
        let explicit: Bool?
        /// The AWS page or real record the wording comes from.
        let source: String
    }

    static let iamGuide = "https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html"

    /// Every wording read, longest first where one contains another. "Access denied when a VPC request fails due
    /// to another policy" in the IAM guide says to check the SCPs for the `… VPC endpoint policy transitively
    /// through a service control policy` form, so it names the scp layer.
    static let forms: [Form] = [
        Form(phrase: "with an explicit deny in a vpc endpoint policy transitively through a service control policy",
             layer: .scp, explicit: true, source: iamGuide),
        Form(phrase: "with an explicit deny in an identity-based policy", layer: .identity, explicit: true, source: iamGuide),
        Form(phrase: "with an explicit deny in a resource-based policy", layer: .resource, explicit: true, source: iamGuide),
        Form(phrase: "with an explicit deny in the role trust policy", layer: .resource, explicit: true, source: iamGuide),
        Form(phrase: "with an explicit deny in a permissions boundary", layer: .permissionsBoundary, explicit: true, source: iamGuide),
        // The guide's general pattern, "with an explicit deny in a type policy"; its example says "sessions policy".
        Form(phrase: "with an explicit deny in a session policy", layer: .session, explicit: true, source: iamGuide),
        Form(phrase: "with an explicit deny in a sessions policy", layer: .session, explicit: true, source: iamGuide),
        Form(phrase: "with an explicit deny in a service control policy", layer: .scp, explicit: true, source: iamGuide),
        Form(phrase: "due to an explicit deny in a service control policy", layer: .scp, explicit: true, source: iamGuide),
        Form(phrase: "with an explicit deny in a resource control policy", layer: .rcp, explicit: true,
             source: "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html"),
        Form(phrase: "with an explicit deny in a vpc endpoint policy", layer: .vpcEndpoint, explicit: true, source: iamGuide),
        Form(phrase: "because no identity-based policy allows", layer: .identity, explicit: false, source: iamGuide),
        Form(phrase: "because no resource-based policy allows", layer: .resource, explicit: false, source: iamGuide),
        Form(phrase: "because no role trust policy allows", layer: .resource, explicit: false, source: iamGuide),
        // The guide's own example of an implicit deny in a trust policy reads "because the role trust policy allows".
        Form(phrase: "because the role trust policy allows", layer: .resource, explicit: false, source: iamGuide),
        Form(phrase: "because no permissions boundary allows", layer: .permissionsBoundary, explicit: false, source: iamGuide),
        Form(phrase: "because no session policy allows", layer: .session, explicit: false, source: iamGuide),
        Form(phrase: "because no service control policy allows", layer: .scp, explicit: false, source: iamGuide),
        Form(phrase: "because no resource control policy allows", layer: .rcp, explicit: false,
             source: "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html"),
        Form(phrase: "because no vpc endpoint policy allows", layer: .vpcEndpoint, explicit: false, source: iamGuide),
        // Network activity events: "the errorMessage will always be the following message".
        Form(phrase: "the request was denied due to a vpc endpoint policy", layer: .vpcEndpoint, explicit: nil,
             source: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html"),
    ]

    /// The first form (in table order) that the message uses, and the text after its phrase.
    static func form(in text: Substring) -> (Form, Substring)? {
        let lower = String(text).asciiLowercased[...]
        for form in forms {
            guard let range = lower.firstByteRange(of: form.phrase) else { continue }
            // ASCII folding keeps every byte offset, so the offset maps back onto the original text.
            let offset = lower.utf8.distance(from: lower.startIndex, to: range.upperBound)
            let after = text.utf8.index(text.startIndex, offsetBy: offset)
            return (form, text[after...])
        }
        return nil
    }

    private static func policyArn(after text: Substring) -> String? {
        var rest = text
        if rest.hasPrefix(":") {
            rest = rest.dropFirst()
        } else if let range = rest.firstByteRange(of: "with policy ARN:") , rest[..<range.lowerBound].allSatisfy({ $0 == "," || $0 == " " }) {
            rest = rest[range.upperBound...]
        } else {
            return nil
        }
        let arn = rest.drop { $0 == " " }.prefix { $0 != " " }.trimmingCharacters(in: ".,\"")
        return arn.hasPrefix("arn:") ? arn : nil
    }

    /// The text after "on resource" up to the reason, without quotes.
    private static func resource(in text: Substring) -> String? {
        guard let on = text.firstByteRange(of: " on resource") else { return nil }
        var rest = text[on.upperBound...]
        if rest.hasPrefix(":") { rest = rest.dropFirst() }
        rest = rest.drop { $0 == " " }
        var end = rest.endIndex
        for marker in [" with an explicit deny", " because ", " due to "] {
            if let range = rest.firstByteRange(of: marker), range.lowerBound < end { end = range.lowerBound }
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
