/// Where a prefix stands in CloudTrail's key layout,
/// `[TRAIL-PREFIX/]AWSLogs/[o-ORGID/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/NAME`.
/// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/get-and-view-cloudtrail-log-files.html
/// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html
enum TrailLayout: Sendable, Equatable {
    /// `…/AWSLogs/`: organizations and accounts below.
    case logs(String)
    /// `…/AWSLogs/o-…/`: accounts below.
    case organization(String)
    /// `…/ACCOUNT/`: regions below `CloudTrail/`.
    case account(String, account: String)
    /// `…/ACCOUNT/CloudTrail/REGION/`: dates below.
    case region(String, account: String, region: String)

    /// Reads a prefix that contains an `AWSLogs` folder and ends on a level of the layout (up to the region);
    /// nil for anything else (no `AWSLogs`, a partial name, a date folder, another folder).
    init?(prefix: String) {
        guard prefix.hasSuffix("/") else { return nil }
        let parts = prefix.dropLast().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let logs = parts.lastIndex(of: "AWSLogs") else { return nil }
        var rest = Array(parts[(logs + 1)...])
        var path = parts[...logs].joined(separator: "/") + "/"
        if rest.isEmpty {
            self = .logs(path)
            return
        }
        if TrailLayout.isOrganizationID(rest[0]) {
            path += rest.removeFirst() + "/"
            if rest.isEmpty {
                self = .organization(path)
                return
            }
        }
        guard TrailLayout.isAccountID(rest[0]) else { return nil }
        let account = rest.removeFirst()
        path += account + "/"
        if rest.isEmpty {
            self = .account(path, account: account)
            return
        }
        guard rest.removeFirst() == "CloudTrail" else { return nil }
        if rest.isEmpty {
            self = .account(path, account: account)
            return
        }
        let region = rest.removeFirst()
        guard rest.isEmpty, !region.isEmpty else { return nil }
        self = .region(path + "CloudTrail/" + region + "/", account: account, region: region)
    }

    /// `o-` and 10 to 32 lowercase letters or digits.
    /// https://docs.aws.amazon.com/organizations/latest/APIReference/API_Organization.html
    static func isOrganizationID(_ text: String) -> Bool {
        guard text.hasPrefix("o-") else { return false }
        let rest = text.dropFirst(2)
        return (10...32).contains(rest.count) && rest.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") }
    }

    static func isAccountID(_ text: String) -> Bool {
        text.count == 12 && text.allSatisfy { $0 >= "0" && $0 <= "9" }
    }

    /// The last folder name of a common prefix (`a/b/c/` → `c`).
    static func folderName(_ commonPrefix: String, under parent: String) -> String? {
        guard commonPrefix.hasPrefix(parent), commonPrefix.hasSuffix("/") else { return nil }
        let name = commonPrefix.dropFirst(parent.count).dropLast()
        return name.isEmpty || name.contains("/") ? nil : String(name)
    }
}
