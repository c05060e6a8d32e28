import GzipSupport
import Testing
@testable import TrailReader

/// Multi-member gzip files: every member is read wherever its header falls in the reader's chunks, and bytes
/// between members are reported once and skipped, not taken for the end of the file.
@Suite struct GzipMemberTests {
    let dir = TemporaryDirectory()
    /// A multiple of the reader's read size (256 KiB): a header at `boundary - 1` is split across two reads.
    static let boundary = 512 << 10

    static func envelope(_ prefix: String, _ count: Int) -> [UInt8] {
        Array((#"{"Records":["# + (0..<count).map { record("\(prefix)\($0)", errorCode: "AccessDenied") }
            .joined(separator: ",") + "]}").utf8)
    }

    static func ids(_ prefix: String, _ count: Int) -> [String] { (0..<count).map { "\(prefix)\($0)" } }

    @Test(arguments: -2...2)
    func membersStartingAroundReadBoundariesAreAllRead(delta: Int) {
        // The second member starts at 512 KiB + delta, the third at 1 MiB + delta.
        let bytes = StoredGzipMember.make(Self.envelope("a", 10), size: Self.boundary + delta)
            + StoredGzipMember.make(Self.envelope("b", 10), size: Self.boundary)
            + gzip(Self.envelope("c", 5))
        let (result, ids) = readFile(dir.write("boundary.json.gz", bytes))
        #expect(ids == Self.ids("a", 10) + Self.ids("b", 10) + Self.ids("c", 5))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.statistics.filesRead == 1 && result.statistics.filesFailed == 0)
        #expect(result.statistics.compressedBytes == bytes.count)
    }

    @Test func zeroPaddingBetweenMembersIsSkippedSilently() {
        let bytes = gzip(Self.envelope("a", 3)) + [UInt8](repeating: 0, count: 100) + gzip(Self.envelope("b", 3))
            + [0, 0]
        let (result, ids) = readFile(dir.write("padded.json.gz", bytes))
        #expect(ids == Self.ids("a", 3) + Self.ids("b", 3))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.statistics.compressedBytesSkipped == 0)
    }

    static let junk: [(name: String, bytes: [UInt8])] = [
        ("a newline", [0x0A]), ("CR LF", [0x0D, 0x0A]), ("text", Array("garbage".utf8)),
        ("a lone 1f", [0x1F]), ("a gzip magic without deflate", [0x1F, 0x8B, 0x07, 0x41]),
        ("zeros then text", [0, 0, 0x41, 0, 0x42]),
    ]

    @Test(arguments: junk.indices)
    func bytesBetweenMembersAreReportedOnceAndEveryMemberIsRead(index: Int) {
        let (name, junk) = Self.junk[index]
        let first = gzip(Self.envelope("a", 4))
        let bytes = first + junk + gzip(Self.envelope("b", 4)) + gzip(Self.envelope("c", 4))
        let (result, ids) = readFile(dir.write("junk.json.gz", bytes))
        #expect(ids == Self.ids("a", 4) + Self.ids("b", 4) + Self.ids("c", 4), "\(name)")
        #expect(result.diagnostics.count == 1, "\(name): \(result.diagnostics)")
        let diagnostic = result.diagnostics.first
        let leadingZeros = junk.prefix { $0 == 0 }.count
        #expect(diagnostic?.severity == .error)
        #expect(diagnostic?.offset == first.count + leadingZeros && diagnostic?.compressedOffset == true, "\(name)")
        #expect(diagnostic?.message == "\(junk.count - leadingZeros) byte\(junk.count - leadingZeros == 1 ? "" : "s") between gzip members are not gzip data (skipped)", "\(name)")
        #expect(result.statistics.filesFailed == 1)
        #expect(result.statistics.compressedBytesSkipped == junk.count - leadingZeros)
        #expect(result.statistics.balances)
    }

    @Test(arguments: -3...1)
    func junkAcrossAReadBoundaryIsOneDiagnostic(delta: Int) {
        let junk = Array("\n\n garbage \n".utf8)
        let first = StoredGzipMember.make(Self.envelope("a", 4), size: Self.boundary + delta - junk.count / 2)
        let bytes = first + junk + gzip(Self.envelope("b", 4))
        let (result, ids) = readFile(dir.write("junk-boundary.json.gz", bytes))
        #expect(ids == Self.ids("a", 4) + Self.ids("b", 4))
        #expect(result.diagnostics.map(\.offset) == [first.count], "\(result.diagnostics)")
        #expect(result.statistics.compressedBytesSkipped == junk.count)
    }

    @Test func bytesAfterTheLastMemberAreAnError() {
        let first = gzip(Self.envelope("a", 4))
        let (result, ids) = readFile(dir.write("tail.json.gz", first + Array("\nend".utf8)))
        #expect(ids == Self.ids("a", 4))
        #expect(result.diagnostics.map(\.message) == ["4 bytes after the last gzip member are not gzip data (skipped)"])
        #expect(result.diagnostics.first?.offset == first.count)
        #expect(result.statistics.filesFailed == 1)
    }

    @Test func theSummaryCountsTheSkippedBytes() {
        let bytes = gzip(Self.envelope("a", 1)) + [0x0A] + gzip(Self.envelope("b", 1))
        let (result, _) = readFile(dir.write("summary.json.gz", bytes))
        #expect(result.statistics.summary().hasSuffix("; compressed bytes skipped: 1"), "\(result.statistics.summary())")
    }
}
