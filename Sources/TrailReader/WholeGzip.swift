import CDeflate

/// A gzip file held whole in memory, decompressed in one call by libdeflate (about twice zlib's speed, its
/// CRC checked): the common case of a CloudTrail log, one member of a few kilobytes. Anything else (several
/// members, bytes after the member, corrupt data, a stated size past `limit`) is declined, and the streaming
/// reader takes the file from its start, with its diagnostics.
enum WholeGzip {
    /// The largest decompressed file taken whole: a log file of CloudTrail is a few megabytes at most, and
    /// each reading thread holds one such buffer at a time.
    static let limit = 16 << 20

    /// The decompressed bytes, handed to `body` in pieces of at most `piece` bytes; false (and nothing handed)
    /// when the file is declined.
    static func decompress(_ input: UnsafeRawBufferPointer, limit: Int, piece: Int,
        _ body: (UnsafeRawBufferPointer) -> Void) -> Bool
    {
        // A member ends with ISIZE, its decompressed size modulo 2^32 (RFC 1952 section 2.3.1).
        guard input.count >= 18, let start = input.baseAddress else { return false }
        let tail = input.count - 4
        let size = Int(input[tail]) | Int(input[tail + 1]) << 8 | Int(input[tail + 2]) << 16 | Int(input[tail + 3]) << 24
        guard size <= limit, let decompressor = libdeflate_alloc_decompressor() else { return false }
        defer { libdeflate_free_decompressor(decompressor) }
        let output = UnsafeMutableRawPointer.allocate(byteCount: max(size, 1), alignment: 16)
        defer { output.deallocate() }
        var consumed = 0, produced = 0
        let result = libdeflate_gzip_decompress_ex(decompressor, start, input.count, output, size, &consumed, &produced)
        guard result == LIBDEFLATE_SUCCESS, consumed == input.count, produced == size else { return false }
        var offset = 0
        while offset < produced {
            let count = min(piece, produced - offset)
            body(UnsafeRawBufferPointer(start: output + offset, count: count))
            offset += count
        }
        return true
    }
}
