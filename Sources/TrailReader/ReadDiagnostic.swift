/// One problem met while reading, tied to its file and, where known, the record and byte offset.
public struct ReadDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case warning, error }

    public var severity: Severity
    public var file: String
    /// 1-based ordinal of the record in its file.
    public var record: Int?
    /// Byte offset in the decompressed stream, or in the compressed file when `compressedOffset` is set.
    public var offset: Int?
    public var compressedOffset: Bool
    public var message: String

    public init(_ severity: Severity, file: String, record: Int? = nil, offset: Int? = nil,
        compressedOffset: Bool = false, message: String)
    {
        self.severity = severity
        self.file = file
        self.record = record
        self.offset = offset
        self.compressedOffset = compressedOffset
        self.message = message
    }

    public var description: String {
        var place = file
        if let record { place += ": record \(record)" }
        if let offset { place += " (\(compressedOffset ? "compressed " : "")byte \(offset))" }
        return "\(severity.rawValue): \(place): \(message)"
    }
}

/// A failure that stops reading one input.
public enum ReadError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case io(path: String, reason: String)
    case decompression(String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "cannot open `\(path)`: \(reason)"
        case .io(let path, let reason): return path.isEmpty ? "cannot read: \(reason)" : "cannot read `\(path)`: \(reason)"
        case .decompression(let message): return message
        }
    }
}
