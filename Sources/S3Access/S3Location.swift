/// A bucket and a key (or key prefix), written `s3://bucket/key`.
public struct S3Location: Sendable, Hashable, CustomStringConvertible {
    public var bucket: String
    public var key: String

    public init(bucket: String, key: String) {
        self.bucket = bucket
        self.key = key
    }

    /// Parses `s3://BUCKET[/KEY]` (also `s3a://` and `s3n://`, as Hadoop writes them); nil for anything else.
    public init?(url: String) {
        let schemes = ["s3://", "s3a://", "s3n://"]
        guard let scheme = schemes.first(where: { url.lowercased().hasPrefix($0) }) else { return nil }
        let rest = url.dropFirst(scheme.count)
        let bucket = rest.prefix { $0 != "/" }
        guard S3Location.isValidBucketName(bucket) else { return nil }
        self.bucket = String(bucket)
        key = String(rest.dropFirst(bucket.count).drop { $0 == "/" })
    }

    /// Whether a string starts like an S3 URL (so that a caller can tell it from a local path).
    public static func isS3URL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("s3://") || lower.hasPrefix("s3a://") || lower.hasPrefix("s3n://")
    }

    /// The general purpose bucket naming rules: 3–63 characters of lowercase letters, digits, `.` and `-`,
    /// starting and ending with a letter or digit.
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
    static func isValidBucketName(_ name: Substring) -> Bool {
        guard (3...63).contains(name.count) else { return false }
        let allowed = name.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "." || $0 == "-" }
        guard allowed, let first = name.first, let last = name.last else { return false }
        return first != "." && first != "-" && last != "." && last != "-"
    }

    public var description: String { key.isEmpty ? "s3://\(bucket)/" : "s3://\(bucket)/\(key)" }
}
