import AWSAuth
import AWSCore
import CloudTrailS3
import Foundation
import MotoSupport
import S3Access
import Testing
import TrailReader

/// `s3://` objects as inputs of the local reader, against moto: the bytes of an object of several ranged parts
/// reach the reader whole and in order, decompressed as they stream; a reader that gives up early stops the
/// GETs and does not hang.
@Suite(.enabled(if: MotoServer.hasMoto, "needs python3 with moto and boto3 (pip install moto boto3)"), .serialized)
struct S3ObjectInputTests {
    /// A source whose GETs fetch `partSize` bytes at a time.
    static func source(_ endpoint: String, partSize: Int) -> S3LogSource {
        let configuration = S3Configuration(endpoint: S3Endpoint(custom: URL(string: endpoint)),
            retry: RetryPolicy(maxAttempts: 2, baseDelay: 0.01, maxDelay: 0.05), partSize: partSize, requestTimeout: 10)
        let client = S3Client(configuration: configuration,
            credentials: StaticCredentialProvider(AWSCredentials(accessKeyId: "testing", secretAccessKey: "testing")),
            transport: URLSessionTransport(), sleep: { _ in })
        return S3LogSource(client: client, maxInFlight: 4)
    }

    /// Runs `work` on a plain thread, as the readers run (never on a Swift concurrency thread, which the
    /// blocking reads would hold while the GETs they wait for need one).
    static func onThread<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: work()) }.start()
        }
    }

    @Test func anObjectOfManyPartsIsReadWholeAndInOrder() async throws {
        let server = try MotoServer()
        defer { server.stop() }
        let bucket = try MotoBucket.seed(server, bucket: "parts", [
            MotoBucket.Item(key: "logs/big.json.gz", size: 400_000, kind: "records"),
            MotoBucket.Item(key: "logs/noise.gz", size: 300_000, kind: "random"),
        ])
        let source = Self.source(server.endpoint, partSize: 64 << 10)
        let inputs = LogInputs(filter: ReadFilter()) { _ in source }
        let discovery = await Self.onThread { inputs.discover(["s3://parts/logs/"], threads: 2, reportingEmptyInputs: true) }
        #expect(discovery.diagnostics.isEmpty)
        #expect(discovery.files.map(\.path) == ["s3://parts/logs/big.json.gz", "s3://parts/logs/noise.gz"])
        let reader = LogFileReader(options: ReadOptions(selectAll: true))
        let big = try #require(discovery.files.first)
        let stored = try #require(bucket.objects["logs/big.json.gz"])
        #expect(stored.size > 5 * (64 << 10), "several parts")

        for _ in 0..<2 {
            let (result, bytes, eventIDs) = await Self.onThread {
                var bytes = Data()
                var eventIDs: [String] = []
                let result = reader.read(big, observe: { bytes.append(contentsOf: $0) }) { eventIDs.append($0.eventID ?? "") }
                return (result, bytes, eventIDs)
            }
            #expect(result.diagnostics.isEmpty)
            #expect(result.statistics.filesRead == 1)
            #expect(result.observedWholeFile)
            #expect(result.statistics.compressedBytes == stored.size)
            #expect(SigV4Signer.sha256Hex(bytes) == stored.sha256)
            #expect(eventIDs.count >= 200 && eventIDs.count % 200 == 0)
            #expect(eventIDs == (0..<eventIDs.count).map { "logs/big.json.gz-\($0)" })

            // Not gzip nor JSON: the reader stops after its first chunk and gives up the rest of the GETs.
            let noiseFile = discovery.files[1]
            let noise = await Self.onThread { reader.read(noiseFile) { _ in } }
            #expect(noise.statistics.filesFailed == 1)
            #expect(noise.diagnostics.first?.description.hasPrefix("error: s3://parts/logs/noise.gz (byte 0): not a CloudTrail log") == true,
                "\(noise.diagnostics)")
        }
    }

    @Test func aMissingObjectCannotBeOpened() async throws {
        let server = try MotoServer()
        defer { server.stop() }
        _ = try MotoBucket.seed(server, bucket: "gone", [MotoBucket.Item(key: "a.json", kind: "text", body: "{}")])
        let source = Self.source(server.endpoint, partSize: 1 << 20)
        let object = S3LogObject(location: S3Location(bucket: "gone", key: "b.json"), size: 10, key: nil)
        let file = source.logFile(object)
        let result = await Self.onThread { LogFileReader().read(file) { _ in } }
        #expect(result.statistics.filesFailed == 1)
        #expect(result.diagnostics.map(\.description) == ["error: s3://gone/b.json: cannot open: not found (NoSuchKey)"])
    }
}

/// How many objects are read at once, and objects named by their URL.
struct LogInputsTests {
    /// A source whose endpoint answers nothing: any request it sent would fail.
    static let unreachable = S3ObjectInputTests.source("http://127.0.0.1:9", partSize: 1 << 20)
    static let named = "s3://trail/AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/10/"
        + "111122223333_CloudTrail_us-east-1_20240310T1200Z_abc.json.gz"

    /// A URL naming a log object is that object, as a file named on the command line: no listing.
    @Test func aNamedLogObjectIsReadWithoutAListing() {
        let inputs = LogInputs(filter: ReadFilter()) { _ in Self.unreachable }
        let discovery = inputs.discover([Self.named], threads: 1, reportingEmptyInputs: true)
        #expect(discovery.diagnostics.isEmpty)
        #expect(discovery.files.map(\.path) == [Self.named])
        #expect(discovery.files.first?.key?.account == "111122223333")
        #expect(Self.unreachable.client.counters.requests(.listObjectsV2) == 0)

        let other = LogInputs(filter: ReadFilter(regions: ["eu-west-1"])) { _ in Self.unreachable }
            .discover([Self.named], threads: 1, reportingEmptyInputs: true)
        #expect(other.files.isEmpty)
        #expect(other.statistics.skippedByReason == ["outside filters": 1])
        #expect(other.diagnostics.map(\.description) == ["warning: \(Self.named): no log object matches the filters"])
    }

    @Test(arguments: [
        (jobs: Optional(3), paths: ["s3://b/"], expected: 3),
        (jobs: nil, paths: ["s3://b/", "logs"], expected: max(ProcessInfo.processInfo.activeProcessorCount, LogInputs.objectsInFlight)),
        (jobs: nil, paths: ["logs"], expected: ProcessInfo.processInfo.activeProcessorCount),
    ])
    func threads(jobs: Int?, paths: [String], expected: Int) {
        #expect(LogInputs.threads(jobs: jobs, paths: paths) == expected)
    }
}
