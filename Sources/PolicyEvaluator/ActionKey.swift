/// A request's action as the action index looks it up: ASCII-lowercased bytes and their hash, and the same for
/// its service prefix, computed once per request so that each policy's index only probes.
struct ActionKey: Sendable {
    /// The action, ASCII-lowercased.
    let action: String
    let actionBytes: [UInt8]
    let actionHash: UInt64
    /// The bytes before the first `:`; empty when the action has no `:` or nothing before it (no service bucket
    /// then applies: such an action can match only the statements that are always tested).
    let serviceBytes: ArraySlice<UInt8>
    let serviceHash: UInt64
    /// Whether every byte is ASCII (so bytes and characters split alike).
    let isASCII: Bool

    init(lowercased action: String) {
        self.action = action
        let bytes = Array(action.utf8)
        actionBytes = bytes
        actionHash = Self.hash(bytes[...])
        let colon = bytes.firstIndex(of: UInt8(ascii: ":"))
        serviceBytes = colon.map { bytes[..<$0] } ?? []
        serviceHash = Self.hash(serviceBytes)
        isASCII = bytes.allSatisfy { $0 < 0x80 }
    }

    /// 64-bit FNV-1a: cheap, stable, and good enough for tables that compare the bytes on a hash hit.
    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            h = (h ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return h
    }
}
