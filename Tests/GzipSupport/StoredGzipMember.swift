import CZlib

/// Gzip members of an exact compressed size, for tests that put the next member's header at a chosen
/// offset (a read boundary): the data is kept in stored (uncompressed) deflate blocks, RFC 1951 §3.2.4.
public enum StoredGzipMember {
    /// One gzip member exactly `size` bytes long holding `payload` followed by spaces.
    public static func make(_ payload: [UInt8], size: Int) -> [UInt8] {
        // 10 header bytes, 8 trailer bytes, and per block 5 bytes of framing and at most 65,535 of data.
        let maxBlock = 65_535
        var blocks = 1
        while size - 18 - 5 * blocks > blocks * maxBlock { blocks += 1 }
        let dataCount = size - 18 - 5 * blocks
        precondition(dataCount >= payload.count, "a \(size)-byte member cannot hold \(payload.count) bytes")
        let data = payload + [UInt8](repeating: 0x20, count: dataCount - payload.count)
        var member: [UInt8] = [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 0x03]
        var offset = 0
        for block in 0..<blocks {
            let count = min(maxBlock, data.count - offset)
            let length = UInt16(count), complement = ~UInt16(count)
            member += [block == blocks - 1 ? 1 : 0, UInt8(length & 0xFF), UInt8(length >> 8),
                UInt8(complement & 0xFF), UInt8(complement >> 8)]
            member += data[offset..<(offset + count)]
            offset += count
        }
        let crc = data.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
        let length = UInt32(truncatingIfNeeded: data.count)
        for value in [crc, length] { member += (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        return member
    }
}
