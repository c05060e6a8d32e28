/// The six fields of an ARN, `arn:partition:service:region:account:resource`; the resource keeps its own
/// `:` and `/` separators.
public struct ARN: Sendable, Equatable {
    public var partition: String
    public var service: String
    public var region: String
    public var account: String
    public var resource: String

    public init?(_ text: String) {
        if let fields = Self.asciiFields(text) {
            guard fields.count == 6, fields[0] == "arn", !fields[1].isEmpty, !fields[2].isEmpty else { return nil }
            (partition, service, region, account, resource) = (fields[1], fields[2], fields[3], fields[4], fields[5])
            return
        }
        // Beyond ASCII a `:` may begin a longer character (`:` with a combining mark), which does not separate.
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", !parts[1].isEmpty, !parts[2].isEmpty else { return nil }
        partition = String(parts[1])
        service = String(parts[2])
        region = String(parts[3])
        account = String(parts[4])
        resource = String(parts[5])
    }

    /// An ASCII text split at its first five `:`, byte by byte (what `split` gives for ASCII, without its
    /// character-by-character walk); nil for any other text.
    static func asciiFields(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            var fields: [String] = []
            fields.reserveCapacity(6)
            var start = 0
            for (i, byte) in bytes.enumerated() {
                if byte >= 0x80 { return nil }
                if byte == UInt8(ascii: ":") && fields.count < 5 {
                    fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                    start = i + 1
                }
            }
            fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
            return fields
        }
    }

    /// Whether the ARN names a KMS key (`arn:aws:kms:REGION:ACCOUNT:key/ID`), whose key policy must allow every use.
    public var isKMSKey: Bool { service == "kms" && resource.hasPrefix("key/") }

    /// For an assumed-role session (`arn:aws:sts::A:assumed-role/ROLE/SESSION`), the role's name and the session's.
    public var sessionParts: (role: String, session: String)? {
        let prefix = "assumed-role/"
        guard service == "sts", resource.hasPrefix(prefix) else { return nil }
        // Split byte-wise (results summarize thousands of principals): every `/` separates, a combining mark after
        // it or not; AWS allows only ASCII in role and session names.
        let parts = resource.utf8.dropFirst(prefix.utf8.count).split(separator: UInt8(ascii: "/"), maxSplits: 1)
        guard parts.count == 2 else { return nil }
        return (String(Substring(parts[0])), String(Substring(parts[1])))
    }

    /// For an assumed-role session, the role's ARN (without its path, which a session ARN does not carry).
    public var sessionRoleArn: String? {
        sessionParts.map { "arn:\(partition):iam::\(account):role/\($0.role)" }
    }
}
