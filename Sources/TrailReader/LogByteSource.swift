/// An input whose bytes do not come from a local file (an S3 object): the reader opens it and pulls its bytes
/// in order, as it reads a file, so the bytes are decompressed as they arrive and never copied to disk.
public protocol LogByteSource: Sendable {
    /// The input's size in bytes when known beforehand (to size the reader's buffers).
    var expectedSize: Int? { get }
    /// Starts reading; throws when the input cannot be read at all (it is forbidden, or missing).
    func open() throws(LogByteSourceError) -> any LogByteStream
}

/// The bytes of an opened `LogByteSource`, read by one thread (a plain one: reads block until bytes arrive).
public protocol LogByteStream: AnyObject {
    /// Copies the next bytes (at most `buffer.count`) to `buffer` and returns how many; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(LogByteSourceError) -> Int
    /// Gives up the rest (the reader is done with the input before its end).
    func close()
}

/// Why a `LogByteSource` cannot be opened or read on: the reason, without the input's name (the diagnostic
/// names it).
public struct LogByteSourceError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
