import Foundation
import Testing

/// Every input kept in `Tests/Fixtures/Fuzz/policy-parser` (crashes `Scripts/fuzz` found, and hand-made edge
/// cases) replayed through the fuzz target's own entry point, so that a kept input stays a test.
@Suite struct PolicyParserFuzzRegressionTests {
    static let folder: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Fixtures/Fuzz/policy-parser").path
    }()

    static let files: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
        .filter { !$0.hasPrefix(".") }.sorted()

    @Test func inputsAreKept() {
        #expect(!Self.files.isEmpty, "no input in \(Self.folder)")
    }

    @Test(arguments: files)
    func parserKeepsItsInvariants(file: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/" + file)))
        let violations = bytes.withUnsafeBytes { PolicyParserFuzzing.check($0) }
        #expect(violations == [], "\(file)")
    }
}
