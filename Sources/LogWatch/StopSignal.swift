import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT and SIGTERM turned into a request to stop after the current file, and a descriptor that becomes
/// readable when it comes, so that a wait on file-system events ends at once.
///
/// `@unchecked Sendable`: the only mutable state, `reason`, is guarded by `lock`; the descriptors never change.
public final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var reason: String?
    private var sources: [any DispatchSourceSignal] = []
    /// Readable once a stop was requested.
    public let wakeDescriptor: Int32
    private let wakeWriter: Int32

    public init() {
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            _ = fcntl(ends[0], F_SETFL, fcntl(ends[0], F_GETFL) | O_NONBLOCK)
            _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
        }
        wakeDescriptor = ends[0]
        wakeWriter = ends[1]
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.stop(because: name) }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        sources.forEach { $0.cancel() }
        close(wakeDescriptor)
        close(wakeWriter)
    }

    /// Requests a stop (the first reason is kept).
    public func stop(because name: String) {
        lock.lock()
        if reason == nil { reason = name }
        lock.unlock()
        var byte: UInt8 = 1
        _ = write(wakeWriter, &byte, 1)
    }

    /// The signal that asked to stop, once one did.
    public var stopReason: String? {
        lock.lock()
        defer { lock.unlock() }
        return reason
    }
}
