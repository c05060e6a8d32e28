#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `poll(2)` on a few descriptors, retried when a signal interrupts it.
public enum WaitForReadable {
    /// Waits until one of `descriptors` is readable or `timeout` seconds pass; returns the readable ones.
    @discardableResult
    public static func wait(_ descriptors: [Int32], timeout: Double) -> [Int32] {
        var fds = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let milliseconds = Int32(max(0, min(timeout, 3600)) * 1000)
        while true {
            let n = poll(&fds, nfds_t(fds.count), milliseconds)
            if n < 0 && errno == EINTR { continue }
            return fds.filter { $0.revents & Int16(POLLIN) != 0 }.map(\.fd)
        }
    }
}
