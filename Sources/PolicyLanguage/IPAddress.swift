/// An IPv4 or IPv6 address as a 128-bit number, IPv4 kept in its own family.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    public var isIPv6: Bool
    /// The high and low 64 bits; an IPv4 address lives in the low 32 bits.
    public var high: UInt64
    public var low: UInt64

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
                guard (1...4).contains(field.count), let word = UInt16(field, radix: 16) else { return nil }
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

/// A CIDR block from an `IpAddress`/`NotIpAddress` condition; a bare address is a /32 or /128.
public struct IPAddressRange: Sendable, Hashable, CustomStringConvertible {
    public var network: IPAddress
    public var prefixLength: Int
    public var description: String { "\(network)/\(prefixLength)" }

    /// Parses `address` or `address/prefix`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = IPAddress(parts[0]) else { return nil }
        let maxLength = address.isIPv6 ? 128 : 32
        var length = maxLength
        if parts.count == 2 {
            guard parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(parts[1]), n >= 0, n <= maxLength else {
                return nil
            }
            length = n
        }
        self.network = address
        self.prefixLength = length
    }

    /// Whether `address` lies in the block; addresses of the other family never do.
    public func contains(_ address: IPAddress) -> Bool {
        guard address.isIPv6 == network.isIPv6 else { return false }
        if !network.isIPv6 {
            let mask: UInt64 = prefixLength == 0 ? 0 : (0xFFFF_FFFF << UInt64(32 - prefixLength)) & 0xFFFF_FFFF
            return address.low & mask == network.low & mask
        }
        let highBits = min(prefixLength, 64)
        let lowBits = max(prefixLength - 64, 0)
        let highMask: UInt64 = highBits == 0 ? 0 : ~0 << UInt64(64 - highBits)
        let lowMask: UInt64 = lowBits == 0 ? 0 : ~0 << UInt64(64 - lowBits)
        return address.high & highMask == network.high & highMask && address.low & lowMask == network.low & lowMask
    }
}

extension StringProtocol {
    func components(separatedByString separator: String) -> [Substring] {
        var out: [Substring] = []
        var rest = Substring(self)
        while let r = rest.firstRange(of: separator) {
            out.append(rest[rest.startIndex..<r.lowerBound])
            rest = rest[r.upperBound...]
        }
        out.append(rest)
        return out
    }
}
