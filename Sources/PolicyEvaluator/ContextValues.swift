/// A condition key's values in a request: one value held inline (as the keys the evaluator implies have, so that
/// implying them allocates no list), or the request's list.
struct ContextValues: RandomAccessCollection, Equatable, Sendable, ExpressibleByArrayLiteral {
    private enum Storage: Equatable, Sendable {
        case one(String)
        case many([String])
    }

    private let storage: Storage

    /// A single value.
    init(one value: String) { storage = .one(value) }

    /// Every value of a list, in order.
    init(_ values: [String]) { storage = .many(values) }

    init(arrayLiteral elements: String...) { storage = .many(elements) }

    var startIndex: Int { 0 }

    var endIndex: Int {
        switch storage {
        case .one: 1
        case .many(let values): values.count
        }
    }

    subscript(position: Int) -> String {
        switch storage {
        case .one(let value):
            precondition(position == 0, "index out of range")
            return value
        case .many(let values):
            return values[position]
        }
    }

    /// The values as a list.
    var array: [String] {
        switch storage {
        case .one(let value): [value]
        case .many(let values): values
        }
    }

    static func == (lhs: ContextValues, rhs: ContextValues) -> Bool { lhs.elementsEqual(rhs) }
}
