import CZlib
import Foundation
import TrailJSON
@testable import TrailReader

/// What a splitter run produced, in a form tests can compare.
struct SplitOutcome: Equatable {
    var records: [String] = []
    var unreadable: [Int] = []
    var problems: [String] = []
}

/// Feeds `text` to a splitter in chunks of `chunk` bytes and collects what it emits.
func split(_ text: String, chunk: Int = .max, maxRecordBytes: Int = 1 << 20) -> SplitOutcome {
    split(Array(text.utf8), chunk: chunk, maxRecordBytes: maxRecordBytes)
}

func split(_ bytes: [UInt8], chunk: Int = .max, maxRecordBytes: Int = 1 << 20) -> SplitOutcome {
    var splitter = RecordSplitter(maxRecordBytes: maxRecordBytes, chunkSize: 64)
    var outcome = SplitOutcome()
    let collect = { (event: RecordSplitter.Event) in
        switch event {
        case .record(let raw): outcome.records.append(String(decoding: raw.bytes, as: UTF8.self))
        case .unreadable(let ordinal, _, _): outcome.unreadable.append(ordinal)
        case .problem(_, let message): outcome.problems.append(message)
        }
    }
    var offset = 0
    while offset < bytes.count {
        let end = min(bytes.count, offset + chunk)
        bytes[offset..<end].withUnsafeBytes { splitter.append($0) }
        splitter.scan(collect)
        offset = end
    }
    splitter.finish(collect)
    return outcome
}

/// Gzip-compresses `bytes` as one member, the way CloudTrail writes its files.
func gzip(_ bytes: [UInt8], level: Int32 = 6, windowBits: Int32 = 31) -> [UInt8] {
    var stream = z_stream()
    deflateInit2_(&stream, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    defer { deflateEnd(&stream) }
    var input = bytes
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 64)
    let produced = input.withUnsafeMutableBufferPointer { inBuffer in
        output.withUnsafeMutableBufferPointer { outBuffer in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = UInt32(inBuffer.count)
            stream.next_out = outBuffer.baseAddress
            stream.avail_out = UInt32(outBuffer.count)
            deflate(&stream, Z_FINISH)
            return outBuffer.count - Int(stream.avail_out)
        }
    }
    return Array(output[0..<produced])
}

func gzip(_ text: String) -> [UInt8] { gzip(Array(text.utf8)) }

/// A temporary directory removed when the value is released.
final class TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "trailreplay-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `bytes` at `relative` (creating folders) and returns the full path.
    @discardableResult
    func write(_ relative: String, _ bytes: [UInt8]) -> String {
        let full = path + "/" + relative
        try? FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: full, contents: Data(bytes))
        return full
    }

    @discardableResult
    func write(_ relative: String, _ text: String) -> String { write(relative, Array(text.utf8)) }
}

/// A minimal CloudTrail record with the given error code and eventID.
func record(_ id: String, errorCode: String? = nil, time: String = "2026-11-28T10:00:00Z",
    account: String = "111122223333", region: String = "us-east-1", extra: String = "") -> String
{
    var text = #"{"eventVersion":"1.09","eventTime":"\#(time)","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"\#(region)","eventID":"\#(id)","recipientAccountId":"\#(account)""#
    if let errorCode { text += #","errorCode":"\#(errorCode)","errorMessage":"Access Denied""# }
    text += extra + "}"
    return text
}

/// Reads one file with the reader and returns its result and the eventIDs selected.
func readFile(_ path: String, options: ReadOptions = ReadOptions(), key: CloudTrailKey? = nil) -> (FileReadResult, [String]) {
    var ids: [String] = []
    let result = LogFileReader(options: options).read(LogFile(path: path, key: key)) { record in
        ids.append(record.eventID ?? "?")
    }
    return (result, ids)
}

/// Reads `bytes` as one file through the reader (written to `directory` under `name`).
func readBytes(_ bytes: [UInt8], in directory: TemporaryDirectory, name: String = "input.json",
    options: ReadOptions = ReadOptions(selectAll: true)) -> (FileReadResult, [String])
{
    readFile(directory.write(name, bytes), options: options)
}
