#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file descriptor in fixed-size chunks into one reusable buffer.
final class ChunkedInput {
    let fd: Int32
    let buffer: UnsafeMutablePointer<UInt8>
    let capacity: Int
    /// Valid bytes of the last chunk.
    private(set) var count = 0
    private(set) var atEnd = false
    /// Bytes read from the descriptor so far.
    private(set) var totalRead = 0
    /// Sees every chunk as it is read (a content hash computed in the same pass).
    var observer: ((UnsafeRawBufferPointer) -> Void)?

    init(fd: Int32, capacity: Int = 256 << 10) {
        self.fd = fd
        self.capacity = capacity
        buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }

    /// Reads the next chunk; at the end of input `count` is 0 and `atEnd` is true.
    func fill() throws(ReadError) {
        while true {
            let n = read(fd, buffer, capacity)
            if n < 0 {
                if errno == EINTR { continue }
                throw ReadError.io(path: "", reason: String(cString: strerror(errno)))
            }
            count = n
            totalRead += n
            if n == 0 { atEnd = true }
            observer?(bytes)
            return
        }
    }

    /// Reads what is left, for the observer; false when a read fails.
    func drain() -> Bool {
        while !atEnd {
            do { try fill() } catch { return false }
        }
        return true
    }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: buffer, count: count) }
}
