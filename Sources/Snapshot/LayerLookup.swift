/// What the snapshot says about one policy layer: its content, or why it cannot say.
/// A layer whose data is absent is `unknown`, so that no caller mistakes missing data for an allow.
public enum LayerLookup<Value: Sendable>: Sendable {
    case known(Value)
    case unknown(reason: UnknownReason)

    /// The value when known.
    public var value: Value? {
        if case .known(let value) = self { return value }
        return nil
    }

    /// The reason when unknown.
    public var unknownReason: String? {
        if case .unknown(let reason) = self { return reason.text }
        return nil
    }

    /// What the snapshot lacks, when an unknown layer is due to a gap in it.
    public var unknownGap: SnapshotGap? {
        if case .unknown(let reason) = self { return reason.gap }
        return nil
    }

    /// Transforms a known value, keeping an unknown reason as it is.
    public func map<Other: Sendable>(_ transform: (Value) -> Other) -> LayerLookup<Other> {
        switch self {
        case .known(let value): return .known(transform(value))
        case .unknown(let reason): return .unknown(reason: reason)
        }
    }
}

extension LayerLookup: Equatable where Value: Equatable {}
