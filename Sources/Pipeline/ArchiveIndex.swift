import Replay
import TrailJSON
import TrailReader

/// What one process must know of a whole archive to analyze a part of it exactly as a run over the whole would:
/// the sessions issued (the essentials of each issuing record), the policy-change records and, per authorization
/// failure, its eventID and file (so that a delivery replayed in another part is counted as a duplicate here).
///
/// Written by `trailreplay index` as JSON Lines, one entry per line, in the order of the files (see the README,
/// "Archive index"); read by `analyze --index`. The entries of several parts concatenated in file order are the
/// index of the whole.
public struct ArchiveIndex: Sendable {
    /// One line of the index.
    public enum Entry: Sendable, Equatable {
        /// A session-issuing record, reduced to what the session index reads (`SessionIndex.essentials`).
        case session(file: String, record: JSONValue)
        /// A successful record that changed a policy, whole.
        case policyChange(file: String, record: JSONValue)
        /// An authorization failure's eventID.
        case failure(file: String, eventID: String)

        public var json: JSONValue {
            switch self {
            case .session(let file, let record):
                return ["kind": "session", "file": .string(file), "record": record]
            case .policyChange(let file, let record):
                return ["kind": "policyChange", "file": .string(file), "record": record]
            case .failure(let file, let eventID):
                return ["kind": "failure", "file": .string(file), "eventID": .string(eventID)]
            }
        }

        /// The entry a line holds, or why it holds none.
        public init(json value: JSONValue) throws(EntryError) {
            guard let kind = value["kind"]?.stringValue else { throw .init("no `kind`") }
            guard let file = value["file"]?.stringValue else { throw .init("no `file`") }
            switch kind {
            case "session", "policyChange":
                guard let record = value["record"], record.objectValue != nil else { throw .init("no `record` object") }
                self = kind == "session" ? .session(file: file, record: record) : .policyChange(file: file, record: record)
            case "failure":
                guard let eventID = value["eventID"]?.stringValue else { throw .init("no `eventID`") }
                self = .failure(file: file, eventID: eventID)
            default:
                throw .init("unknown kind `\(kind)`")
            }
        }
    }

    /// Why a line is not an index entry.
    public struct EntryError: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = "not an index entry: " + description }
    }

    /// The session-issuing records, in index order.
    public private(set) var sessions: [JSONValue] = []
    /// The policy-change records, in index order.
    public private(set) var policyChanges: [PolicyChange] = []
    /// The file of each failure's first delivery in the index.
    private var firstDelivery: [EventKey: String] = [:]
    /// Failures whose eventID an earlier entry had: what a run over the whole archive counts as duplicates.
    public private(set) var duplicateDeliveries = 0

    public init() {}

    public init(_ entries: some Sequence<Entry>) {
        for entry in entries { add(entry) }
    }

    public mutating func add(_ entry: Entry) {
        switch entry {
        case .session(_, let record):
            sessions.append(record)
        case .policyChange(let file, let record):
            if var change = PolicyChange(record: record) {
                change.file = file
                policyChanges.append(change)
            }
        case .failure(let file, let eventID):
            guard FieldLimit.eventID.admits(eventID) else { return }
            let key = EventKey(eventID)
            if firstDelivery[key] == nil {
                firstDelivery[key] = file
            } else {
                duplicateDeliveries += 1
            }
        }
    }

    /// The failures whose first delivery is in none of `files`: a run over `files` counts them as duplicates.
    public func deliveredElsewhere(than files: Set<String>) -> Set<EventKey> {
        Set(firstDelivery.lazy.filter { !files.contains($0.value) }.map(\.key))
    }

    /// Reads an index file line by line; a line that is not an entry is one diagnostic naming the file and line,
    /// and the rest is read.
    public static func read(path: String, maxLineBytes: Int = 64 << 20) -> (index: ArchiveIndex, read: JSONLinesReader.Outcome) {
        var index = ArchiveIndex()
        let read = JSONLinesReader(maxLineBytes: maxLineBytes).read(path: path) { _, value in
            do throws(EntryError) {
                index.add(try Entry(json: value))
                return nil
            } catch {
                return error.description
            }
        }
        return (index, read)
    }
}
