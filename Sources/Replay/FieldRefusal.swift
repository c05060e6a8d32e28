/// A record field whose value is longer than AWS allows (`FieldLimit`), refused before anything copies it.
public struct FieldRefusal: Sendable, Equatable, CustomStringConvertible {
    /// What the refusal does to the replay of the record.
    public enum Effect: Sendable, Equatable {
        /// The field decides the request (the caller, the action, a resource, a context key): the request is unknown.
        case requestUnknown
        /// The field only comments on the call (AWS's message, the event id): it is left out, the rest is replayed.
        case fieldIgnored
    }

    /// Where the value sits in the record: `userIdentity.arn`, `resources[0].ARN`, `requestParameters.key`.
    public var field: String
    /// The value's length in UTF-8 bytes.
    public var bytes: Int
    public var limit: FieldLimit
    public var effect: Effect

    public init(field: String, bytes: Int, limit: FieldLimit, effect: Effect) {
        self.field = field
        self.bytes = bytes
        self.limit = limit
        self.effect = effect
    }

    /// For a result's reason: names the field and the limit but not the length, so that a summary counts one reason.
    public var reason: String {
        "`\(field)` is longer than AWS allows for \(limit.name) (\(FieldRefusal.grouped(limit.maximum)) \(limit.unit.rawValue))"
    }

    /// The diagnostic line: the field, its length, the limit with its source, and what happens to the record.
    public var description: String {
        "`\(field)` is \(FieldRefusal.grouped(bytes)) bytes, over the \(FieldRefusal.grouped(limit.maximum)) "
            + "\(limit.unit.rawValue) AWS allows for \(limit.name) (\(limit.source)); "
            + (effect == .requestUnknown ? "the request is unknown" : "the field is ignored")
    }

    /// `46000017` → `46,000,017`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (i, digit) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}

/// Reads record strings through their limits, keeping the refusals in the order met.
struct FieldCheck: Sendable {
    var refusals: [FieldRefusal] = []

    /// `value` when it fits `limit`; nil (and a refusal) when it is longer.
    mutating func admit(_ value: String?, _ field: @autoclosure () -> String, _ limit: FieldLimit,
        effect: FieldRefusal.Effect = .requestUnknown) -> String?
    {
        guard let value else { return nil }
        if limit.admits(value) { return value }
        refusals.append(FieldRefusal(field: field(), bytes: value.utf8.count, limit: limit, effect: effect))
        return nil
    }

    /// Whether every value fits, refusing each one that does not.
    mutating func admitAll(_ values: [String], _ field: (Int) -> String, _ limit: FieldLimit) -> Bool {
        var fits = true
        for (i, value) in values.enumerated() where admit(value, field(i), limit) == nil { fits = false }
        return fits
    }
}
