/// A snapshot of an organization's IAM policies, read from the files the AWS CLI writes
/// (layout in the README). Queries on it are pure; missing data answers `unknown`, never allow.
public struct Snapshot: Sendable, Equatable {
    /// The directory it was loaded from, as given.
    public let directory: String
    var accounts: [String: AccountData]
    var organization: OrganizationData?

    init(directory: String, accounts: [String: AccountData], organization: OrganizationData?) {
        self.directory = directory
        self.accounts = accounts
        self.organization = organization
    }

    /// The account ids that have a folder in the snapshot, sorted.
    public var accountIDs: [String] { accounts.keys.sorted() }

    /// Reads a snapshot directory. Never fails: each missing directory, unreadable or invalid file
    /// becomes a diagnostic, and everything else still loads.
    public static func load(directory: String) -> SnapshotLoad {
        var files = SnapshotFiles(root: directory)
        if let unavailable = SnapshotUnavailable.check(directory) {
            files.diagnostics.append(SnapshotDiagnostic(file: directory, message: unavailable.message))
            return SnapshotLoad(snapshot: Snapshot(directory: directory, accounts: [:], organization: nil),
                diagnostics: files.diagnostics, unavailable: unavailable)
        }
        var accounts: [String: AccountData] = [:]
        if files.isDirectory("accounts") {
            for name in files.names(in: "accounts") where files.isDirectory("accounts/" + name) {
                guard isAccountID(name) else {
                    files.note("accounts/" + name, "", "`\(name)` is not a 12-digit account id; folder skipped")
                    continue
                }
                accounts[name] = AccountLoader(account: name).load(&files)
            }
        }
        let organization = OrganizationLoader.load(&files)
        if accounts.isEmpty && organization == nil {
            files.diagnostics.append(SnapshotDiagnostic(file: directory,
                message: "neither `accounts` nor `organization` is in the snapshot directory"))
        }
        return SnapshotLoad(snapshot: Snapshot(directory: directory, accounts: accounts, organization: organization),
            diagnostics: files.diagnostics)
    }

    static func isAccountID(_ text: String) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
