import CloudTrailS3
import Foundation
import S3Access

/// An in-memory bucket that lists like ListObjectsV2 (prefix, delimiter, start-after) and counts the walks.
final class FakeBucket: PrefixLister, @unchecked Sendable {
    let keys: [String]
    private let lock = NSLock()
    private var calls: [String] = []

    init(_ keys: [String]) { self.keys = keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) } }

    var listings: [String] { lock.withLock { calls } }

    func list(prefix: String, delimiter: String?, startAfter: String?) async throws(S3Error) -> S3ListPage {
        lock.withLock { calls.append(prefix + (delimiter == nil ? "" : " /") + (startAfter.map { " after " + $0 } ?? "")) }
        var page = S3ListPage()
        var folders = Set<String>()
        for key in keys where key.hasPrefix(prefix) {
            if let startAfter, !Array(startAfter.utf8).lexicographicallyPrecedes(Array(key.utf8)) { continue }
            if let delimiter, let range = key.dropFirst(prefix.count).range(of: delimiter) {
                let folder = prefix + key.dropFirst(prefix.count)[..<range.upperBound]
                if folders.insert(String(folder)).inserted { page.commonPrefixes.append(String(folder)) }
                continue
            }
            page.objects.append(S3Object(key: key, size: 1))
        }
        return page
    }
}

/// Key names of CloudTrail's layout for tests.
enum TrailKeys {
    static let org = "o-exampleorg1"

    /// `AWSLogs/o-…/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHMMZ_ID.json.gz`
    static func log(_ account: String, _ region: String, _ time: String, root: String = "AWSLogs/\(org)/") -> String {
        let c = Array(time)
        let y = String(c[0..<4]), m = String(c[5..<7]), d = String(c[8..<10]), hh = String(c[11..<13]), mm = String(c[14..<16])
        return "\(root)\(account)/CloudTrail/\(region)/\(y)/\(m)/\(d)/\(account)_CloudTrail_\(region)_\(y)\(m)\(d)T\(hh)\(mm)Z_abcDEF123.json.gz"
    }

    static func digest(_ account: String, _ region: String, _ day: String) -> String {
        let y = day.prefix(4), m = day.dropFirst(5).prefix(2), d = day.dropFirst(8).prefix(2)
        return "AWSLogs/\(org)/\(account)/CloudTrail-Digest/\(region)/\(y)/\(m)/\(d)/\(account)_CloudTrail-Digest_\(region)_trail_\(region)_\(y)\(m)\(d)T0015Z.json.gz"
    }

    /// Every day of 2024 at the given times of day.
    static func year(_ account: String, _ region: String, times: [String] = ["00:10", "06:05", "23:55"], root: String = "AWSLogs/\(org)/") -> [String] {
        var keys: [String] = []
        var day = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01
        let end = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01
        let formatter = ISO8601DateFormatter()
        while day < end {
            let date = String(formatter.string(from: day).prefix(10))
            keys += times.map { log(account, region, "\(date)T\($0):00Z", root: root) }
            day.addTimeInterval(86400)
        }
        return keys
    }
}
