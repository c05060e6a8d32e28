import CZlib

/// A zlib inflate stream that accepts gzip or zlib framing (detected from the header) and can be reset
/// between gzip members.
final class InflateStream {
    enum Step {
        /// Some input was consumed or output produced; call again.
        case progress
        /// The current member (or zlib stream) ended.
        case memberEnd
        /// zlib needs more input to go on.
        case needInput
        /// The data is corrupt; zlib's message.
        case corrupt(String)
    }

    private let stream: UnsafeMutablePointer<z_stream>
    private var initialized = false

    init() throws(ReadError) {
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 15 + 32: the largest window, with automatic gzip or zlib header detection.
        let status = inflateInit2_(stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deallocate()
            throw ReadError.decompression("zlib could not start (status \(status))")
        }
        initialized = true
    }

    deinit {
        if initialized { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Bytes of input not yet consumed.
    var availableInput: Int { Int(stream.pointee.avail_in) }

    /// Points zlib at new input; the memory must stay valid while it is being consumed.
    func setInput(_ pointer: UnsafeMutablePointer<UInt8>, count: Int) {
        stream.pointee.next_in = pointer
        stream.pointee.avail_in = UInt32(count)
    }

    /// The next unconsumed input byte.
    var nextInput: UnsafeMutablePointer<UInt8>? { stream.pointee.next_in }

    /// Inflates into `output`; returns the step and the number of bytes produced.
    func inflate(into output: UnsafeMutableRawBufferPointer) -> (Step, Int) {
        guard let base = output.baseAddress, output.count > 0 else { return (.progress, 0) }
        stream.pointee.next_out = base.assumingMemoryBound(to: UInt8.self)
        stream.pointee.avail_out = UInt32(min(output.count, Int(UInt32.max)))
        let status = CZlib.inflate(stream, Z_NO_FLUSH)
        let produced = output.count - Int(stream.pointee.avail_out)
        switch status {
        case Z_STREAM_END: return (.memberEnd, produced)
        case Z_OK: return (.progress, produced)
        case Z_BUF_ERROR: return (produced > 0 ? .progress : .needInput, produced)
        case Z_DATA_ERROR, Z_NEED_DICT:
            let message = stream.pointee.msg.map { String(cString: $0) } ?? "invalid compressed data"
            return (.corrupt(message), produced)
        default:
            return (.corrupt("zlib status \(status)"), produced)
        }
    }

    /// Starts over for the next member, keeping the pending input.
    func reset() {
        inflateReset(stream)
    }
}
