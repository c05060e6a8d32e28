import DenyStore
import Foundation
import Testing

struct SHA256Tests {
    static func hex(_ text: String) -> String {
        var hasher = SHA256()
        hasher.update(Array(text.utf8))
        return hasher.hexDigest()
    }

    @Test func fipsVectors() {
        #expect(SHA256Tests.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Tests.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Tests.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256Tests.hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")
            == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    @Test func millionAsInChunks() {
        var hasher = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hasher.update(chunk) }
        #expect(hasher.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func chunkingDoesNotChangeTheDigest() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var whole = SHA256()
        whole.update(bytes)
        for size in [1, 3, 55, 56, 63, 64, 65, 127, 999] {
            var pieces = SHA256()
            var index = 0
            while index < bytes.count {
                pieces.update(bytes[index..<min(index + size, bytes.count)])
                index += size
            }
            #expect(pieces.hexDigest() == whole.hexDigest(), "chunks of \(size)")
        }
    }

    @Test func hashesAFile() throws {
        let path = NSTemporaryDirectory() + "sha256-\(UUID().uuidString).txt"
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = FileManager.default.createFile(atPath: path, contents: Data("abc".utf8))
        #expect(try SHA256.hexDigest(ofFile: path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(throws: StoreError.self) { try SHA256.hexDigest(ofFile: path + ".missing") }
    }
}
