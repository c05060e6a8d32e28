import Foundation
import Pipeline
import Testing

/// `SnapshotFingerprint`: the stamp notices any change of the tree; the digest follows the contents only.
struct SnapshotFingerprintTests {
    static func write(_ text: String, to path: String, modifiedAt: TimeInterval) throws {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: modifiedAt)],
            ofItemAtPath: path)
    }

    @Test func theStampChangesWithEveryFileAddedWrittenOrTouched() throws {
        let work = Sample.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try FileManager.default.createDirectory(atPath: work + "/accounts", withIntermediateDirectories: true)
        try SnapshotFingerprintTests.write("{}", to: work + "/accounts/a.json", modifiedAt: 1_000_000)
        let first = SnapshotFingerprint.stamp(of: work)
        #expect(SnapshotFingerprint.files(in: work) == ["accounts/a.json"], "directories are not listed")
        #expect(SnapshotFingerprint.stamp(of: work) == first, "nothing changed")

        try SnapshotFingerprintTests.write("{}", to: work + "/accounts/a.json", modifiedAt: 1_000_001)
        let touched = SnapshotFingerprint.stamp(of: work)
        #expect(touched != first)
        try SnapshotFingerprintTests.write("{ }", to: work + "/accounts/a.json", modifiedAt: 1_000_001)
        let written = SnapshotFingerprint.stamp(of: work)
        #expect(written != touched, "the size changed")
        try SnapshotFingerprintTests.write("{}", to: work + "/b.json", modifiedAt: 1_000_001)
        #expect(SnapshotFingerprint.stamp(of: work) != written)
    }

    @Test func theDigestFollowsNamesAndBytesNotTimes() throws {
        let work = Sample.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try SnapshotFingerprintTests.write("{\"a\":1}", to: work + "/a.json", modifiedAt: 1_000_000)
        let first = SnapshotFingerprint.contentDigest(of: work)
        #expect(first.count == 64)
        try SnapshotFingerprintTests.write("{\"a\":1}", to: work + "/a.json", modifiedAt: 2_000_000)
        #expect(SnapshotFingerprint.contentDigest(of: work) == first, "touching a file changes nothing")
        try SnapshotFingerprintTests.write("{\"a\":2}", to: work + "/a.json", modifiedAt: 2_000_000)
        let changed = SnapshotFingerprint.contentDigest(of: work)
        #expect(changed != first)
        try FileManager.default.moveItem(atPath: work + "/a.json", toPath: work + "/b.json")
        #expect(SnapshotFingerprint.contentDigest(of: work) != changed, "the name is part of the digest")
    }
}
