#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TrailJSON

/// Which records a read hands on.
public enum RecordSelection: Sendable, Equatable {
    /// Records whose top-level errorCode is an authorization failure (`AuthorizationFailureCodes`).
    case authorizationFailures
    /// Every record.
    case all
    /// Successful records of these events from this source (for example the STS calls that issue sessions).
    case successfulEvents(eventSource: String, eventNames: Set<String>)
    /// Records with these eventIDs, whatever their outcome.
    case eventIDs(Set<String>)
    /// Records whose eventID starts with this text (a table's short eventID), whatever their outcome.
    case eventIDPrefix(String)
    /// Authorization failures and the successful records of these events, by event source (`analyze`'s one pass).
    case failuresAndSuccessful(EventNames)
    /// Authorization failures and the other records a candidate change can reach (`whatif`); records that
    /// failed for another reason are not selected.
    case failuresAndReachable(ReachableRecords)
}

/// What a read selects and how far it trusts its input.
public struct ReadOptions: Sendable {
    public var selection: RecordSelection
    /// Select every record instead of only authorization failures.
    public var selectAll: Bool { selection == .all }
    public var filter: ReadFilter
    /// A record larger than this is reported and skipped rather than buffered.
    public var maxRecordBytes: Int
    /// Diagnostics shown per file before the rest are only counted.
    public var maxDiagnosticsPerFile: Int
    /// Which members of a selected record are built into its `value` (all, unless told).
    public var parsedMembers = ParsedMembers.all

    public init(selectAll: Bool = false, filter: ReadFilter = ReadFilter(), maxRecordBytes: Int = 64 << 20,
        maxDiagnosticsPerFile: Int = 20)
    {
        self.init(selection: selectAll ? .all : .authorizationFailures, filter: filter, maxRecordBytes: maxRecordBytes,
            maxDiagnosticsPerFile: maxDiagnosticsPerFile)
    }

    public init(selection: RecordSelection, filter: ReadFilter = ReadFilter(), maxRecordBytes: Int = 64 << 20,
        maxDiagnosticsPerFile: Int = 20)
    {
        self.selection = selection
        self.filter = filter
        self.maxRecordBytes = maxRecordBytes
        self.maxDiagnosticsPerFile = maxDiagnosticsPerFile
    }
}

/// A record that passed selection, fully decoded; `bytes` is valid only during the callback.
public struct SelectedRecord {
    public var ordinal: Int
    /// The CloudTrail record's JSON text (unwrapped from EventBridge or lookup-events when needed).
    public var bytes: UnsafeRawBufferPointer
    public var value: JSONValue
    public var eventID: String?
    public var isAuthorizationFailure: Bool
    /// False for a record `.failuresAndReachable` selects beyond the change's reach, for the sessions it issues.
    public var withinReach = true
}

/// The outcome of reading one file.
public struct FileReadResult: Sendable {
    public var file: LogFile
    public var statistics = ReadStatistics()
    public var diagnostics: [ReadDiagnostic] = []
    /// Whether every byte of the file went to the read's observer (false when it could not be read to its end).
    public var observedWholeFile = false
}

/// Reads one CloudTrail input end to end: bytes → (gunzip) → records → selection, losing nothing silently.
public struct LogFileReader: Sendable {
    public var options: ReadOptions

    public init(options: ReadOptions = ReadOptions()) {
        self.options = options
    }

    /// Reads `file`, calling `sink` with each selected record in file order.
    public func read(_ file: LogFile, sink: (SelectedRecord) -> Void) -> FileReadResult {
        read(file, observe: nil, sink: sink)
    }

    /// Reads `file` as `read(_:sink:)` does, handing `observe` every byte of it as read, to its end.
    public func read(_ file: LogFile, observe: ((UnsafeRawBufferPointer) -> Void)?,
        sink: (SelectedRecord) -> Void) -> FileReadResult
    {
        var run = FileRun(file: file, options: options)
        if let source = file.source {
            let stream: any LogByteStream
            do throws(LogByteSourceError) {
                stream = try source.open()
            } catch {
                run.fail(nil, "cannot open: \(error.reason)")
                return run.result()
            }
            defer { stream.close() }
            let capacity = min(256 << 10, max((source.expectedSize ?? 256 << 10) + 1, 4096))
            return read(ChunkedInput(.stream(stream), capacity: capacity), run: &run, observe: observe, sink: sink)
        }
        let fd: Int32
        if file.isStandardInput {
            fd = 0
        } else {
            fd = open(file.path, O_RDONLY)
            if fd < 0 {
                run.fail(nil, "cannot open: \(String(cString: strerror(errno)))")
                return run.result()
            }
        }
        defer { if fd != 0 { close(fd) } }
        // Most CloudTrail files are a few kilobytes: size the buffers to the file, not to the largest case.
        var info = stat()
        let chunk = 256 << 10
        let size = fd != 0 && fstat(fd, &info) == 0 ? Int(info.st_size) : chunk
        return read(ChunkedInput(fd: fd, capacity: min(chunk, max(size + 1, 4096))), run: &run, observe: observe, sink: sink)
    }

    private func read(_ input: ChunkedInput, run: inout FileRun, observe: ((UnsafeRawBufferPointer) -> Void)?,
        sink: (SelectedRecord) -> Void) -> FileReadResult
    {
        guard let observe else {
            run.read(input, sink: sink)
            return run.result()
        }
        input.observer = observe
        defer { input.observer = nil }
        run.read(input, sink: sink)
        var result = run.result()
        result.observedWholeFile = !run.readFailed && input.drain()
        return result
    }
}

/// The state of one file being read: its counts, its diagnostics, and the record selection rules.
struct FileRun {
    let file: LogFile
    let options: ReadOptions
    var statistics = ReadStatistics()
    var diagnostics: [ReadDiagnostic] = []
    var suppressed = 0
    var failed = false
    var nonRecords = 0
    var firstNonRecord = 0
    /// A read from the descriptor failed (not a problem in the bytes).
    var readFailed = false

    init(file: LogFile, options: ReadOptions) {
        self.file = file
        self.options = options
    }

    func result() -> FileReadResult {
        var result = FileReadResult(file: file)
        result.statistics = statistics
        if failed { result.statistics.filesFailed = 1 } else { result.statistics.filesRead = 1 }
        result.diagnostics = diagnostics
        if suppressed > 0 {
            result.diagnostics.append(ReadDiagnostic(.warning, file: file.displayName,
                message: "\(suppressed) more problems in this file not shown"))
        }
        return result
    }

    mutating func note(_ severity: ReadDiagnostic.Severity, record: Int? = nil, offset: Int? = nil,
        compressed: Bool = false, _ message: String)
    {
        if diagnostics.count >= options.maxDiagnosticsPerFile {
            suppressed += 1
            return
        }
        diagnostics.append(ReadDiagnostic(severity, file: file.displayName, record: record, offset: offset,
            compressedOffset: compressed, message: message))
    }

    mutating func fail(_ offset: Int?, compressed: Bool = false, _ message: String) {
        failed = true
        note(.error, offset: offset, compressed: compressed, message)
    }

    // MARK: - Bytes

    mutating func read(_ input: ChunkedInput, sink: (SelectedRecord) -> Void) {
        var splitter = RecordSplitter(maxRecordBytes: options.maxRecordBytes, chunkSize: min(256 << 10, max(input.capacity * 4, 16 << 10)))
        do {
            try input.fill()
            // A read may come short (a pipe, a stream): the format is told once its first bytes are all in.
            while !input.atEnd, input.count < input.capacity, StreamFormat.needsMoreBytes(input.bytes) {
                try input.fill(keeping: input.count)
            }
            switch StreamFormat.detect(input.bytes) {
            case .gzip, .zlib:
                try inflate(input, into: &splitter, sink: sink)
            case .json:
                try copy(input, into: &splitter, sink: sink)
            case .unknown(let first):
                fail(0, "not a CloudTrail log: neither gzip nor JSON (first byte 0x\(String(first, radix: 16)))")
                return
            }
        } catch {
            readFailed = true
            fail(input.totalRead, compressed: true, "read error: \(error.description)")
        }
        statistics.compressedBytes = input.totalRead
        statistics.decompressedBytes = splitter.streamOffset
        splitter.finish { self.handle($0, sink: sink) }
        // A file cut short failed, even when its only diagnostic is the record it cut.
        if splitter.endedInsideDocument { failed = true }
        closeNonRecords()
    }

    private mutating func copy(_ input: ChunkedInput, into splitter: inout RecordSplitter,
        sink: (SelectedRecord) -> Void) throws(ReadError)
    {
        while true {
            splitter.append(input.bytes)
            splitter.scan { self.handle($0, sink: sink) }
            if input.atEnd { return }
            try input.fill()
        }
    }

    private mutating func inflate(_ input: ChunkedInput, into splitter: inout RecordSplitter,
        sink: (SelectedRecord) -> Void) throws(ReadError)
    {
        if input.count < input.capacity, StreamFormat.detect(input.bytes) == .gzip {
            // A file that fits the first chunk whole is decompressed in one call when it is one sound member.
            while !input.atEnd && input.count < input.capacity { try input.fill(keeping: input.count) }
            if input.atEnd, let size = WholeGzip.statedSize(of: input.bytes, limit: WholeGzip.limit) {
                // Decompressed straight into the splitter's buffer and scanned in one go.
                var taken = false
                _ = splitter.withWritableSpace(minimum: size) { space in
                    taken = WholeGzip.decompress(input.bytes, into: UnsafeMutableRawBufferPointer(rebasing: space[..<size]))
                    return taken ? size : 0
                }
                if taken {
                    splitter.scan { self.handle($0, sink: sink) }
                    return
                }
            }
        }
        let inflater = try InflateStream()
        inflater.setInput(input.buffer, count: input.count)
        var memberOpen = true
        while true {
            if inflater.availableInput == 0 {
                if input.atEnd { break }
                try input.fill()
                if input.count == 0 { break }
                inflater.setInput(input.buffer, count: input.count)
            }
            if !memberOpen {
                guard try seekMember(inflater, input, afterCorruption: false) else { return }
                memberOpen = true
            }
            var step = InflateStream.Step.progress
            _ = splitter.withWritableSpace { out in
                let (next, produced) = inflater.inflate(into: out)
                step = next
                return produced
            }
            splitter.scan { self.handle($0, sink: sink) }
            switch step {
            case .progress, .needInput:
                continue
            case .memberEnd:
                memberOpen = false
            case .corrupt(let message):
                fail(input.totalRead - inflater.availableInput, compressed: true, "corrupt gzip data: \(message)")
                splitter.discontinuity { self.handle($0, sink: sink) }
                guard try seekMember(inflater, input, afterCorruption: true) else { return }
                note(.warning, offset: input.totalRead - inflater.availableInput, compressed: true,
                    "resumed at the next gzip member")
            }
        }
        if memberOpen {
            fail(input.totalRead, compressed: true, "truncated gzip stream: input ends inside a member")
        }
    }

    /// Finds the next gzip member header (`1f 8b 08`) from the pending input on, reading on as needed (a
    /// header split across two reads is kept whole), and restarts the inflater there. After a member's end,
    /// zero padding is skipped silently and any other bytes get one error with their offset and count; after
    /// corrupt data (already reported) the skipped bytes are only counted. Returns false at the end of input.
    private mutating func seekMember(_ inflater: InflateStream, _ input: ChunkedInput, afterCorruption: Bool)
        throws(ReadError) -> Bool
    {
        var start = inflater.nextInput ?? input.buffer
        var available = inflater.availableInput
        // The pending input is the tail of the current chunk, so `start[i]` lies at this file offset.
        let offset = { (i: Int) in input.totalRead - available + i }
        var skipFrom: Int?
        var skipped = 0
        let skip = { (i: Int) in
            if start[i] != 0 || afterCorruption || skipFrom != nil {
                if skipFrom == nil { skipFrom = offset(i) }
                skipped += 1
            }
        }
        var i = 0
        if afterCorruption && available > 0 {
            skip(0)  // never the header that just failed
            i = 1
        }
        while true {
            while i < available {
                if start[i] == 0x1F {
                    if available - i < 3 { break }
                    if start[i + 1] == 0x8B && start[i + 2] == 0x08 {
                        inflater.setInput(start + i, count: available - i)
                        inflater.reset()
                        reportSkipped(skipped, at: skipFrom, afterCorruption: afterCorruption, beforeMember: true)
                        return true
                    }
                }
                skip(i)
                i += 1
            }
            if input.atEnd {
                while i < available { skip(i); i += 1 }
                inflater.setInput(input.buffer, count: 0)
                reportSkipped(skipped, at: skipFrom, afterCorruption: afterCorruption, beforeMember: false)
                return false
            }
            try input.fill(keeping: available - i)
            start = input.buffer
            available = input.count
            i = 0
        }
    }

    /// Counts the compressed bytes skipped looking for a member; bytes that are not gzip data between or
    /// after members are an error of their own (corrupt data was reported where it was found).
    private mutating func reportSkipped(_ count: Int, at offset: Int?, afterCorruption: Bool, beforeMember: Bool) {
        guard count > 0 else { return }
        statistics.compressedBytesSkipped += count
        guard !afterCorruption else { return }
        let place = beforeMember ? "between gzip members" : "after the last gzip member"
        fail(offset, compressed: true, "\(count) byte\(count == 1 ? "" : "s") \(place) are not gzip data (skipped)")
    }

    // MARK: - Records

    mutating func handle(_ event: RecordSplitter.Event, sink: (SelectedRecord) -> Void) {
        switch event {
        case .record(let raw):
            handle(raw, sink: sink)
        case .unreadable(let ordinal, let offset, let message):
            statistics.recordsRead += 1
            statistics.recordsUnreadable += 1
            note(.error, record: ordinal, offset: offset, message)
        case .problem(let offset, let message):
            fail(offset, message)
        }
    }

    private mutating func handle(_ raw: RecordSplitter.RawRecord, sink: (SelectedRecord) -> Void) {
        if raw.isLookupEntry {
            let entry: JSONValue
            do {
                entry = try JSONParser.parse(raw.bytes)
            } catch {
                unreadable(raw.ordinal, "invalid lookup-events entry: \(error)")
                return
            }
            guard let text = entry["CloudTrailEvent"]?.stringValue else {
                unreadable(raw.ordinal, "lookup-events entry has no CloudTrailEvent string")
                return
            }
            var inner = Array(text.utf8)
            inner.withUnsafeMutableBytes { buffer in
                let bytes = UnsafeRawBufferPointer(buffer)
                guard let fields = RecordSplitter.fields(ofSingleRecord: bytes) else {
                    unreadable(raw.ordinal, "CloudTrailEvent is not one JSON object")
                    return
                }
                consider(ordinal: raw.ordinal, bytes: bytes, fields: fields, sink: sink)
            }
            return
        }
        if !raw.fields.looksLikeRecord, raw.fields.range(of: .detailType) != nil,
            let detail = raw.fields.range(of: .detail)
        {
            let bytes = UnsafeRawBufferPointer(rebasing: raw.bytes[detail])
            if let fields = RecordSplitter.fields(ofSingleRecord: bytes) {
                consider(ordinal: raw.ordinal, bytes: bytes, fields: fields, sink: sink)
                return
            }
        }
        consider(ordinal: raw.ordinal, bytes: raw.bytes, fields: raw.fields, sink: sink)
    }

    private mutating func consider(ordinal: Int, bytes: UnsafeRawBufferPointer, fields: RecordFields,
        sink: (SelectedRecord) -> Void)
    {
        guard fields.looksLikeRecord else {
            if nonRecords == 0 { firstNonRecord = ordinal }
            nonRecords += 1
            return
        }
        statistics.recordsRead += 1
        let filter = options.filter
        if !filter.isEmpty {
            let named = file.key != nil
            let admitted = filter.admits(
                eventTime: filter.hasTimeRange ? fields.rawString(.eventTime, in: bytes) ?? UnsafeRawBufferPointer(start: nil, count: 0) : nil,
                account: named ? nil : fields.string(.recipientAccountId, in: bytes),
                region: named ? nil : fields.string(.awsRegion, in: bytes))
            if !admitted {
                statistics.recordsFiltered += 1
                return
            }
        }
        let isFailure = fields.rawString(.errorCode, in: bytes).map(AuthorizationFailureCodes.isAuthorizationFailure(bytes:)) ?? false
        let selected: Bool
        var withinReach = true
        switch options.selection {
        case .authorizationFailures:
            selected = isFailure
        case .all:
            selected = true
        case .successfulEvents(let source, let names):
            selected = fields.range(of: .errorCode) == nil && fields.string(.eventSource, in: bytes) == source
                && fields.string(.eventName, in: bytes).map(names.contains) == true
        case .eventIDs(let ids):
            selected = fields.string(.eventID, in: bytes).map(ids.contains) == true
        case .eventIDPrefix(let prefix):
            selected = fields.string(.eventID, in: bytes)?.hasPrefix(prefix) == true
        case .failuresAndSuccessful(let events):
            selected = isFailure || fields.range(of: .errorCode) == nil && fields.isEvent(of: events, in: bytes)
        case .failuresAndReachable(let reach):
            // A call that failed for another reason than authorization is out of any policy change's reach.
            let succeeded = fields.rawString(.errorCode, in: bytes) == nil
            selected = isFailure || succeeded && reach.admits(bytes, fields)
            if !selected && succeeded && reach.keeps(bytes, fields) { withinReach = false }
        }
        guard selected || !withinReach else {
            statistics.recordsNotSelected += 1
            return
        }
        let value: JSONValue
        do {
            value = try options.parsedMembers.parse(bytes, fields: fields, isFailure: isFailure)
        } catch {
            // Already counted as read above: it moves to the unreadable bucket, not into a second record.
            unreadable(ordinal, "invalid record: \(error)", alreadyRead: true)
            return
        }
        if withinReach { statistics.recordsSelected += 1 } else { statistics.recordsNotSelected += 1 }
        sink(SelectedRecord(ordinal: ordinal, bytes: bytes, value: value,
            eventID: value["eventID"]?.stringValue, isAuthorizationFailure: isFailure, withinReach: withinReach))
    }

    /// Counts a record that cannot be read (and, unless `alreadyRead`, counts it as read) with its diagnostic.
    private mutating func unreadable(_ ordinal: Int, _ message: String, alreadyRead: Bool = false) {
        if !alreadyRead { statistics.recordsRead += 1 }
        statistics.recordsUnreadable += 1
        note(.error, record: ordinal, message)
    }

    /// Objects that are not CloudTrail records: a file of nothing else is not a log; otherwise they are
    /// unreadable records.
    private mutating func closeNonRecords() {
        guard nonRecords > 0 else { return }
        if statistics.recordsRead == 0 {
            fail(nil, "not a CloudTrail log: no record has eventName, eventSource or eventID")
            return
        }
        statistics.recordsRead += nonRecords
        statistics.recordsUnreadable += nonRecords
        note(.error, record: firstNonRecord,
            "\(nonRecords) JSON object(s) without eventName, eventSource or eventID are not CloudTrail records (first shown)")
    }
}
