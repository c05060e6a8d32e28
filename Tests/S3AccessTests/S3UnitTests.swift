import AWSAuth
import AWSCore
import Foundation
import S3Access
import Testing

@Suite struct S3LocationTests {
    @Test func parsesS3URLs() {
        #expect(S3Location(url: "s3://trail-bucket/AWSLogs/o-abc/") == S3Location(bucket: "trail-bucket", key: "AWSLogs/o-abc/"))
        #expect(S3Location(url: "s3a://trail-bucket") == S3Location(bucket: "trail-bucket", key: ""))
        #expect(S3Location(url: "S3://trail.bucket//x")?.key == "x")
        for bad in ["/local/path", "s3://", "s3://UpperCase/x", "s3://ab/x", "s3://-bucket/x", "https://b/x"] {
            #expect(S3Location(url: bad) == nil, "\(bad)")
        }
        #expect(S3Location(bucket: "b", key: "k/1").description == "s3://b/k/1")
        #expect(S3Location.isS3URL("s3a://b") && !S3Location.isS3URL("./s3/b"))
    }

    /// Virtual-hosted addressing on AWS, path-style for dotted names and custom endpoints.
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html
    @Test func addressing() throws {
        let aws = try #require(S3Endpoint().url(bucket: "logs", key: "a b/c", query: [("list-type", "2")], region: "eu-west-1"))
        #expect(aws.url.absoluteString == "https://logs.s3.eu-west-1.amazonaws.com/a%20b/c?list-type=2")
        #expect(aws.host == "logs.s3.eu-west-1.amazonaws.com")
        let dotted = try #require(S3Endpoint().url(bucket: "my.logs", key: "k", query: [], region: "cn-north-1"))
        #expect(dotted.url.absoluteString == "https://s3.cn-north-1.amazonaws.com.cn/my.logs/k")
        let custom = try #require(S3Endpoint(custom: URL(string: "http://127.0.0.1:5000")).url(bucket: "b", key: "x+y", query: [("prefix", "a/b")], region: "us-east-1"))
        #expect(custom.url.absoluteString == "http://127.0.0.1:5000/b/x%2By?prefix=a%2Fb")
        #expect(custom.host == "127.0.0.1:5000")
        #expect(custom.path == "/b/x+y")
    }

    @Test func configurationFromTheEnvironment() throws {
        let env = AWSEnvironment(variables: ["AWS_DEFAULT_REGION": "sa-east-1", "AWS_ENDPOINT_URL": "http://a:1", "AWS_ENDPOINT_URL_S3": "http://127.0.0.1:9000"],
            homeDirectory: "/nonexistent")
        let configuration = try S3Configuration.from(environment: env, shared: nil)
        #expect(configuration.region == "sa-east-1")
        #expect(configuration.endpoint.custom?.absoluteString == "http://127.0.0.1:9000")
        let ignored = AWSEnvironment(variables: ["AWS_ENDPOINT_URL": "http://a:1", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"], homeDirectory: "/nonexistent")
        #expect(try S3Configuration.from(environment: ignored, shared: nil).endpoint.custom == nil)
        #expect(try S3Configuration.from(environment: ignored, shared: nil).region == "us-east-1")
        #expect(throws: S3ConfigurationError.self) {
            try S3Configuration.from(environment: AWSEnvironment(variables: ["AWS_ENDPOINT_URL": "ftp://x"], homeDirectory: "/"), shared: nil)
        }
    }
}

@Suite struct RetryAndFetchTests {
    /// Full jitter: a wait in `[0, min(cap, base × 2ⁿ⁻¹))`.
    /// https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
    @Test func backoffGrowsAndIsCapped() {
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: 0.1, maxDelay: 1)
        #expect((1...6).map { policy.delayCeiling(beforeRetry: $0) } == [0.1, 0.2, 0.4, 0.8, 1, 1])
        #expect(policy.delay(beforeRetry: 3, unit: 0.5) == 0.2)
        #expect(policy.delay(beforeRetry: 3, unit: 0) == 0)
        #expect(policy.delay(beforeRetry: 3, unit: 1) < 0.4)
    }

    @Test func retriesOnlyTransientFailuresUpToTheLimit() async {
        struct Failure: Error { var transient: Bool }
        let policy = RetryPolicy(maxAttempts: 3, baseDelay: 0, maxDelay: 0)
        var attempts: [Int] = []
        do throws(Failure) {
            _ = try await policy.run(isTransient: { $0.transient }, sleep: { _ in }) { (attempt: Int) async throws(Failure) -> Int in
                attempts.append(attempt)
                throw Failure(transient: true)
            }
        } catch {}
        #expect(attempts == [1, 2, 3])
        attempts = []
        do throws(Failure) {
            _ = try await policy.run(isTransient: { $0.transient }, sleep: { _ in }) { (attempt: Int) async throws(Failure) -> Int in
                attempts.append(attempt)
                throw Failure(transient: false)
            }
        } catch {}
        #expect(attempts == [1])
    }

    actor Gauge {
        var running = 0, peak = 0
        func enter() { running += 1; peak = max(peak, running) }
        func leave() { running -= 1 }
    }

    /// Results come in item order whatever order they finish in, with the number in flight bounded.
    @Test(arguments: [ParallelFetch.Order.itemOrder, .completion])
    func boundedAndOrdered(_ order: ParallelFetch.Order) async {
        let gauge = Gauge()
        var seen: [Int] = []
        await ParallelFetch.run(Array(0..<60), maxInFlight: 4, order: order) { item in
            await gauge.enter()
            try? await Task.sleep(nanoseconds: UInt64((item * 7919) % 5) * 2_000_000)
            await gauge.leave()
            return item * 10
        } consume: { index, value in
            #expect(value == index * 10)
            seen.append(index)
        }
        #expect(await gauge.peak <= 4)
        #expect(await gauge.peak >= 2)
        if order == .itemOrder { #expect(seen == Array(0..<60)) } else { #expect(seen.sorted() == Array(0..<60)) }
    }
}
