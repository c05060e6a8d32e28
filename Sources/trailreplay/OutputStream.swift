#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered writer to standard output or a file, with write errors reported rather than ignored.
final class OutputStream {
    private let fd: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []
    private let flushThreshold = 1 << 20
    let name: String

    struct WriteError: Error, CustomStringConvertible {
        var name: String
        var reason: String
        var description: String { "cannot write \(name): \(reason)" }
    }

    /// Standard output, or `path` created (truncated) for writing.
    init(path: String?) throws {
        if let path, path != "-" {
            let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0 else { throw WriteError(name: "`\(path)`", reason: String(cString: strerror(errno))) }
            self.fd = fd
            ownsDescriptor = true
            name = "`\(path)`"
        } else {
            fd = 1
            ownsDescriptor = false
            name = "standard output"
        }
        buffer.reserveCapacity(flushThreshold + 65536)
    }

    deinit {
        if ownsDescriptor { close(fd) }
    }

    /// Opens the output a command was asked for, or reports why it cannot and exits with the fatal status.
    static func open(_ path: String?) throws -> OutputStream {
        do {
            return try OutputStream(path: path)
        } catch {
            printError("error: \(error)")
            throw ExitStatus.fatal
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushThreshold { try flush() }
    }

    func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushThreshold { try flush() }
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= flushThreshold { try flush() }
    }

    func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { bytes -> Int in
                guard let base = bytes.baseAddress else { return 0 }
                return Glibc.write(fd, base + offset, bytes.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw WriteError(name: name, reason: String(cString: strerror(errno)))
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Writes a line to standard error at once (diagnostics and the accounting line).
func printError(_ line: String) {
    writeStandardError(line + "\n")
}

/// Writes text to standard error unbuffered.
func writeStandardError(_ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeMutableBytes { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            return Glibc.write(2, base + offset, buffer.count - offset)
        }
        if n <= 0 { return }
        offset += n
    }
}
