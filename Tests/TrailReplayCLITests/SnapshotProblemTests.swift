import Foundation
import Testing

/// A snapshot that is missing is a usage error of the subcommand; a policy in it that does not parse is named
/// by its file and makes the run exit 1, like any unreadable input.
@Suite struct SnapshotProblemTests {
    @Test(arguments: [
        ["analyze", "SampleLogs"], ["explain", "some-event", "SampleLogs"], ["tail", "SampleLogs"],
    ])
    func aMissingSnapshotPrintsOneMessageAndTheSubcommandsUsage(arguments: [String]) throws {
        let result = try CLI.run(arguments + ["--snapshot", "/nonexistent/snapshot"])
        #expect(result.status == 64, "\(result.stderr)")
        let message = "snapshot directory `/nonexistent/snapshot` does not exist"
        #expect(result.stderr.components(separatedBy: message).count == 2, "said once: \(result.stderr)")
        #expect(result.stderr.contains("Usage: trailreplay \(arguments[0])"), "\(result.stderr)")
        #expect(!result.stderr.contains("SUBCOMMANDS"), "not the top-level usage: \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func aSnapshotPolicyThatDoesNotParseIsNamedByItsFileAndExitsOne() throws {
        let work = DenyFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try DenyFixture.writeSnapshot(at: work + "/snapshot")
        let details = work + "/snapshot/accounts/\(DenyFixture.account)/authorization-details.json"
        let broken = try String(contentsOfFile: details, encoding: .utf8)
            .replacingOccurrences(of: #""Effect":"Deny""#, with: #""Effect":"Dney""#)
        try broken.write(toFile: details, atomically: true, encoding: .utf8)
        DenyFixture.write(DenyFixture.logFile(["e-1"]), to: work + "/one.json.gz")
        let result = try CLI.run(["analyze", work + "/one.json.gz", "--snapshot", work + "/snapshot"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("error: \(details): UserDetailList[0].UserPolicyList[0].PolicyDocument: policy "),
            "\(result.stderr)")
        #expect(result.stderr.contains("Statement[1].Effect"), "\(result.stderr)")
        // The call is still replayed: the identity layer is unknown, so it is not reproduced.
        #expect(TailCommandTests.printedEventIDs(result.stdout) == ["e-1"])
        #expect(result.stdout.contains(#""decision":"unknown""#))
    }
}
