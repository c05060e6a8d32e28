import Foundation
import Testing

/// Every input kept in `Tests/Fixtures/Fuzz/splitter` and `…/gzip-reader` (crashes `Scripts/fuzz` found, and
/// hand-made edge cases) replayed through the fuzz targets' own entry points, so that a kept input stays a test.
@Suite struct ReaderFuzzRegressionTests {
    @Test(arguments: FuzzFixtures.files(target: "splitter"))
    func splitterKeepsItsInvariants(file: String) throws {
        let bytes = try FuzzFixtures.bytes(file)
        let violations = bytes.withUnsafeBytes { RecordSplitterFuzzing.check($0) }
        #expect(violations == [], "\(file)")
    }

    @Test(arguments: FuzzFixtures.files(target: "gzip-reader"))
    func readerKeepsItsInvariants(file: String) throws {
        let bytes = try FuzzFixtures.bytes(file)
        let report = bytes.withUnsafeBytes { LogFileReaderFuzzing.check($0) }
        #expect(report.violations == [], "\(file)")
    }

    /// Every folder of `Tests/Fixtures/Fuzz` is a target some test replays, so that no kept input is forgotten.
    @Test func everyFixtureFolderIsReplayed() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: FuzzFixtures.root)
            .filter { !$0.hasPrefix(".") && $0 != "README.md" }
        #expect(Set(folders).isSubset(of: ["splitter", "gzip-reader", "policy-parser"]), "\(folders)")
        #expect(!FuzzFixtures.files(target: "splitter").isEmpty && !FuzzFixtures.files(target: "gzip-reader").isEmpty)
    }
}

/// The kept fuzz inputs, found from this file's path (`Tests/Fixtures/Fuzz/<target>/`).
enum FuzzFixtures {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Fixtures/Fuzz").path
    }()

    /// The paths of the target's kept inputs (relative to `root`), sorted.
    static func files(target: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root + "/" + target)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { target + "/" + $0 }
    }

    static func bytes(_ file: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/" + file)))
    }
}
