import CDeflate

/// A gzip file held whole in memory, decompressed in one call by libdeflate (about twice zlib's speed, its
/// CRC checked): the common case of a CloudTrail log, one member of a few kilobytes. Anything else (several
/// members, bytes after the member, corrupt data, a stated size past `limit`) is declined, and the streaming
/// reader takes the file from its start, with its diagnostics.
enum WholeGzip {
    /// The largest decompressed file taken whole: a log file of CloudTrail is a few megabytes at most, and
    /// each reading thread holds one such buffer at a time.
    static let limit = 16 << 20

    /// The decompressed size the member states (ISIZE, RFC 1952 section 2.3.1), when it is within `limit`: the
    /// space `decompress` needs.
    static func statedSize(of input: UnsafeRawBufferPointer, limit: Int) -> Int? {
        guard input.count >= 18 else { return nil }
        let tail = input.count - 4
        let size = Int(input[tail]) | Int(input[tail + 1]) << 8 | Int(input[tail + 2]) << 16 | Int(input[tail + 3]) << 24
        return size <= limit ? size : nil
    }

    /// Decompresses `input` into `output`, which holds exactly its stated size (the splitter's own buffer, so that
    /// the bytes are not copied again); false when the file is declined, and then `output` means nothing.
    static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Bool {
        guard let start = input.baseAddress, let decompressor = libdeflate_alloc_decompressor() else { return false }
        defer { libdeflate_free_decompressor(decompressor) }
        // libdeflate wants somewhere to write even for an empty file.
        var empty: UInt8 = 0
        return withUnsafeMutablePointer(to: &empty) { spare in
            let target = output.baseAddress ?? UnsafeMutableRawPointer(spare)
            var consumed = 0, produced = 0
            let result = libdeflate_gzip_decompress_ex(decompressor, start, input.count, target, output.count, &consumed, &produced)
            return result == LIBDEFLATE_SUCCESS && consumed == input.count && produced == output.count
        }
    }
}
