import CivilTime
import AWSAuth
import AWSCore
import CloudTrailS3
import Foundation
import MotoSupport
import S3Access
import Testing
import TrailReader

/// The `s3://` hook end to end against moto: a year of an organization trail, a one-day run, the
/// accounting of skipped keys, and the bytes streamed to a plain thread.
@Suite(.enabled(if: MotoServer.hasMoto, "needs python3 with moto and boto3 (pip install moto boto3)"), .serialized)
struct S3LogSourceMotoTests {
    static let account = "111122223333"

    static func source(_ endpoint: String) throws -> S3LogSource {
        let env = AWSEnvironment(variables: ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL_S3": endpoint, "AWS_EC2_METADATA_DISABLED": "true"], homeDirectory: "/nonexistent")
        return try S3LogSource.standard(environment: env, maxInFlight: 4)
    }

    static let keys: [String] = TrailKeys.year(account, "us-east-1", times: ["00:10", "12:05", "23:55"], root: "trails/AWSLogs/o-exampleorg1/")
        + ["trails/AWSLogs/o-exampleorg1/\(account)/CloudTrail-Digest/us-east-1/2024/03/10/\(account)_CloudTrail-Digest_us-east-1_t_us-east-1_20240310T0015Z.json.gz",
           "trails/AWSLogs/o-exampleorg1/\(account)/CloudTrail-Insight/us-east-1/2024/03/10/\(account)_CloudTrail-Insight_us-east-1_20240310T0015Z_x.json.gz",
           "trails/AWSLogs/o-exampleorg1/\(account)/CloudTrail/us-east-1/2024/03/10/README.txt"]

    @Test func oneDayOfAYearListsOneDay() async throws {
        let server = try MotoServer()
        defer { server.stop() }
        let bucket = try MotoBucket.seed(server, bucket: "org-trail", Self.keys.map { MotoBucket.Item(key: $0, size: 300, kind: "records") })
        let source = try Self.source(server.endpoint)
        let filter = ReadFilter(time: TimeRange(from: UTCTime("2024-03-10T00:00:00Z"), to: UTCTime("2024-03-11T00:00:00Z")))
        let listing = await source.discover("s3://org-trail/trails/", filter: filter)
        #expect(listing.pruned)
        #expect(listing.diagnostics.isEmpty)
        #expect(listing.objects.map(\.displayName) == [
            "s3://org-trail/" + TrailKeys.log(Self.account, "us-east-1", "2024-03-10T00:10:00Z", root: "trails/AWSLogs/o-exampleorg1/"),
            "s3://org-trail/" + TrailKeys.log(Self.account, "us-east-1", "2024-03-10T12:05:00Z", root: "trails/AWSLogs/o-exampleorg1/"),
            "s3://org-trail/" + TrailKeys.log(Self.account, "us-east-1", "2024-03-10T23:55:00Z", root: "trails/AWSLogs/o-exampleorg1/"),
            "s3://org-trail/" + TrailKeys.log(Self.account, "us-east-1", "2024-03-11T00:10:00Z", root: "trails/AWSLogs/o-exampleorg1/"),
        ])
        #expect(listing.objects.allSatisfy { $0.key?.account == Self.account && $0.key?.region == "us-east-1" })
        // trails/ (finds AWSLogs/), AWSLogs/ (finds the organization), its accounts, the account's regions,
        // the day, and the next day's first hour.
        #expect(source.client.counters.requests(.listObjectsV2) == 6)
        #expect(listing.statistics.skippedByReason == ["not a log file": 1])

        // The bytes, streamed to a plain thread as the local reader's workers are.
        let first = try #require(listing.objects.first)
        let streamed = try await Self.readOnThread(source, first)
        #expect(SigV4Signer.sha256Hex(streamed) == bucket.objects[first.location.key]?.sha256)
        #expect(streamed.prefix(2) == Data([0x1f, 0x8b]))
    }

    /// Without filters nothing is pruned: every key is listed, digests and Insights skipped and counted.
    @Test func unfilteredListingCountsSkippedKeys() async throws {
        let server = try MotoServer()
        defer { server.stop() }
        let few = Array(Self.keys.prefix(30)) + Self.keys.suffix(3)
        _ = try MotoBucket.seed(server, bucket: "small-trail", few.map { MotoBucket.Item(key: $0, kind: "text", body: "{}") })
        let source = try Self.source(server.endpoint)
        let listing = await source.discover("s3://small-trail/trails/AWSLogs/", filter: ReadFilter())
        #expect(!listing.pruned)
        #expect(listing.objects.count == 30)
        #expect(listing.statistics.skippedByReason == ["digest": 1, "insight": 1, "not a log file": 1])
        #expect(listing.objects.map(\.location.key) == Array(few.prefix(30)).sorted())

        let exact = await source.discover("s3://small-trail/trails/AWSLogs/o-exampleorg1/\(Self.account)/CloudTrail/us-east-1/2024/03/10/README.txt",
            filter: ReadFilter())
        #expect(exact.objects.count == 1)  // named exactly, it is read like a file named on the command line
        let bad = await source.discover("not-s3://x", filter: ReadFilter())
        #expect(bad.statistics.filesFailed == 1)
        #expect(bad.diagnostics.first?.description == "error: not-s3://x: not an `s3://BUCKET/PREFIX` URL")
    }

    /// A prefix that cannot be listed is one diagnostic naming it, counted as failed; the rest is listed.
    @Test func unlistablePrefixIsOneDiagnostic() async throws {
        let server = try MotoServer()
        defer { server.stop() }
        let keys = TrailKeys.year(Self.account, "us-east-1", times: ["08:00"]).filter { $0.contains("/2024/03/") }
            + TrailKeys.year(Self.account, "eu-west-1", times: ["08:00"]).filter { $0.contains("/2024/03/") }
        _ = try MotoBucket.seed(server, bucket: "partly", keys.map { MotoBucket.Item(key: $0, kind: "text", body: "{}") })
        let proxy = try FakeAWSServer("proxy", ["--upstream", server.endpoint,
            "--rules", #"[{"query": "prefix=AWSLogs/o-exampleorg1/111122223333/CloudTrail/eu-west-1/", "status": 403, "code": "AccessDenied"}]"#])
        defer { proxy.stop() }
        let source = try Self.source(proxy.endpoint)
        let listing = await source.discover("s3://partly/AWSLogs/o-exampleorg1/",
            filter: ReadFilter(accounts: [Self.account], regions: ["us-east-1", "eu-west-1"], time: TimeRange(from: UTCTime("2024-03-05T00:00:00Z"), to: UTCTime("2024-03-07T00:00:00Z"))))
        #expect(listing.objects.count == 2)
        #expect(listing.objects.allSatisfy { $0.key?.region == "us-east-1" })
        // eu-west-1's two days and the next day's first hour
        #expect(listing.statistics.filesFailed == 3)
        #expect(listing.diagnostics.count == 3)
        #expect(listing.diagnostics.first?.file.hasPrefix("s3://partly/AWSLogs/o-exampleorg1/111122223333/CloudTrail/eu-west-1/2024/03/0") == true)
        #expect(listing.diagnostics.first?.message.contains("access denied (AccessDenied") == true)
    }

    /// Runs `streamBlocking` on a new thread and returns the bytes.
    static func readOnThread(_ source: S3LogSource, _ object: S3LogObject) async throws -> Data {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Data, any Error>) in
            let thread = Thread {
                var data = Data()
                do {
                    _ = try source.streamBlocking(object) { data.append(contentsOf: $0) }
                    continuation.resume(returning: data)
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.start()
        }
    }
}
