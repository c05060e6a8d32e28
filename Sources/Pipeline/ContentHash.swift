#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import DenyStore

/// The store's content hash: SHA-256 of a file's bytes as hex, computed from the bytes the pass reads or, for a
/// file not yet read (`tail` checks the store first), from the file.
public enum ContentHash {
    /// A digest's 32 bytes held inline, for a file whose results wait (no string per file until then).
    public struct Bytes: Sendable, Hashable {
        private let words: (UInt64, UInt64, UInt64, UInt64)

        public init(_ digest: SHA256.Digest) {
            var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            withUnsafeMutableBytes(of: &words) { out in
                for (i, byte) in digest.enumerated() { out[i] = byte }
            }
            self.words = words
        }

        /// Lower-case hex of the bytes.
        public var hex: String { withUnsafeBytes(of: words) { ContentHash.hex($0) } }

        public static func == (lhs: Bytes, rhs: Bytes) -> Bool {
            lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2 && lhs.words.3 == rhs.words.3
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(words.0)
            hasher.combine(words.1)
            hasher.combine(words.2)
            hasher.combine(words.3)
        }
    }

    /// Lower-case hex of a digest.
    public static func hex(_ digest: SHA256.Digest) -> String { hex(Array(digest)) }

    /// Lower-case hex of bytes.
    static func hex<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The hash of the file at `path`, read in chunks of 1 MiB.
    public static func hexDigest(ofFile path: String) throws(StoreError) -> String {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .cannotHash(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var hasher = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer.baseAddress, buffer.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw .cannotHash(path: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { return hex(hasher.finalize()) }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
    }
}
