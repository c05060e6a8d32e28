import Foundation

/// Exponential backoff with full jitter: before retry `n` (1-based) wait a random time in
/// `0 ..< min(cap, base × 2ⁿ⁻¹)`, up to `maxAttempts` tries in all.
/// https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    public var baseDelay: TimeInterval
    public var maxDelay: TimeInterval

    public init(maxAttempts: Int = 5, baseDelay: TimeInterval = 0.1, maxDelay: TimeInterval = 20) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// No retries.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The ceiling of the wait before retry `retry` (1-based).
    public func delayCeiling(beforeRetry retry: Int) -> TimeInterval {
        let exponent = min(max(retry - 1, 0), 30)
        return min(maxDelay, baseDelay * Double(1 << exponent))
    }

    /// The wait before retry `retry`, drawing the jitter from `unit`, a number in `0..<1`.
    public func delay(beforeRetry retry: Int, unit: Double) -> TimeInterval {
        delayCeiling(beforeRetry: retry) * min(max(unit, 0), 0.999_999)
    }

    /// Runs `operation` until it succeeds, fails for good, or the attempts run out; `isTransient` says which
    /// failures are worth another try. The last failure is rethrown.
    public func run<T: Sendable, E: Error>(
        isTransient: (E) -> Bool,
        sleep: @Sendable (TimeInterval) async -> Void = RetryPolicy.taskSleep,
        _ operation: (Int) async throws(E) -> T
    ) async throws(E) -> T {
        var attempt = 1
        while true {
            do {
                return try await operation(attempt)
            } catch {
                guard attempt < maxAttempts, isTransient(error) else { throw error }
                await sleep(delay(beforeRetry: attempt, unit: Double.random(in: 0..<1)))
                attempt += 1
            }
        }
    }

    public static let taskSleep: @Sendable (TimeInterval) async -> Void = { seconds in
        try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
    }
}
