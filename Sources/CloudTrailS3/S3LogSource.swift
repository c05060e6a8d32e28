import AWSAuth
import AWSCore
import Foundation
import S3Access
import TrailReader

/// `s3://` inputs for the readers: which objects to read for an URL and a filter, and their bytes.
///
/// The objects are those a directory walk over a local copy would read (the same name rules and the same
/// filter, through `LogFileLocator`), in key order; with `--account`, `--region`, `--from`/`--to`, only
/// the matching part of the CloudTrail layout is listed.
public struct S3LogSource: Sendable {
    public var client: S3Client
    /// Objects fetched at once by `fetch`.
    public var maxInFlight: Int

    public init(client: S3Client, maxInFlight: Int = 16) {
        self.client = client
        self.maxInFlight = max(1, maxInFlight)
    }

    /// A source configured like the AWS CLI: credentials, region and endpoint from the environment and
    /// the shared files.
    public static func standard(environment: AWSEnvironment = .current, maxInFlight: Int = 16) throws(S3SourceError) -> S3LogSource {
        let transport = URLSessionTransport(maxConnectionsPerHost: maxInFlight)
        let chain: CredentialChain
        do throws(CredentialError) {
            chain = try CredentialChain(environment: environment)
        } catch {
            throw .credentials(error)
        }
        let configuration: S3Configuration
        do throws(S3ConfigurationError) {
            configuration = try S3Configuration.from(environment: environment, shared: chain.shared)
        } catch {
            throw .configuration(error)
        }
        let provider: RefreshingCredentials
        do throws(CredentialError) {
            provider = try chain.refreshingProvider(transport: transport)
        } catch {
            throw .credentials(error)
        }
        return S3LogSource(client: S3Client(configuration: configuration, credentials: provider, transport: transport),
            maxInFlight: maxInFlight)
    }

    /// The objects to read for `url` (`s3://bucket/prefix`) under `filter`.
    public func discover(_ url: String, filter: ReadFilter) async -> S3LogListing {
        var listing = S3LogListing()
        guard let location = S3Location(url: url) else {
            listing.statistics.filesFailed += 1
            listing.diagnostics.append(ReadDiagnostic(.error, file: url, message: "not an `s3://BUCKET/PREFIX` URL"))
            return listing
        }
        let lister = BucketLister(client: client, bucket: location.bucket)
        var outcome = TrailLayoutWalk.Outcome()
        if !filter.isEmpty, let layout = await layout(of: location, lister: lister, into: &outcome) {
            listing.pruned = true
            outcome.add(await TrailLayoutWalk(lister: lister, filter: filter, window: DeliveryWindow(filter: filter)).walk(from: layout))
        } else if outcome.failures.isEmpty {
            do throws(S3Error) {
                outcome.objects = try await lister.list(prefix: location.key, delimiter: nil, startAfter: nil).objects
            } catch {
                outcome.failures.append(error)
            }
        }
        for failure in outcome.failures {
            listing.statistics.filesFailed += 1
            listing.diagnostics.append(ReadDiagnostic(.error, file: failure.location.description, message: "cannot list: \(failure.reason)"))
        }
        classify(outcome.objects, requested: location, filter: filter, into: &listing)
        return listing
    }

    /// The layout level the prefix stands at, looking one level down for `AWSLogs/` when the prefix is
    /// a trail's own prefix (or the bucket's root).
    private func layout(of location: S3Location, lister: BucketLister, into outcome: inout TrailLayoutWalk.Outcome) async
        -> TrailLayout?
    {
        let folder = location.key.isEmpty || location.key.hasSuffix("/") ? location.key : location.key + "/"
        if let layout = TrailLayout(prefix: folder) { return layout }
        guard !folder.split(separator: "/").contains("AWSLogs") else { return nil }
        do throws(S3Error) {
            let page = try await lister.list(prefix: folder, delimiter: "/", startAfter: nil)
            return page.commonPrefixes.contains(folder + "AWSLogs/") ? TrailLayout(prefix: folder + "AWSLogs/") : nil
        } catch {
            outcome.failures.append(error)
            return nil
        }
    }

    /// Sorts by key bytes, drops repeats, and keeps what a directory walk would (an object named exactly
    /// by the URL counts as named on the command line).
    private func classify(_ objects: [S3Object], requested: S3Location, filter: ReadFilter, into listing: inout S3LogListing) {
        let locator = LogFileLocator(filter: filter)
        let sorted = objects.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
        var previous: String?
        for object in sorted where object.key != previous {
            previous = object.key
            let location = S3Location(bucket: requested.bucket, key: object.key)
            let name = object.key.split(separator: "/").last.map(String.init) ?? object.key
            let key = CloudTrailKey(fileName: name)
            if let key {
                switch key.kind {
                case .digest: listing.statistics.skip("digest"); continue
                case .insight: listing.statistics.skip("insight"); continue
                case .log:
                    guard filter.admits(key) else { listing.statistics.skip("outside filters"); continue }
                }
            } else if object.key != requested.key, locator.locate(inDirectory: location.description) == nil {
                listing.statistics.skip("not a log file")
                continue
            }
            listing.objects.append(S3LogObject(location: location, size: object.size, etag: object.etag, key: key,
                lastModified: object.lastModified))
        }
    }

    /// The object as the local readers take an input: named `s3://bucket/key`, its bytes streamed from here.
    public func logFile(_ object: S3LogObject) -> LogFile {
        LogFile(path: object.displayName, key: object.key, source: S3ObjectInput(client: client, object: object))
    }

    /// Streams one object's bytes to `consume`, in order, in parts (see `S3Client.getObject`).
    public func stream(_ object: S3LogObject, to consume: (Data) async throws -> Void) async throws(S3Error) -> S3ObjectRead {
        try await client.getObject(object.location, consume: consume)
    }

    /// `stream` for thread-based readers: blocks the calling thread until the object is read, handing
    /// each part to `consume` on that thread. Call it from a plain thread (as `OrderedParallelMap`'s
    /// workers are), never from a Swift concurrency task.
    public func streamBlocking(_ object: S3LogObject, to consume: @escaping (UnsafeRawBufferPointer) throws -> Void)
        throws(S3Error) -> S3ObjectRead
    {
        try S3ObjectStream(client: client, location: object.location).drain(consume)
    }

    /// Fetches many objects with at most `maxInFlight` at once; `work` streams each one (and turns its
    /// bytes into a result) and `consume` receives the results in key order.
    public func fetch<Result: Sendable>(_ objects: [S3LogObject],
        work: @escaping @Sendable (S3LogObject, S3LogSource) async -> Result,
        consume: (Int, Result) async -> Void) async
    {
        let source = self
        await ParallelFetch.run(objects, maxInFlight: maxInFlight, order: .itemOrder) { object in
            await work(object, source)
        } consume: { index, result in
            await consume(index, result)
        }
    }
}

/// Why an `S3LogSource` could not be set up.
public enum S3SourceError: Error, Sendable, Equatable, CustomStringConvertible {
    case credentials(CredentialError)
    case configuration(S3ConfigurationError)

    public var description: String {
        switch self {
        case .credentials(let error): return error.description
        case .configuration(let error): return error.description
        }
    }
}
