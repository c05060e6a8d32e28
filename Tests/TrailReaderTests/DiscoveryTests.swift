import Foundation
import CivilTime
import Testing
@testable import TrailReader

@Suite struct DiscoveryTests {
    @Test func parsesCloudTrailKeyNames() throws {
        let key = try #require(CloudTrailKey(fileName: "111122223333_CloudTrail_us-east-1_20261128T0905Z_AbCdEf0123456789.json.gz"))
        #expect(key.kind == .log)
        #expect(key.account == "111122223333")
        #expect(key.region == "us-east-1")
        #expect(key.deliveryTime?.description == "2026-11-28T09:05:00Z")
        #expect(CloudTrailKey(fileName: "111122223333_CloudTrail-Digest_us-east-1_my_trail_us-east-1_20261128T090500Z.json.gz")?.kind == .digest)
        #expect(CloudTrailKey(fileName: "111122223333_CloudTrail-Insight_us-east-1_20261128T0905Z_x.json.gz")?.kind == .insight)
        #expect(CloudTrailKey(fileName: "notes.json") == nil)
        #expect(CloudTrailKey(fileName: "1111_CloudTrail_us-east-1_20261128T0905Z_x.json.gz") == nil)
    }

    func makeArchive() -> TemporaryDirectory {
        let dir = TemporaryDirectory()
        let body = gzip(#"{"Records":[]}"#)
        dir.write("AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/28/111122223333_CloudTrail_us-east-1_20261128T0905Z_a.json.gz", body)
        dir.write("AWSLogs/111122223333/CloudTrail/eu-west-1/2026/11/27/111122223333_CloudTrail_eu-west-1_20261127T2355Z_b.json.gz", body)
        dir.write("AWSLogs/o-abc123def4/444455556666/CloudTrail/us-east-1/2026/11/29/444455556666_CloudTrail_us-east-1_20261129T0030Z_c.json.gz", body)
        dir.write("AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/11/28/111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20261128T090500Z.json.gz", body)
        dir.write("AWSLogs/111122223333/CloudTrail-Insight/us-east-1/2026/11/28/111122223333_CloudTrail-Insight_us-east-1_20261128T0905Z_d.json.gz", body)
        dir.write("AWSLogs/111122223333/README.txt", "hello")
        dir.write("AWSLogs/111122223333/.DS_Store", "x")
        dir.write("exports/lake.jsonl", "")
        return dir
    }

    @Test func findsLogsInTheS3AndOrganizationLayoutsInPathOrder() {
        let dir = makeArchive()
        let discovery = LogFileLocator().discover([dir.path])
        let names = discovery.files.map { String($0.path.dropFirst(dir.path.count + 1)) }
        #expect(names == [
            "AWSLogs/111122223333/CloudTrail/eu-west-1/2026/11/27/111122223333_CloudTrail_eu-west-1_20261127T2355Z_b.json.gz",
            "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/28/111122223333_CloudTrail_us-east-1_20261128T0905Z_a.json.gz",
            "AWSLogs/o-abc123def4/444455556666/CloudTrail/us-east-1/2026/11/29/444455556666_CloudTrail_us-east-1_20261129T0030Z_c.json.gz",
            "exports/lake.jsonl",
        ])
        #expect(discovery.statistics.skippedByReason == ["digest": 1, "insight": 1, "not a log file": 2])
        #expect(discovery.statistics.filesSkipped == 4)
    }

    @Test func filtersByAccountRegionAndDateFromTheKeyAlone() {
        let dir = makeArchive()
        var filter = ReadFilter(accounts: ["111122223333"])
        #expect(LogFileLocator(filter: filter).discover([dir.path]).files.compactMap(\.key?.region) == ["eu-west-1", "us-east-1"])
        filter = ReadFilter(regions: ["us-east-1"])
        #expect(LogFileLocator(filter: filter).discover([dir.path]).files.compactMap(\.key?.account) == ["111122223333", "444455556666"])
        // A day's range keeps files delivered in it and, for an hour after, those that may still hold its events.
        filter = ReadFilter(time: TimeRange(from: UTCTime("2026-11-28T00:00:00Z"), to: UTCTime("2026-11-29T00:00:00Z")))
        let kept = LogFileLocator(filter: filter).discover([dir.path])
        #expect(kept.files.compactMap(\.key?.deliveryTime?.description) == ["2026-11-28T09:05:00Z", "2026-11-29T00:30:00Z"])
        #expect(kept.files.contains { $0.key == nil })  // no key: filtered record by record instead
        #expect(kept.statistics.skippedByReason["outside filters"] == 1)
    }

    @Test func anInputWithNoLogIsAnErrorNamingIt() {
        let dir = TemporaryDirectory()
        let empty = dir.path + "/empty"
        dir.write("digests/111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20261128T090500Z.json.gz", "x")
        dir.write("digests/notes.txt", "x")
        dir.write("logs/111122223333_CloudTrail_us-east-1_20261128T0905Z_a.json.gz", "x")
        try? FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let discovery = LogFileLocator().discover([empty, dir.path + "/digests", dir.path + "/logs"],
            reportingEmptyInputs: true)
        #expect(discovery.files.count == 1)
        #expect(discovery.diagnostics.map(\.description) == [
            "error: \(empty): no CloudTrail log file to read here",
            "error: \(dir.path)/digests: no CloudTrail log file to read here (2 files skipped, see the accounting line)",
        ])
        #expect(discovery.statistics.inputsWithoutLogs == 2)
        #expect(discovery.statistics.hasFailures)
        #expect(discovery.statistics.summary().hasPrefix("files: 0 read, 2 skipped (1 digest, 1 not a log file), 0 failed, 2 inputs without logs;"))
        // A watch starts on an empty tree without complaint.
        #expect(LogFileLocator().discover([empty]).diagnostics.isEmpty)
    }

    @Test func filtersThatMatchNoFileSayWhatWasThere() {
        let dir = makeArchive()
        let filter = ReadFilter(accounts: ["999999999999"])
        let discovery = LogFileLocator(filter: filter).discover([dir.path + "/AWSLogs"], reportingEmptyInputs: true)
        #expect(discovery.files.isEmpty)
        #expect(discovery.diagnostics.map(\.description) == [
            "warning: \(dir.path)/AWSLogs: no log file matches the filters; the 3 left out are for accounts "
                + "111122223333, 444455556666; regions eu-west-1, us-east-1; delivered 2026-11-27T23:55:00Z to 2026-11-29T00:30:00Z",
        ])
        #expect(discovery.statistics.inputsWithoutLogs == 0)
        #expect(!discovery.statistics.hasFailures)
    }

    @Test func explicitFilesAreReadWhateverTheirNameButDigestsAreSkipped() {
        let dir = makeArchive()
        let readme = dir.path + "/AWSLogs/111122223333/README.txt"
        let digest = dir.path + "/AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/11/28/111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20261128T090500Z.json.gz"
        let discovery = LogFileLocator().discover([readme, digest, "-", dir.path + "/missing.json"])
        #expect(discovery.files.map(\.path) == ["-", readme])
        #expect(discovery.statistics.skippedByReason == ["digest": 1])
        #expect(discovery.statistics.filesFailed == 1)
        #expect(discovery.diagnostics.first?.file.hasSuffix("missing.json") == true)
    }

    @Test func authorizationFailureListExcludesAuthenticationFailures() {
        #expect(AuthorizationFailureCodes.authorizationFailures.isDisjoint(with: AuthorizationFailureCodes.authenticationFailures))
        for code in ["AccessDenied", "AccessDeniedException", "Client.UnauthorizedOperation", "VpceAccessDenied"] {
            #expect(AuthorizationFailureCodes.isAuthorizationFailure(code))
        }
        #expect(!AuthorizationFailureCodes.isAuthorizationFailure("InvalidClientTokenId"))
        #expect(!AuthorizationFailureCodes.isAuthorizationFailure("accessdenied"))
    }

    @Test func eventKeysAreExactForUUIDsAndTextOtherwise() {
        #expect(EventKey("450230d4-b39e-4a18-a6a0-d07a6e2105cb") == EventKey("450230d4-b39e-4a18-a6a0-d07a6e2105cb"))
        #expect(EventKey("450230d4-b39e-4a18-a6a0-d07a6e2105cb") != EventKey("450230d4-b39e-4a18-a6a0-d07a6e2105cc"))
        #expect(EventKey("not-a-uuid") == .text("not-a-uuid"))
    }

    @Test func orderedParallelMapKeepsInputOrder() {
        var seen: [Int] = []
        OrderedParallelMap.run(Array(0..<200), threads: 4, window: 3) { n in
            // Uneven work, so items finish out of order.
            var x = 0
            for i in 0..<((200 - n) * 500) { x &+= i }
            return n + (x == -1 ? 1 : 0)
        } consume: { index, value in
            #expect(index == value)
            seen.append(value)
        }
        #expect(seen == Array(0..<200))
    }

    /// Every window and thread count hands over every result, in order, with no more than `window` claimed and
    /// not yet handed over (here one more: the one `consume` is given is counted until it returns); a lost
    /// wake-up would hang here, so the run is timed out.
    @Test(.timeLimit(.minutes(1)), arguments: [(1, 2), (2, 2), (3, 8), (32, 2), (1_000, 3)])
    func orderedParallelMapKeepsToItsWindow(window: Int, threads: Int) {
        final class Ahead: @unchecked Sendable {
            let lock = NSLock()
            var claimed = 0, consumed = 0, most = 0
        }
        let ahead = Ahead()
        var seen: [Int] = []
        OrderedParallelMap.run(Array(0..<3_000), threads: threads, window: window) { n in
            ahead.lock.withLock {
                ahead.claimed += 1
                ahead.most = max(ahead.most, ahead.claimed - ahead.consumed)
            }
            var x = 0
            for i in 0..<((n * 7_919) % 3_000) { x &+= i }
            return n + (x == -1 ? 1 : 0)
        } consume: { _, value in
            ahead.lock.withLock { ahead.consumed += 1 }
            seen.append(value)
        }
        #expect(seen == Array(0..<3_000))
        #expect(ahead.most <= window + 1, "\(ahead.most) ahead with a window of \(window)")
    }

    @Test func compactorJoinsPrettyRecordsOntoOneLine() {
        let pretty = "{\n  \"a\" : \"x y\\n\",\n  \"b\" : [ 1, 2 ]\n}"
        var out: [UInt8] = []
        Array(pretty.utf8).withUnsafeBytes { JSONCompactor.appendCompact($0, to: &out) }
        #expect(String(decoding: out, as: UTF8.self) == #"{"a":"x y\n","b":[1,2]}"#)
    }
}
