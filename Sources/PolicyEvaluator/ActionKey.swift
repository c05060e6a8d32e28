/// A request's action as the policy index looks it up: ASCII-lowercased, with its service prefix, and the hashes of
/// both, computed once per request so that each policy's index only probes.
struct ActionKey: Sendable {
    /// The action, ASCII-lowercased.
    let action: String
    let actionHash: UInt64
    /// The bytes before the first `:`; empty when the action has no `:` or nothing before it (no service bucket
    /// then applies: such an action can match only the statements that are always tested).
    let service: String
    let serviceHash: UInt64
    /// Whether every byte is ASCII (so bytes and characters split alike).
    let isASCII: Bool

    init(lowercased action: String) {
        self.action = action
        var text = action
        (actionHash, service, serviceHash, isASCII) = text.withUTF8 { bytes in
            let colon = bytes.firstIndex(of: UInt8(ascii: ":")) ?? 0
            let service = UnsafeBufferPointer(rebasing: bytes[..<colon])
            return (Self.hash(bytes), String(decoding: service, as: UTF8.self), Self.hash(service), bytes.allSatisfy { $0 < 0x80 })
        }
    }

    /// 64-bit FNV-1a: cheap, stable, and good enough for tables that compare the names on a hash hit.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            h = (h ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return h
    }

    static func hash(_ name: String) -> UInt64 {
        var name = name
        return name.withUTF8(hash)
    }
}
