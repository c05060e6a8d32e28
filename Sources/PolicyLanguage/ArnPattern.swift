/// The rule of `ArnLike` and `ArnEquals` (and their negations): "Each of the six colon-delimited components of
/// the ARN is checked separately and each can include multi-character match wildcards (*) or single-character
/// match wildcards (?)" (IAM user guide, "Condition operators", Amazon Resource Name (ARN) condition operators,
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN).
///
/// So a wildcard never crosses one of the five colons that separate partition, service, region, account and
/// resource, unlike `StringLike`; colons inside the resource component are ordinary characters. A value that is
/// not six components (the policy's or the request's) matches nothing. Each component is a `GlobCore`, so the
/// cost is that of `GlobPattern`.
public struct ArnPattern: Sendable {
    /// The six component globs; nil when the policy value is not an ARN pattern.
    let components: [GlobCore]?

    /// Compiles `text`, where every `*` and `?` is a wildcard.
    public init(_ text: String) {
        self.init(pieces: [PatternPiece(text, wildcards: true)])
    }

    /// Compiles pieces of text; only pieces marked `wildcards` contribute wildcards.
    public init(pieces: [PatternPiece]) {
        let tokens = PatternToken.tokens(pieces)
        var bounds: [Int] = []
        for (i, token) in tokens.enumerated() where token == .byte(UInt8(ascii: ":")) && bounds.count < 5 {
            bounds.append(i)
        }
        guard bounds.count == 5 else {
            components = nil
            return
        }
        var components: [GlobCore] = []
        var start = 0
        for bound in bounds + [tokens.count] {
            components.append(GlobCore(tokens[start..<bound]))
            start = bound + 1
        }
        self.components = components
    }

    /// Whether the policy value has the six components of an ARN.
    public var isARN: Bool { components != nil }

    /// Whether the pattern matches the ARN `subject`.
    public func matches(_ subject: String) -> Bool {
        var steps = 0
        return matches(subject, steps: &steps)
    }

    /// Matches `subject`, adding the bytes and characters it compared to `steps`.
    func matches(_ subject: String, steps: inout Int) -> Bool {
        guard let components else { return false }
        var s = subject
        return s.withUTF8 { bytes in
            var start = 0
            for (i, component) in components.enumerated() {
                var end = bytes.count
                if i < 5 {
                    end = start
                    while end < bytes.count && bytes[end] != UInt8(ascii: ":") { end += 1 }
                    steps += end - start + 1
                    guard end < bytes.count else { return false }
                }
                guard component.matches(bytes, from: start, to: end, steps: &steps) else { return false }
                start = end + 1
            }
            return true
        }
    }
}
