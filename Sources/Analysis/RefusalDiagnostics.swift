import Replay
import TrailReader

extension RebuiltRequest {
    /// The one diagnostic of a record with values longer than AWS allows, naming the file, the record and each
    /// refused field; nil when nothing was refused. A warning: the record is still counted and gets its result
    /// (`unknown`, or replayed without the ignored field).
    public func refusalDiagnostic(file: String, record: Int) -> ReadDiagnostic? {
        guard !refusals.isEmpty else { return nil }
        return ReadDiagnostic(.warning, file: file, record: record,
            message: refusals.map(\.description).joined(separator: "; "))
    }
}

extension SessionIndexing {
    /// The one diagnostic of a session-issuing record that was refused or indexed without some field.
    public func diagnostic(file: String, record: Int) -> ReadDiagnostic? {
        switch self {
        case .ignored:
            return nil
        case .indexed(let ignored):
            guard !ignored.isEmpty else { return nil }
            return ReadDiagnostic(.warning, file: file, record: record,
                message: ignored.map(\.description).joined(separator: "; "))
        case .refused(let problem, let refusals):
            let details = refusals.map(\.description)
            return ReadDiagnostic(.warning, file: file, record: record,
                message: ([problem] + details).joined(separator: "; "))
        }
    }
}
