import CivilTime

/// Which records a read keeps: by account, region and event time.
///
/// Files with a CloudTrail key name are pruned from the name alone before they are opened; records are
/// then checked against their own `eventTime` (and, for inputs without such a name, `recipientAccountId` and
/// `awsRegion`) so that the boundaries are exact.
public struct ReadFilter: Sendable, Equatable {
    public var accounts: Set<String> = []
    public var regions: Set<String> = []
    /// The event times kept.
    public var time: TimeRange

    public init(accounts: Set<String> = [], regions: Set<String> = [], time: TimeRange = TimeRange()) {
        self.accounts = accounts
        self.regions = regions
        self.time = time
    }

    public var isEmpty: Bool { accounts.isEmpty && regions.isEmpty && !hasTimeRange }
    var hasTimeRange: Bool { time.from != nil || time.to != nil }

    /// CloudTrail delivers a file within about 15 minutes of its events, and names it by delivery time:
    /// a file delivered this long after the range's end may still hold events inside it.
    static let deliveryDelaySlack: Double = 3600

    /// Whether a file with this key can hold records the filter keeps.
    public func admits(_ key: CloudTrailKey) -> Bool {
        if !accounts.isEmpty && !accounts.contains(key.account) { return false }
        if !regions.isEmpty && !regions.contains(key.region) { return false }
        guard let delivered = key.deliveryTime else { return true }
        if let from = time.from, delivered < from { return false }
        if let to = time.to, delivered >= to.adding(seconds: ReadFilter.deliveryDelaySlack) { return false }
        return true
    }

    /// Whether a record's own fields fall inside the filter; nil values are not checked.
    func admits(eventTime: UnsafeRawBufferPointer?, account: String?, region: String?) -> Bool {
        if let account, !accounts.isEmpty, !accounts.contains(account) { return false }
        if let region, !regions.isEmpty, !regions.contains(region) { return false }
        if hasTimeRange {
            guard let eventTime, let parsed = TimeSyntax.parse(bytes: eventTime) else { return false }
            return time.contains(parsed.start)
        }
        return true
    }
}
