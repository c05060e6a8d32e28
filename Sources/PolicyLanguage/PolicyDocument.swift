import TrailJSON

/// A parsed IAM policy document, named by the caller so that every reason can point at it.
public struct PolicyDocument: Sendable, Equatable {
    /// The caller's name for the policy (an ARN, a file path, a layer position).
    public var id: String
    /// The `Version` element; a document without one is read as `2008-10-17`, as AWS does.
    public var version: PolicyVersion
    /// The optional `Id` element.
    public var policyId: String?
    /// The statements in document order.
    public var statements: [Statement]

    public init(id: String, version: PolicyVersion, policyId: String?, statements: [Statement]) {
        self.id = id
        self.version = version
        self.policyId = policyId
        self.statements = statements
    }

    /// Reads a policy from a parsed JSON object.
    public static func parse(json: JSONValue, id: String) throws(PolicyParseError) -> PolicyDocument {
        try PolicyDocumentParser(policy: id).document(json)
    }

    /// Reads a policy from text: a JSON object, a JSON string holding one, or URL-encoded JSON
    /// (the forms IAM and AWS Config return).
    public static func parse(text: String, id: String) throws(PolicyParseError) -> PolicyDocument {
        try parse(json: PolicyText.decode(text, id: id), id: id)
    }
}
