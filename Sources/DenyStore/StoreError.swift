/// What can go wrong with the deny store, with the file and the operation it concerns.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case cannotWrite(path: String, operation: String, reason: String)
    case cannotRead(path: String, operation: String, reason: String)
    case cannotHash(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "cannot open the store `\(path)`: \(reason)"
        case .cannotWrite(let path, let operation, let reason):
            return "cannot write to the store `\(path)` (\(operation)): \(reason)"
        case .cannotRead(let path, let operation, let reason):
            return "cannot read the store `\(path)` (\(operation)): \(reason)"
        case .cannotHash(let path, let reason):
            return "cannot hash `\(path)`: \(reason)"
        }
    }
}
