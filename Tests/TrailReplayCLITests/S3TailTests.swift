import Foundation
import MotoSupport
import Testing

/// `tail s3://…` against moto: the objects already there are attributed, then an object that lands while it
/// polls is found with ListObjectsV2 `start-after` and attributed once; a restart attributes nothing again.
@Suite(.enabled(if: MotoServer.hasMoto, "needs python3 with moto and boto3 (pip install moto boto3)"), .serialized)
struct S3TailTests {
    /// A CloudTrail key of the account's trail named for `time` (`YYYYMMDDTHHMM`).
    static func key(_ time: Date, suffix: String) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy/MM/dd"
        let folder = formatter.string(from: time)
        formatter.dateFormat = "yyyyMMdd'T'HHmm"
        return "AWSLogs/\(DenyFixture.account)/CloudTrail/us-east-1/\(folder)/"
            + "\(DenyFixture.account)_CloudTrail_us-east-1_\(formatter.string(from: time))Z_\(suffix).json.gz"
    }

    @Test func pollsThePrefixAndAttributesEachNewObjectOnce() throws {
        let work = DenyFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try DenyFixture.writeSnapshot(at: work + "/snapshot")
        DenyFixture.write(DenyFixture.logFile(["a-1", "a-2"]), to: work + "/a.json.gz")
        DenyFixture.write(DenyFixture.logFile(["n-1"]), to: work + "/n.json.gz")
        let server = try MotoServer()
        defer { server.stop() }
        let old = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18
        _ = try MotoBucket.seed(server, bucket: "live", [MotoBucket.Item(key: "trail/" + Self.key(old, suffix: "a"), file: work + "/a.json.gz")])
        let proxy = try FakeAWSServer("proxy", ["--upstream", server.endpoint])
        defer { proxy.stop() }
        let store = work + "/store.sqlite"
        let arguments = ["tail", "s3://live/trail/", "--snapshot", work + "/snapshot", "--store", store, "--poll", "0.2"]
        let environment = S3InputTests.environment(proxy.endpoint)

        let tail = try BackgroundCommand(arguments, outputDirectory: work, name: "tail", environment: environment)
        defer { tail.kill(SIGKILL) }
        #expect(DenyFixture.waitFor { TailCommandTests.printedEventIDs(tail.stdout) == ["a-1", "a-2"] }, "\(tail.stderr)")
        #expect(tail.stderr.contains("tail: watching `s3://live/trail/` (polling every 0.2 s with ListObjectsV2 start-after)"),
            "\(tail.stderr)")

        let landed = "trail/" + Self.key(Date(), suffix: "n")
        _ = try MotoBucket.seed(server, bucket: "live", [MotoBucket.Item(key: landed, file: work + "/n.json.gz")])
        #expect(DenyFixture.waitFor { TailCommandTests.printedEventIDs(tail.stdout) == ["a-1", "a-2", "n-1"] }, "\(tail.stderr)")
        Thread.sleep(forTimeInterval: 1)
        #expect(TailCommandTests.printedEventIDs(tail.stdout) == ["a-1", "a-2", "n-1"], "each object once, however many polls")
        #expect(tail.kill(SIGTERM) == 0, "\(tail.stderr)")
        #expect(Set(TailCommandTests.storedEventIDs(store)) == ["a-1", "a-2", "n-1"])
        #expect(TailCommandTests.storedFiles(store).map(\.path).sorted() == ["s3://live/trail/" + Self.key(old, suffix: "a"), "s3://live/\(landed)"])

        // After the first listing, the polls list the recent day folders from `start-after` a minute before the window.
        let listings = try proxy.log().compactMap { $0["path"] }.filter { $0.contains("list-type=2") }
            .map { $0.removingPercentEncoding ?? $0 }
        #expect(listings.contains { $0.contains("start-after=trail/AWSLogs/\(DenyFixture.account)/CloudTrail/us-east-1/") }, "\(listings)")
        #expect(!listings.dropFirst(3).contains { $0.contains("2026/11/18") }, "the old day is not listed again")

        let again = try BackgroundCommand(arguments, outputDirectory: work, name: "again", environment: environment)
        defer { again.kill(SIGKILL) }
        #expect(DenyFixture.waitFor { again.stderr.contains("tail: watching") })
        Thread.sleep(forTimeInterval: 1.5)
        #expect(again.kill(SIGTERM) == 0)
        #expect(again.stdout.isEmpty, "a restart attributes nothing again: \(again.stderr)")
        #expect(again.stderr.contains("store: 0 files added (0 failed)"), "\(again.stderr)")
    }
}
