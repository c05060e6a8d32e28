/// Whether bytes fed one at a time are well-formed UTF-8 (the Unicode Standard's table 3-7: no overlong forms,
/// no surrogates, nothing past U+10FFFF), without keeping them: what the parser checks in strings it skips.
struct UTF8Validation {
    /// False from the first byte that cannot continue well-formed UTF-8.
    private(set) var isValid = true
    /// Continuation bytes still due for the sequence begun, and the range the next one must fall in.
    private var due = 0
    private var lowest: UInt8 = 0x80
    private var highest: UInt8 = 0xBF

    /// Whether every byte so far was valid and no sequence is left unfinished.
    var isComplete: Bool { isValid && due == 0 }

    mutating func add(_ byte: UInt8) {
        guard isValid else { return }
        if due > 0 {
            guard byte >= lowest && byte <= highest else {
                isValid = false
                return
            }
            due -= 1
            lowest = 0x80
            highest = 0xBF
            return
        }
        switch byte {
        case 0x00...0x7F: break
        case 0xC2...0xDF: due = 1
        case 0xE0: (due, lowest) = (2, 0xA0)
        case 0xE1...0xEC, 0xEE...0xEF: due = 2
        case 0xED: (due, highest) = (2, 0x9F)
        case 0xF0: (due, lowest) = (3, 0x90)
        case 0xF1...0xF3: due = 3
        case 0xF4: (due, highest) = (3, 0x8F)
        default: isValid = false
        }
    }

    /// A whole scalar given otherwise (an escape): valid only where no sequence is unfinished.
    mutating func addWholeScalar() {
        if due > 0 { isValid = false }
    }
}
