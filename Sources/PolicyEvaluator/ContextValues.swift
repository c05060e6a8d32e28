/// A condition key's values in a request: one value held inline (as the keys the evaluator implies have, so that
/// implying them allocates no list), or the request's list.
struct ContextValues: RandomAccessCollection, Equatable, Sendable, ExpressibleByArrayLiteral {
    /// The list, or nil for the single value `single` (two plain fields, so that a copy needs no switch).
    private let list: [String]?
    private let single: String

    /// A single value.
    init(one value: String) {
        list = nil
        single = value
    }

    /// Every value of a list, in order.
    init(_ values: [String]) {
        list = values
        single = ""
    }

    init(arrayLiteral elements: String...) { self.init(elements) }

    var startIndex: Int { 0 }

    var endIndex: Int { list?.count ?? 1 }

    subscript(position: Int) -> String {
        if let list { return list[position] }
        precondition(position == 0, "index out of range")
        return single
    }

    /// The values as a list.
    var array: [String] { list ?? [single] }

    static func == (lhs: ContextValues, rhs: ContextValues) -> Bool { lhs.elementsEqual(rhs) }
}
