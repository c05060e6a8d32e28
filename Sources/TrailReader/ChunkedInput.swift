#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file descriptor, or a `LogByteStream`, in fixed-size chunks into one reusable buffer.
final class ChunkedInput {
    /// Where the bytes come from.
    enum Origin {
        case descriptor(Int32)
        case stream(any LogByteStream)
    }

    let origin: Origin
    let buffer: UnsafeMutablePointer<UInt8>
    let capacity: Int
    /// Valid bytes of the last chunk; `buffer[i]` is the byte at file offset `totalRead - count + i`.
    private(set) var count = 0
    private(set) var atEnd = false
    /// Bytes read from the descriptor so far.
    private(set) var totalRead = 0
    /// Sees every chunk as it is read (a content hash computed in the same pass).
    var observer: ((UnsafeRawBufferPointer) -> Void)?

    convenience init(fd: Int32, capacity: Int = 256 << 10) {
        self.init(.descriptor(fd), capacity: capacity)
    }

    /// A chunk holds at least two bytes, so that the format's two-byte magic can be seen whole.
    init(_ origin: Origin, capacity: Int = 256 << 10) {
        self.origin = origin
        self.capacity = max(capacity, 2)
        buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
    }

    deinit { buffer.deallocate() }

    /// Reads the next chunk; at the end of input `count` is 0 and `atEnd` is true.
    func fill() throws(ReadError) {
        try fill(keeping: 0)
    }

    /// Reads the next chunk after the last `keep` bytes of the current one, which move to the front, so that
    /// something split across two reads (a gzip header) is seen whole; at the end of input `count` is `keep`.
    func fill(keeping keep: Int) throws(ReadError) {
        let kept = min(max(keep, 0), count, capacity - 1)
        if kept > 0 { memmove(buffer, buffer + (count - kept), kept) }
        count = kept
        let n = try readSome(into: buffer + kept, capacity: capacity - kept)
        count = kept + n
        totalRead += n
        if n == 0 { atEnd = true }
        // Only the new bytes: the kept ones were seen with their own chunk.
        observer?(UnsafeRawBufferPointer(start: buffer + kept, count: n))
    }

    /// One read from the origin: the bytes it gave, 0 at the end.
    private func readSome(into start: UnsafeMutablePointer<UInt8>, capacity: Int) throws(ReadError) -> Int {
        switch origin {
        case .descriptor(let fd):
            while true {
                let n = read(fd, start, capacity)
                if n >= 0 { return n }
                if errno == EINTR { continue }
                throw ReadError.io(path: "", reason: String(cString: strerror(errno)))
            }
        case .stream(let stream):
            do throws(LogByteSourceError) {
                return try stream.read(into: UnsafeMutableRawBufferPointer(start: start, count: capacity))
            } catch {
                throw ReadError.io(path: "", reason: error.reason)
            }
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
