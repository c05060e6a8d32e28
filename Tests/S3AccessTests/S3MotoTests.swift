import AWSAuth
import AWSCore
import Foundation
import MotoSupport
import S3Access
import Testing

/// The S3 client against moto's S3 on 127.0.0.1, and a fault-injecting proxy in front of it.
@Suite(.enabled(if: MotoServer.hasMoto, "needs python3 with moto and boto3 (pip install moto boto3)"), .serialized)
struct S3MotoTests {
    /// Pages of at most `max-keys` keys, continued with NextContinuationToken; keys that need encoding
    /// survive (`encoding-type=url`).
    /// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
    @Test func multiPageListings() async throws {
        let server = try MotoServer()
        defer { server.stop() }
        var items = (0..<1050).map { MotoBucket.Item(key: String(format: "logs/%05d.json.gz", $0), kind: "text", body: "x") }
        items += ["odd/a b+c.json", "odd/ünï/çode.json", "odd/100%.json", "other/z"].map { MotoBucket.Item(key: $0, kind: "text", body: "y") }
        let bucket = try MotoBucket.seed(server, bucket: "pages", items)

        let client = testClient(server.endpoint)
        let all = try await client.listAll(bucket: "pages", prefix: "logs/")
        #expect(all.objects.map(\.key) == (0..<1050).map { String(format: "logs/%05d.json.gz", $0) })
        #expect(all.objects.allSatisfy { $0.size == 1 })
        #expect(client.counters.requests(.listObjectsV2) == 2)

        let small = testClient(server.endpoint, pageSize: 100)
        let paged = try await small.listAll(bucket: "pages", prefix: "logs/", startAfter: "logs/00499.json.gz")
        #expect(paged.objects.count == 550)
        #expect(paged.objects.first?.key == "logs/00500.json.gz")
        #expect(small.counters.requests(.listObjectsV2) == 6)

        let odd = try await client.listAll(bucket: "pages", prefix: "odd/")
        #expect(Set(odd.objects.map(\.key)) == ["odd/a b+c.json", "odd/ünï/çode.json", "odd/100%.json"])
        let folders = try await client.listAll(bucket: "pages", delimiter: "/")
        #expect(folders.commonPrefixes == ["logs/", "odd/", "other/"])
        #expect(folders.objects.isEmpty)
        #expect(bucket.objects.count == items.count)
    }

    /// Many objects at once, bounded, handed over in key order; every byte checked against the upload.
    @Test func parallelReadsInKeyOrder() async throws {
        let server = try MotoServer()
        defer { server.stop() }
        let sizes = [0, 1, 65535, 65536, 65537, 200_000, 10, 131_072, 7, 300_001] + (0..<20).map { 1000 * $0 + 17 }
        let items = sizes.enumerated().map { MotoBucket.Item(key: String(format: "obj/%03d", $0.offset), size: $0.element) }
        let bucket = try MotoBucket.seed(server, bucket: "parallel", items)
        let client = testClient(server.endpoint, partSize: 65536)
        let keys = items.map(\.key).shuffled().sorted()
        var order: [String] = []
        await ParallelFetch.run(keys, maxInFlight: 6) { key in
            do throws(S3Error) {
                let (data, read) = try await readAll(client, S3Location(bucket: "parallel", key: key))
                return (key, SigV4Signer.sha256Hex(data), read.requests, read.size)
            } catch {
                return (key, "failed: \(error)", 0, 0)
            }
        } consume: { _, result in
            order.append(result.0)
            #expect(result.1 == bucket.objects[result.0]?.sha256, "\(result.0)")
            #expect(result.3 == bucket.objects[result.0]?.size)
            #expect(result.2 == max(1, (result.3 + 65535) / 65536), "\(result.0): parts")
        }
        #expect(order == keys)
        let expectedRequests = sizes.map { max(1, ($0 + 65535) / 65536) }.reduce(0, +)
        #expect(client.counters.requests(.getObject) == expectedRequests)
    }

    /// A stored `Content-Encoding: gzip` is not undone midway through ranges: the bytes arrive either as
    /// stored or, when the server ignores `response-content-encoding`, decoded in one whole GET.
    @Test func storedContentEncodingSurvivesRanges() async throws {
        let server = try MotoServer()
        defer { server.stop() }
        let text = (0..<5000).map { "{\"eventName\":\"GetObject\",\"n\":\($0 * 7919 % 100_003)}\n" }.joined()
        let bucket = try MotoBucket.seed(server, bucket: "encoded",
            [MotoBucket.Item(key: "AWSLogs/x.json.gz", kind: "text", body: text, contentEncoding: "gzip")])
        let entry = try #require(bucket.objects["AWSLogs/x.json.gz"])
        #expect(entry.size > 8192)
        let client = testClient(server.endpoint, partSize: 4096)
        let (data, read) = try await readAll(client, S3Location(bucket: "encoded", key: "AWSLogs/x.json.gz"))
        if read.decodedByTransport {
            #expect(SigV4Signer.sha256Hex(data) == entry.plainSHA256)
        } else {
            #expect(SigV4Signer.sha256Hex(data) == entry.sha256)
        }
        #expect(read.size == entry.size || read.decodedByTransport)
    }

    @Test func missingKeyAndBucketAreTyped() async throws {
        let server = try MotoServer()
        defer { server.stop() }
        _ = try MotoBucket.seed(server, bucket: "present", [MotoBucket.Item(key: "a", size: 3)])
        let client = testClient(server.endpoint)
        await #expect(throws: S3Error.notFound(S3Location(bucket: "present", key: "missing.json.gz"), code: "NoSuchKey")) {
            _ = try await readAll(client, S3Location(bucket: "present", key: "missing.json.gz"))
        }
        do throws(S3Error) {
            _ = try await client.listAll(bucket: "absent-bucket")
            Issue.record("listing a missing bucket should fail")
        } catch {
            #expect(error == .notFound(S3Location(bucket: "absent-bucket", key: ""), code: "NoSuchBucket"))
            #expect(error.description == "s3://absent-bucket/: not found (NoSuchBucket)")
        }
    }

    /// A 403 on one object is one error naming it; the others are read.
    @Test func forbiddenObjectIsOneTypedError() async throws {
        let server = try MotoServer()
        defer { server.stop() }
        _ = try MotoBucket.seed(server, bucket: "mixed", (0..<5).map { MotoBucket.Item(key: "k\($0)", size: 100) })
        let proxy = try FakeAWSServer("proxy", ["--upstream", server.endpoint,
            "--rules", #"[{"path": "/mixed/k2", "status": 403, "code": "AccessDenied"}]"#])
        defer { proxy.stop() }
        let client = testClient(proxy.endpoint)
        var outcomes: [String] = []
        await ParallelFetch.run((0..<5).map { "k\($0)" }, maxInFlight: 3) { key in
            do throws(S3Error) {
                return "\(try await readAll(client, S3Location(bucket: "mixed", key: key)).0.count)"
            } catch {
                return error.description
            }
        } consume: { _, outcome in
            outcomes.append(outcome)
        }
        #expect(outcomes == ["100", "100", "s3://mixed/k2: access denied (AccessDenied: injected by fake_aws)", "100", "100"])
        #expect(client.counters.retries == 0)
    }

    /// 503 SlowDown and a reset connection are retried with backoff and succeed; past the attempts the
    /// error is returned.
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/optimizing-performance.html
    @Test func throttlingAndResetsAreRetried() async throws {
        let server = try MotoServer()
        defer { server.stop() }
        let bucket = try MotoBucket.seed(server, bucket: "busy", [MotoBucket.Item(key: "slow", size: 5000), MotoBucket.Item(key: "stuck", size: 10)])
        let proxy = try FakeAWSServer("proxy", ["--upstream", server.endpoint, "--rules", """
            [{"path": "/busy/slow", "status": 503, "code": "SlowDown", "times": 2},
             {"query": "list-type=2", "reset": true, "times": 1},
             {"query": "list-type=2", "status": 500, "code": "InternalError", "times": 1},
             {"path": "/busy/stuck", "status": 503, "code": "SlowDown"}]
            """])
        defer { proxy.stop() }
        let client = testClient(proxy.endpoint, attempts: 4)
        let (data, _) = try await readAll(client, S3Location(bucket: "busy", key: "slow"))
        #expect(SigV4Signer.sha256Hex(data) == bucket.objects["slow"]?.sha256)
        #expect(client.counters.retries == 2)
        // A fresh client, so that the reset hits a new connection (libcurl itself retries a reused one).
        let lister = testClient(proxy.endpoint, attempts: 4)
        let listing = try await lister.listAll(bucket: "busy")
        #expect(listing.objects.map(\.key) == ["slow", "stuck"])
        #expect(lister.counters.retries == 2)
        await #expect(throws: S3Error.service(S3Location(bucket: "busy", key: "stuck"), status: 503, code: "SlowDown", message: "injected by fake_aws")) {
            _ = try await readAll(client, S3Location(bucket: "busy", key: "stuck"))
        }
        #expect(client.counters.retries == 5)
    }

    /// A bucket in another region answers 301 with `x-amz-bucket-region`; the client signs again for it
    /// and keeps it.
    /// https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html
    @Test func bucketRegionIsDiscovered() async throws {
        let server = try MotoServer()
        defer { server.stop() }
        _ = try MotoBucket.seed(server, bucket: "faraway", [MotoBucket.Item(key: "k", size: 10)])
        let proxy = try FakeAWSServer("proxy", ["--upstream", server.endpoint, "--rules", #"[{"path": "/faraway", "region": "eu-west-1"}]"#])
        defer { proxy.stop() }
        let client = testClient(proxy.endpoint, region: "us-east-1")
        #expect(try await client.listAll(bucket: "faraway").objects.map(\.key) == ["k"])
        #expect(client.counters.redirects == 1)
        #expect(await client.region(of: "faraway") == "eu-west-1")
        _ = try await readAll(client, S3Location(bucket: "faraway", key: "k"))
        #expect(client.counters.redirects == 1)
        let scopes = try proxy.log().compactMap { $0["authorization"] }.map { $0.contains("/eu-west-1/s3/") }
        #expect(scopes == [false, true, true])
    }
}
