import PolicyLanguage

/// A Principal or NotPrincipal element with each ARN parsed once, at compile time.
/// A class, so that testing it retains one reference instead of copying its entries.
final class CompiledPrincipal: Sendable {
    /// A class too: an entry holds a whole parsed identity, which a loop would otherwise copy field by field.
    final class Entry: Sendable {
        let entry: PrincipalEntry
        /// What an `AWS` entry names (an account id reads as that account's root).
        let named: PrincipalIdentity

        init(entry: PrincipalEntry, named: PrincipalIdentity) {
            self.entry = entry
            self.named = named
        }
    }

    let entries: [Entry]
    let negated: Bool

    init(_ element: PrincipalElement) {
        entries = element.entries.map { entry in
            if case .aws(let value) = entry { return Entry(entry: entry, named: PrincipalIdentity(principal: value)) }
            return Entry(entry: entry, named: PrincipalIdentity(principal: nil))
        }
        negated = element.negated
    }
}
