/// An IPv4 or IPv6 address as a 128-bit number, IPv4 kept in its own family.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// Whether the address is IPv6 (IPv4-mapped addresses count as IPv4).
    public var isIPv6: Bool
    /// The high 64 bits of an IPv6 address, 0 for IPv4.
    public var high: UInt64
    /// The low 64 bits; an IPv4 address lives in the low 32 bits.
    public var low: UInt64

    /// The address in dotted or colon-hex form.
    public var description: String {
        if !isIPv6 {
            return [24, 16, 8, 0].map { String((low >> UInt64($0)) & 0xFF) }.joined(separator: ".")
        }
        let groups = (0..<8).map { i -> String in
            let word = i < 4 ? high >> UInt64((3 - i) * 16) : low >> UInt64((7 - i) * 16)
            return String(word & 0xFFFF, radix: 16)
        }
        return groups.joined(separator: ":")
    }

    /// Parses dotted IPv4 or RFC 4291 IPv6 text; an IPv4-mapped IPv6 address becomes IPv4.
    public init?(_ text: some StringProtocol) {
        if let v4 = IPAddress.parseIPv4(text) {
            self.isIPv6 = false
            self.high = 0
            self.low = UInt64(v4)
            return
        }
        guard let (high, low) = IPAddress.parseIPv6(text) else { return nil }
        if high == 0 && low >> 32 == 0xFFFF {
            self.isIPv6 = false
            self.high = 0
            self.low = low & 0xFFFF_FFFF
        } else {
            self.isIPv6 = true
            self.high = high
            self.low = low
        }
    }

    static func parseIPv4(_ text: some StringProtocol) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                let octet = UInt32(part), octet <= 255
            else { return nil }
            value = value << 8 | octet
        }
        return value
    }

    static func parseIPv6(_ text: some StringProtocol) -> (UInt64, UInt64)? {
        guard text.contains(":") else { return nil }
        var groups: [UInt16] = []
        var tail: [UInt16] = []
        var sawGap = false
        let halves = text.components(separatedByString: "::")
        guard halves.count <= 2 else { return nil }
        func words(_ part: Substring, allowIPv4: Bool) -> [UInt16]? {
            if part.isEmpty { return [] }
            var out: [UInt16] = []
            let fields = part.split(separator: ":", omittingEmptySubsequences: false)
            for (i, field) in fields.enumerated() {
                if allowIPv4 && i == fields.count - 1 && field.contains(".") {
                    guard let v4 = parseIPv4(field) else { return nil }
                    out.append(UInt16(v4 >> 16))
                    out.append(UInt16(v4 & 0xFFFF))
                    continue
                }
                guard (1...4).contains(field.count), field.allSatisfy(\.isHexDigit), let word = UInt16(field, radix: 16)
                else { return nil }
                out.append(word)
            }
            return out
        }
        if halves.count == 2 {
            sawGap = true
            guard let head = words(halves[0], allowIPv4: false), let rest = words(halves[1], allowIPv4: true) else {
                return nil
            }
            groups = head
            tail = rest
            guard groups.count + tail.count <= 7 else { return nil }
        } else {
            guard let all = words(halves[0], allowIPv4: true), all.count == 8 else { return nil }
            groups = all
        }
        if sawGap {
            groups += [UInt16](repeating: 0, count: 8 - groups.count - tail.count) + tail
        }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for i in 0..<4 { high = high << 16 | UInt64(groups[i]) }
        for i in 4..<8 { low = low << 16 | UInt64(groups[i]) }
        return (high, low)
    }
}
