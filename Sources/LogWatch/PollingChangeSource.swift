#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The fallback watch: looks at the whole tree every `interval` seconds.
public struct PollingChangeSource: ChangeSource {
    public var interval: Double
    private var lastScan: Double = 0

    public init(interval: Double) {
        self.interval = interval
    }

    public var description: String { "polling every \(interval) s" }

    public mutating func next(timeout: Double, wake: Int32) -> ChangeBatch {
        let now = MonotonicClock.seconds()
        let due = lastScan + interval
        if now < due {
            WaitForReadable.wait([wake], timeout: min(timeout, due - now))
        }
        let after = MonotonicClock.seconds()
        guard after >= due else { return ChangeBatch() }
        lastScan = after
        return ChangeBatch(rescan: true)
    }
}
