#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a `RecordBatch` keeps the lines that outgrow memory; injected so that a full disk can be tested.
public protocol SpillStorage: AnyObject {
    /// Appends all of `bytes`, or throws (what was written of them is then never read back).
    func write(_ bytes: UnsafeRawBufferPointer) throws(SpillError)
    /// Reads from the start again.
    func rewind() throws(SpillError)
    /// Reads up to `buffer.count` bytes, returning how many (0 at the end).
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(SpillError) -> Int
}

/// A spill that could not be created, written or read back.
public struct SpillError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// An anonymous temporary file (`tmpfile`), removed when closed.
public final class TemporaryFileSpill: SpillStorage {
    private let file: UnsafeMutablePointer<FILE>

    public init() throws(SpillError) {
        guard let file = tmpfile() else {
            throw SpillError("cannot create a temporary file: \(String(cString: strerror(errno)))")
        }
        self.file = file
    }

    deinit { fclose(file) }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(SpillError) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        if fwrite(base, 1, bytes.count, file) != bytes.count || fflush(file) != 0 {
            throw SpillError("cannot write a temporary file: \(String(cString: strerror(errno)))")
        }
    }

    public func rewind() throws(SpillError) {
        if fseek(file, 0, SEEK_SET) != 0 {
            throw SpillError("cannot read a temporary file back: \(String(cString: strerror(errno)))")
        }
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(SpillError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let n = fread(base, 1, buffer.count, file)
        if n < buffer.count && ferror(file) != 0 {
            throw SpillError("cannot read a temporary file back: \(String(cString: strerror(errno)))")
        }
        return n
    }
}
