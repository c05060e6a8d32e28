/// What a CloudTrail S3 object name says about its contents, read from the name alone.
///
/// Log files are named `<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<id>.json.gz`; digest and Insights
/// files use `CloudTrail-Digest` and `CloudTrail-Insight` in the same place.
public struct CloudTrailKey: Sendable, Equatable {
    public enum Kind: String, Sendable { case log, digest, insight }

    public var kind: Kind
    public var account: String
    public var region: String
    /// Delivery time, normalized to `YYYY-MM-DDTHH:MM:00Z` (empty for digests, whose names differ).
    public var deliveryTime: String

    /// Parses the last path component; nil when it does not follow CloudTrail's naming.
    public init?(fileName: String) {
        let parts = fileName.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count >= 5 else { return nil }
        let account = parts[0]
        guard account.count == 12, account.allSatisfy(\.isASCIIDigitCharacter) else { return nil }
        switch parts[1] {
        case "CloudTrail": kind = .log
        case "CloudTrail-Digest": kind = .digest
        case "CloudTrail-Insight": kind = .insight
        default: return nil
        }
        self.account = String(account)
        region = String(parts[2])
        if let time = CloudTrailKey.normalize(stamp: parts[3]) {
            deliveryTime = time
        } else if kind == .log {
            return nil
        } else {
            deliveryTime = ""  // digest names put the trail name here; only their kind matters
        }
    }

    /// `20240105T0930Z` → `2024-01-05T09:30:00Z`.
    static func normalize(stamp: Substring) -> String? {
        let chars = Array(stamp.utf8)
        guard chars.count >= 14, chars[8] == UInt8(ascii: "T"), chars[13] == UInt8(ascii: "Z") else { return nil }
        let digits = chars[0..<8] + chars[9..<13]
        guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let s = String(decoding: chars, as: UTF8.self)
        let y = s.prefix(4), mo = s.dropFirst(4).prefix(2), d = s.dropFirst(6).prefix(2)
        let h = s.dropFirst(9).prefix(2), mi = s.dropFirst(11).prefix(2)
        return "\(y)-\(mo)-\(d)T\(h):\(mi):00Z"
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
