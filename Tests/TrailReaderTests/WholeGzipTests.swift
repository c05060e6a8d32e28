import Testing
@testable import TrailReader

/// The one-call decompression of a whole gzip file: it takes one sound member and declines anything else,
/// which the streaming reader then reads with its diagnostics.
@Suite struct WholeGzipTests {
    static func whole(_ bytes: [UInt8], limit: Int = WholeGzip.limit) -> [UInt8]? {
        bytes.withUnsafeBytes { input -> [UInt8]? in
            guard let size = WholeGzip.statedSize(of: input, limit: limit) else { return nil }
            var out = [UInt8](repeating: 0, count: size)
            return out.withUnsafeMutableBytes { WholeGzip.decompress(input, into: $0) } ? out : nil
        }
    }

    let text = Array(#"{"Records":[{"eventID":"1","eventName":"GetObject"}]}"#.utf8)

    @Test func oneMemberIsDecompressedWhole() {
        #expect(Self.whole(gzip(text)) == text)
        #expect(Self.whole(gzip([])) == [])
    }

    @Test func anythingButOneSoundMemberIsDeclined() {
        let member = gzip(text)
        #expect(Self.whole(member + member) == nil)                        // several members
        #expect(Self.whole(member + [0, 0, 0]) == nil)                     // bytes after the member
        #expect(Self.whole(Array(member.dropLast(5))) == nil)              // truncated
        var corrupt = member
        corrupt[corrupt.count - 6] ^= 0xFF                                 // the CRC no longer matches
        #expect(Self.whole(corrupt) == nil)
        #expect(Self.whole(member, limit: text.count - 1) == nil)          // stated size past the limit
        #expect(Self.whole(gzip(text, windowBits: 15)) == nil)             // zlib, not gzip
    }

    /// The reader gives the same records and accounting whichever way a file is decompressed.
    @Test func theReaderReadsTwoMembersAsOne() {
        let directory = TemporaryDirectory()
        let records = (0..<3).map { record("r\($0)", errorCode: "AccessDenied") }
        let whole = #"{"Records":["# + records.joined(separator: ",") + "]}"
        let bytes = Array(whole.utf8)
        let half = bytes.count / 2
        let one = readFile(directory.write("one.json.gz", gzip(bytes)))
        let two = readFile(directory.write("two.json.gz", gzip(Array(bytes[..<half])) + gzip(Array(bytes[half...]))))
        #expect(one.1 == ["r0", "r1", "r2"] && two.1 == one.1)
        #expect(one.0.statistics.recordsSelected == 3 && two.0.statistics.recordsSelected == 3)
        #expect(one.0.statistics.decompressedBytes == bytes.count && two.0.statistics.decompressedBytes == bytes.count)
        #expect(one.0.diagnostics.isEmpty && two.0.diagnostics.isEmpty)
    }
}
