import S3Access
import TrailReader

/// Lists the keys of a CloudTrail layout that a filter can admit, descending level by level: organizations
/// and accounts (listed with `delimiter=/` unless `--account` names them), regions (likewise with
/// `--region`), then the date folders, listing whole a folder the window covers and only the needed days
/// (and hours of the last day) of a folder it covers in part.
struct TrailLayoutWalk: Sendable {
    var lister: any PrefixLister
    var filter: ReadFilter
    var window: DeliveryWindow
    /// Listings run at once across accounts and regions.
    var parallelism: Int = 8

    /// What the walk found: objects (in no particular order) and the prefixes whose listing failed.
    struct Outcome: Sendable {
        var objects: [S3Object] = []
        var failures: [S3Error] = []

        mutating func add(_ other: Outcome) {
            objects += other.objects
            failures += other.failures
        }
    }

    func walk(from start: TrailLayout) async -> Outcome {
        var outcome = Outcome()
        let regions = await regionFolders(from: start, into: &outcome)
        await ParallelFetch.run(regions, maxInFlight: parallelism, order: .itemOrder) { folder in
            await self.walkDates(folder)
        } consume: { _, found in
            outcome.add(found)
        }
        return outcome
    }

    /// A region folder: `…/ACCOUNT/CloudTrail/REGION/`.
    struct RegionFolder: Sendable {
        var prefix: String
        var account: String
        var region: String
    }

    private func regionFolders(from start: TrailLayout, into outcome: inout Outcome) async -> [RegionFolder] {
        var accounts: [(prefix: String, account: String)] = []
        switch start {
        case .region(let prefix, let account, let region):
            guard admits(account: account), admits(region: region) else { return [] }
            return [RegionFolder(prefix: prefix, account: account, region: region)]
        case .account(let prefix, let account):
            accounts = [(prefix, account)]
        case .organization(let prefix):
            accounts = await accountFolders(in: prefix, into: &outcome)
        case .logs(let prefix):
            guard let children = await folders(in: prefix, into: &outcome) else { return [] }
            for name in children {
                if TrailLayout.isOrganizationID(name) {
                    accounts += await accountFolders(in: prefix + name + "/", into: &outcome)
                } else if TrailLayout.isAccountID(name) {
                    accounts.append((prefix + name + "/", name))
                }
            }
        }
        var regions: [RegionFolder] = []
        for (prefix, account) in accounts where admits(account: account) {
            let trail = prefix + "CloudTrail/"
            if !filter.regions.isEmpty {
                regions += filter.regions.sorted().map { RegionFolder(prefix: trail + $0 + "/", account: account, region: $0) }
            } else if let names = await folders(in: trail, into: &outcome) {
                regions += names.map { RegionFolder(prefix: trail + $0 + "/", account: account, region: $0) }
            }
        }
        return regions
    }

    private func accountFolders(in prefix: String, into outcome: inout Outcome) async -> [(prefix: String, account: String)] {
        if !filter.accounts.isEmpty {
            return filter.accounts.sorted().map { (prefix + $0 + "/", $0) }
        }
        let names = await folders(in: prefix, into: &outcome) ?? []
        return names.filter(TrailLayout.isAccountID).map { (prefix + $0 + "/", $0) }
    }

    /// The folder names one level below `prefix`, or nil when the listing failed (recorded).
    private func folders(in prefix: String, into outcome: inout Outcome) async -> [String]? {
        do throws(S3Error) {
            let page = try await lister.list(prefix: prefix, delimiter: "/", startAfter: nil)
            return page.commonPrefixes.compactMap { TrailLayout.folderName($0, under: prefix) }
        } catch {
            outcome.failures.append(error)
            return nil
        }
    }

    private func admits(account: String) -> Bool { filter.accounts.isEmpty || filter.accounts.contains(account) }
    private func admits(region: String) -> Bool { filter.regions.isEmpty || filter.regions.contains(region) }

    /// The date folders of one region.
    func walkDates(_ folder: RegionFolder) async -> Outcome {
        var outcome = Outcome()
        if window.isUnbounded {
            await list(ListRequest(prefix: folder.prefix), into: &outcome)
            return outcome
        }
        var years: [DateFolder]
        if window.isBounded {
            years = DateFolder.years(of: window)
        } else {
            guard let names = await folders(in: folder.prefix, into: &outcome) else { return outcome }
            years = names.compactMap { DateFolder.parse($0, below: nil) }
        }
        var pending = years
        while !pending.isEmpty {
            let date = pending.removeFirst()
            let prefix = folder.prefix + date.path
            switch window.overlap(start: date.start, end: date.end) {
            case .outside:
                continue
            case .inside:
                await list(ListRequest(prefix: prefix), into: &outcome)
            case .partial where date.level == .day:
                for request in DayListing.requests(dayPrefix: prefix, account: folder.account, region: folder.region,
                    day: date, window: window)
                {
                    await list(request, into: &outcome)
                }
            case .partial:
                pending.insert(contentsOf: date.children(within: window.clamped(start: date.start, end: date.end)), at: 0)
            }
        }
        return outcome
    }

    private func list(_ request: ListRequest, into outcome: inout Outcome) async {
        do throws(S3Error) {
            outcome.objects += try await lister.list(prefix: request.prefix, delimiter: nil, startAfter: request.startAfter).objects
        } catch {
            outcome.failures.append(error)
        }
    }
}
