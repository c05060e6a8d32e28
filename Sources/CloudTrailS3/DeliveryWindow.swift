import AWSCore
import Foundation
import TrailReader

/// The delivery times whose files can hold records a filter keeps: `[from, to + 1 hour)`, since CloudTrail
/// names and files a log by its delivery time, up to about 15 minutes after its events (the same slack as
/// `ReadFilter.admits(_:)`, which still decides each key).
/// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/how-cloudtrail-works.html
public struct DeliveryWindow: Sendable, Equatable {
    /// Inclusive, `YYYY-MM-DDTHH:MM:SSZ`; nil when unbounded.
    public var from: String?
    /// Exclusive, `YYYY-MM-DDTHH:MM:SSZ`; nil when unbounded.
    public var until: String?

    static let deliverySlack: TimeInterval = 3600

    public init(from: String?, until: String?) {
        self.from = from
        self.until = until
    }

    public init(filter: ReadFilter) {
        from = filter.time.from?.description
        until = filter.time.to?.adding(seconds: DeliveryWindow.deliverySlack).description
    }

    public var isBounded: Bool { from != nil && until != nil }
    public var isUnbounded: Bool { from == nil && until == nil }

    /// How a folder covering delivery times `[start, end)` relates to the window.
    public enum Overlap: Sendable, Equatable { case outside, partial, inside }

    public func overlap(start: String, end: String) -> Overlap {
        if let until, start >= until { return .outside }
        if let from, end <= from { return .outside }
        let startsInside = from.map { $0 <= start } ?? true
        let endsInside = until.map { end <= $0 } ?? true
        return startsInside && endsInside ? .inside : .partial
    }

    /// The window narrowed to `[start, end)`.
    func clamped(start: String, end: String) -> DeliveryWindow {
        DeliveryWindow(from: max(from ?? start, start), until: min(until ?? end, end))
    }
}
