import Foundation
import Snapshot
import Testing
import TrailJSON

/// A symbolic link inside the snapshot that leads out of it is not followed and is named once, with its target,
/// so that a snapshot holds what its folder shows; links that stay inside, and a root that is itself a link, are
/// followed without a word.
@Suite struct SnapshotSymlinkTests {
    static let account = "111122223333"

    /// A snapshot with two bucket policies behind links (one inside, one outside) and an account folder that is
    /// a link to another folder; `outside` holds the targets that lie outside.
    func makeSnapshot() throws -> (snapshot: TemporaryDirectory, outside: TemporaryDirectory) {
        let dir = TemporaryDirectory(), outside = TemporaryDirectory()
        let s3 = "accounts/\(Self.account)/s3"
        dir.write(s3 + "/_buckets.json", json: ["Buckets": [["Name": "inside"], ["Name": "outside"]]])
        dir.write("common/inside-policy.json", json: ["Policy": .string(policyText(statement("Deny", "s3:GetObject", sid: "Inside")))])
        outside.write("outside-policy.json", json: ["Policy": .string(policyText(statement("Allow", "s3:*", sid: "Outside")))])
        outside.write("other-account/vpc-endpoints.json", json: ["VpcEndpoints": []])
        let files = FileManager.default
        try files.createSymbolicLink(atPath: dir.path + "/" + s3 + "/inside.json", withDestinationPath: "../../../common/inside-policy.json")
        try files.createSymbolicLink(atPath: dir.path + "/" + s3 + "/outside.json", withDestinationPath: outside.path + "/outside-policy.json")
        try files.createSymbolicLink(atPath: dir.path + "/accounts/444455556666", withDestinationPath: outside.path + "/other-account")
        return (dir, outside)
    }

    @Test func aLinkOutOfTheSnapshotIsNamedOnceAndNotFollowed() throws {
        let (dir, outside) = try makeSnapshot()
        let load = Snapshot.load(directory: dir.path)
        #expect(load.diagnostics == [
            SnapshotDiagnostic(file: dir.path + "/accounts/\(Self.account)/s3/outside.json",
                message: "symbolic link to `\(outside.path)/outside-policy.json`, outside the snapshot: not followed; copy "
                    + "what it points to into the snapshot"),
            SnapshotDiagnostic(file: dir.path + "/accounts/444455556666",
                message: "symbolic link to `\(outside.path)/other-account`, outside the snapshot: not followed; copy what "
                    + "it points to into the snapshot"),
        ])
        let snapshot = load.snapshot
        #expect(snapshot.accountIDs == [Self.account])
        // The link that stays inside is read; the one leading out leaves that bucket's policy unknown.
        let inside = try #require(snapshot.resourcePolicy(arn: "arn:aws:s3:::inside/k").value ?? nil)
        #expect(inside.document["Statement"]?.arrayValue?.first?["Sid"] == "Inside")
        #expect(snapshot.resourcePolicy(arn: "arn:aws:s3:::outside/k").value == nil)
    }

    @Test func aRootThatIsALinkIsFollowedSilently() throws {
        let (dir, _) = try makeSnapshot()
        try FileManager.default.removeItem(atPath: dir.path + "/accounts/444455556666")
        try FileManager.default.removeItem(atPath: dir.path + "/accounts/\(Self.account)/s3/outside.json")
        let link = dir.path + "-latest"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: dir.path)
        defer { try? FileManager.default.removeItem(atPath: link) }
        let load = Snapshot.load(directory: link)
        #expect(load.diagnostics == [])
        #expect((load.snapshot.resourcePolicy(arn: "arn:aws:s3:::inside/k").value ?? nil) != nil)
    }
}
