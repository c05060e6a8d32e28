import CivilTime

/// What a CloudTrail S3 object name says about its contents, read from the name alone.
///
/// Log files are named `<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<id>.json.gz`; digest and Insights
/// files use `CloudTrail-Digest` and `CloudTrail-Insight` in the same place.
public struct CloudTrailKey: Sendable, Equatable {
    public enum Kind: String, Sendable { case log, digest, insight }

    public var kind: Kind
    public var account: String
    public var region: String
    /// Delivery time, to the minute (nil for digests, whose names put the trail name there).
    public var deliveryTime: UTCTime?

    /// Parses the last path component; nil when it does not follow CloudTrail's naming.
    public init?(fileName: String) {
        // Byte-wise: discovery names thousands of files before the first is read.
        let parts = fileName.utf8.split(separator: UInt8(ascii: "_"), maxSplits: 4, omittingEmptySubsequences: false)
            .map(Substring.init)
        guard parts.count >= 5 else { return nil }
        let account = parts[0]
        guard account.utf8.count == 12, account.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return nil }
        switch parts[1] {
        case "CloudTrail": kind = .log
        case "CloudTrail-Digest": kind = .digest
        case "CloudTrail-Insight": kind = .insight
        default: return nil
        }
        self.account = String(account)
        region = String(parts[2])
        deliveryTime = CloudTrailKey.deliveryTime(stamp: parts[3])
        if deliveryTime == nil && kind == .log { return nil }
    }

    /// `20240105T0930Z` → 2024-01-05T09:30:00Z; nil unless it names a real day and minute.
    static func deliveryTime(stamp: Substring) -> UTCTime? {
        let chars = Array(stamp.utf8)
        guard chars.count >= 14, chars[8] == UInt8(ascii: "T"), chars[13] == UInt8(ascii: "Z") else { return nil }
        // Rewritten in ISO 8601's extended form, so that the one time parser checks it.
        var text = Array(chars[0..<4]) + [UInt8(ascii: "-")] + chars[4..<6] + [UInt8(ascii: "-")] + chars[6..<8]
        text += [UInt8(ascii: "T")] + chars[9..<11] + [UInt8(ascii: ":")] + chars[11..<13] + [UInt8(ascii: "Z")]
        guard case .instant(let time)? = text.withUnsafeBytes({ TimeSyntax.parse(bytes: $0) }) else { return nil }
        return time
    }
}
