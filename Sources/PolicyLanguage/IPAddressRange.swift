/// A CIDR block from an `IpAddress`/`NotIpAddress` condition; a bare address is a /32 or /128.
public struct IPAddressRange: Sendable, Hashable, CustomStringConvertible {
    /// The block's address as written (host bits are ignored when comparing).
    public var network: IPAddress
    /// The number of leading bits that must match.
    public var prefixLength: Int
    /// The block in CIDR notation.
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
