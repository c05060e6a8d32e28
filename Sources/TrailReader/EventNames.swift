#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Event sources, each with the names of its events that a read keeps. A read asks it of every record, so it
/// matches a record's raw `eventSource` and `eventName` bytes as they are, without building strings; a field
/// written with escapes is decoded first.
public struct EventNames: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// Event source → event names.
    public let events: [String: Set<String>]
    private let sources: [Source]

    private struct Source: Sendable, Equatable {
        var bytes: [UInt8]
        var names: [[UInt8]]
    }

    public init(_ events: [String: Set<String>]) {
        self.events = events
        sources = events.sorted { $0.key < $1.key }.map { Source(bytes: Array($0.key.utf8), names: $0.value.sorted().map { Array($0.utf8) }) }
    }

    public init(dictionaryLiteral elements: (String, Set<String>)...) {
        self.init(Dictionary(elements) { $0.union($1) })
    }

    public var isEmpty: Bool { events.isEmpty }

    /// Whether the event `name` of `source` (both as raw string bytes, between the quotes) is kept.
    func contains(rawSource source: UnsafeRawBufferPointer, rawName name: UnsafeRawBufferPointer) -> Bool {
        guard let match = sources.first(where: { Self.equal($0.bytes, source) }) else { return false }
        return match.names.contains { Self.equal($0, name) }
    }

    private static func equal(_ bytes: [UInt8], _ raw: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count == raw.count else { return false }
        guard let base = raw.baseAddress, !bytes.isEmpty else { return true }
        return bytes.withUnsafeBytes { own in own.baseAddress.map { memcmp($0, base, raw.count) == 0 } ?? false }
    }
}
