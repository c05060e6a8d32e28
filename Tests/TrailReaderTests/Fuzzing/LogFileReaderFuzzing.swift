#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CZlib
import CivilTime
import TrailJSON
@testable import TrailReader

/// The fuzz entry of `Fuzz/gzip-reader` (also run by `FuzzRegressionTests`): reads arbitrary bytes as a log
/// file (gzip, zlib or plain, as detected) through the reader's own input chunks and returns every broken
/// invariant, empty when the reader behaved.
///
/// Checked: `read = selected + not selected + outside filters + unreadable`; the sink sees exactly the
/// selected records, in order; an unreadable record or a failed file has a diagnostic naming the file; what is
/// read does not depend on the input's chunk size (for plain text, and for a gzip stream that zlib reads cleanly
/// member after member); such a gzip stream is decompressed completely; filters and selection only move
/// records between buckets. A difference explained by a known bug is reported apart, in `knownIssues`.
public enum LogFileReaderFuzzing {
    /// Broken invariants, and those explained by a known, not yet fixed bug.
    public struct Report {
        public var violations: [String] = []
        public var knownIssues: [String] = []
    }

    /// A gzip member header cut by a chunk boundary ends the file (being fixed on another branch).
    static let memberBoundaryIssue = "ignored trailing bytes after the last gzip member"

    /// What one read found, copied out of the reader's buffers.
    struct Outcome: Equatable {
        var statistics: ReadStatistics
        var selected: [Int: [UInt8]] = [:]
        var order: [Int] = []
        var diagnostics: [ReadDiagnostic] = []
    }

    static let name = "fuzz-input"

    public static func check(_ data: UnsafeRawBufferPointer) -> Report {
        var report = Report()
        guard let file = FuzzInputFile(holding: data) else {
            report.violations.append("cannot write the temporary input file")
            return report
        }
        // The reader's own choice of chunk (the file's size, at least 4 KiB), then a small one, as a pipe gives.
        let production = min(256 << 10, max(data.count + 1, 4096))
        let small = 1 + Int(RecordSplitterFuzzing.fnv1a(Array(data)) % 97)
        let all = ReadOptions(selection: .all)
        let big = read(file, capacity: production, options: all)
        let chunked = read(file, capacity: small, options: all)
        report.violations += invariants(big, input: data.count, label: "chunk \(production)")
        report.violations += invariants(chunked, input: data.count, label: "chunk \(small)")
        let clean = cleanGzipLength(data)
        let isPlain = data.count < 2 || StreamFormat.detect(data) == .json
        func add(_ message: String, knownIf known: Bool) {
            if known { report.knownIssues.append(message) } else { report.violations.append(message) }
        }
        if isPlain || clean != nil {
            // `compressedBytes` may differ: reading stops once the data ends, wherever the chunk ends.
            var a = big, b = chunked
            a.statistics.compressedBytes = 0
            b.statistics.compressedBytes = 0
            if a != b {
                add("chunk \(small) reads differently from chunk \(production): \(b.statistics.summary()) "
                    + "\(b.diagnostics.prefix(2)) vs \(a.statistics.summary()) \(a.diagnostics.prefix(2))",
                    knownIf: clean != nil && (a.diagnostics + b.diagnostics).contains { $0.message == memberBoundaryIssue })
            }
        }
        if let clean, big.statistics.decompressedBytes != clean {
            add("gzip stream of \(clean) bytes decompressed to \(big.statistics.decompressedBytes)",
                knownIf: big.diagnostics.contains { $0.message == memberBoundaryIssue })
        }
        // Selection and filters only move records between buckets.
        let filter = ReadFilter(accounts: ["111122223333"], regions: ["us-east-1"],
            time: TimeRange(from: UTCTime("2017-01-01T00:00:00Z"), to: UTCTime("2026-11-28T12:00:00Z")))
        let filtered = read(file, capacity: production, options: ReadOptions(selection: .authorizationFailures, filter: filter))
        report.violations += invariants(filtered, input: data.count, label: "filtered")
        if filtered.statistics.recordsRead != big.statistics.recordsRead
            || filtered.statistics.recordsUnreadable > big.statistics.recordsUnreadable
        {
            report.violations.append("filtered read: \(filtered.statistics.summary()), unfiltered \(big.statistics.summary())")
        }
        return report
    }

    static func read(_ file: FuzzInputFile, capacity: Int, options: ReadOptions) -> Outcome {
        lseek(file.fd, 0, SEEK_SET)
        var run = FileRun(file: LogFile(path: name, key: nil), options: options)
        var selected: [Int: [UInt8]] = [:]
        var order: [Int] = []
        run.read(ChunkedInput(fd: file.fd, capacity: capacity)) { record in
            order.append(record.ordinal)
            selected[record.ordinal] = Array(record.bytes)
        }
        let result = run.result()
        return Outcome(statistics: result.statistics, selected: selected, order: order, diagnostics: result.diagnostics)
    }

    static func invariants(_ outcome: Outcome, input: Int, label: String) -> [String] {
        var violations: [String] = []
        let s = outcome.statistics
        if !s.balances { violations.append("\(label): the accounting does not add up: \(s.summary())") }
        if s.filesRead + s.filesFailed != 1 { violations.append("\(label): \(s.filesRead) read, \(s.filesFailed) failed") }
        if outcome.order.count != s.recordsSelected || outcome.selected.count != s.recordsSelected {
            violations.append("\(label): \(outcome.order.count) records reached the sink, \(s.recordsSelected) selected")
        }
        if outcome.order != outcome.order.sorted() { violations.append("\(label): records out of order \(outcome.order)") }
        for (ordinal, bytes) in outcome.selected where (try? JSONParser.parse(bytes)) == nil {
            violations.append("\(label): selected record \(ordinal) is not valid JSON")
        }
        if s.hasFailures && outcome.diagnostics.isEmpty {
            violations.append("\(label): \(s.summary()) without a diagnostic")
        }
        for d in outcome.diagnostics where d.file != name || d.message.isEmpty {
            violations.append("\(label): diagnostic \(d) does not name the file")
        }
        if s.compressedBytes > input { violations.append("\(label): \(s.compressedBytes) bytes read of \(input)") }
        return violations
    }

    /// The decompressed length of `data` when it is one or more gzip members that zlib inflates without error,
    /// with nothing but zero padding between and after them; nil otherwise.
    static func cleanGzipLength(_ data: UnsafeRawBufferPointer) -> Int? {
        guard data.count >= 2, data[0] == 0x1F, data[1] == 0x8B, let base = data.baseAddress else { return nil }
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: 64 << 10)
        var total = 0
        var position = 0
        while true {
            stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: UInt8.self) + position)
            stream.avail_in = UInt32(data.count - position)
            var status = Z_OK
            while status == Z_OK {
                status = output.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    total += out.count - Int(stream.avail_out)
                    return status
                }
                if status == Z_BUF_ERROR && stream.avail_in == 0 { return nil }
            }
            guard status == Z_STREAM_END else { return nil }
            position = data.count - Int(stream.avail_in)
            while position < data.count && data[position] == 0 { position += 1 }
            if position == data.count { return total }
            guard data.count - position >= 2, data[position] == 0x1F, data[position + 1] == 0x8B else { return nil }
            inflateReset(&stream)
        }
    }
}

/// An unlinked temporary file holding one input, so that the reader reads a real descriptor.
final class FuzzInputFile {
    let fd: Int32

    init?(holding bytes: UnsafeRawBufferPointer) {
        var template = Array("/tmp/trailreplay-fuzz-XXXXXX".utf8CString)
        fd = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else { return nil }
        template.withUnsafeBufferPointer { buffer in _ = buffer.baseAddress.map { unlink($0) } }
        var written = 0
        while written < bytes.count, let base = bytes.baseAddress {
            let n = write(fd, base + written, bytes.count - written)
            guard n > 0 else { return nil }
            written += n
        }
    }

    deinit { close(fd) }
}
