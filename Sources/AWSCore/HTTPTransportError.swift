import Foundation

/// Why a request got no HTTP response at all.
public enum HTTPTransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No progress within the request's timeout.
    case timedOut(url: String)
    /// The connection could not be made, or broke (refused, reset, DNS, TLS).
    case connectionFailed(url: String, reason: String)
    /// The request was cancelled.
    case cancelled(url: String)

    public var description: String {
        switch self {
        case .timedOut(let url): return "no answer from `\(url)` in time"
        case .connectionFailed(let url, let reason): return "cannot reach `\(url)`: \(reason)"
        case .cancelled(let url): return "request to `\(url)` was cancelled"
        }
    }

    /// Whether trying again may succeed: a timeout or broken connection may, a cancellation does not.
    public var isTransient: Bool {
        switch self {
        case .timedOut, .connectionFailed: return true
        case .cancelled: return false
        }
    }
}
