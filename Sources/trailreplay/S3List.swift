import ArgumentParser
import CloudTrailS3
import Foundation
import S3Access
import TrailReader

/// Developer command: the objects an `s3://` input resolves to, and with `--fetch` how fast they are read.
struct S3List: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "s3-ls",
        abstract: "List the log objects of s3:// inputs under the filters (developer tool).",
        shouldDisplay: false
    )

    @OptionGroup var read: ReadArguments

    @Flag(help: "Also read every object (bytes discarded) and report the throughput.")
    var fetch = false

    func validate() throws {
        for path in read.paths where !path.lowercased().hasPrefix("s3://") {
            throw ValidationError("`\(path)` is not an s3:// URL")
        }
    }

    func run() throws {
        let filter = try read.filter()
        let source: S3LogSource
        do {
            source = try S3LogSource.standard(maxInFlight: read.jobs ?? 16)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitStatus.fatal
        }
        let paths = read.paths
        let fetch = self.fetch
        let report = S3ListReport()
        BlockingWait.run { await report.run(source: source, paths: paths, filter: filter, fetch: fetch) }
        if report.failed { throw ExitStatus.partialFailure }
    }
}

/// Lists, optionally fetches, and prints; the state lives here so the command stays a parser.
final class S3ListReport: @unchecked Sendable {
    private(set) var failed = false

    func run(source: S3LogSource, paths: [String], filter: ReadFilter, fetch: Bool) async {
        let clock = ContinuousClock()
        let started = clock.now
        var objects: [S3LogObject] = []
        var statistics = ReadStatistics()
        for path in paths {
            let listing = await source.discover(path, filter: filter)
            for diagnostic in listing.diagnostics { FileHandle.standardError.write(Data("\(diagnostic)\n".utf8)) }
            objects += listing.objects
            statistics.add(listing.statistics)
        }
        let listed = clock.now - started
        var out = ""
        for object in objects { out += "\(object.size)\t\(object.displayName)\n" }
        FileHandle.standardOutput.write(Data(out.utf8))
        failed = statistics.filesFailed > 0
        var line = "listed \(objects.count) objects in \(Self.seconds(listed)) s with \(source.client.counters.requests(.listObjectsV2)) ListObjectsV2"
            + " (\(Self.rate(Double(objects.count), listed)) objects/s); skipped \(statistics.filesSkipped), failed \(statistics.filesFailed)"
        if fetch {
            let fetchStart = clock.now
            var bytes = 0, failures = 0
            await source.fetch(objects) { object, source in
                do throws(S3Error) {
                    return Result<Int, S3Error>.success(try await source.stream(object) { _ in }.bytesDelivered)
                } catch {
                    return .failure(error)
                }
            } consume: { _, result in
                switch result {
                case .success(let count): bytes += count
                case .failure(let error):
                    failures += 1
                    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                }
            }
            let took = clock.now - fetchStart
            failed = failed || failures > 0
            line += "; fetched \(objects.count - failures) objects, \(bytes) bytes in \(Self.seconds(took)) s ("
                + "\(Self.rate(Double(objects.count - failures), took)) objects/s, \(Self.rate(Double(bytes) / 1e6, took)) MB/s"
                + ", \(source.client.counters.requests(.getObject)) GetObject, \(source.client.counters.retries) retries)"
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func seconds(_ duration: Duration) -> String { String(format: "%.2f", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18) }

    static func rate(_ amount: Double, _ duration: Duration) -> String {
        let s = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String(format: "%.1f", s > 0 ? amount / s : 0)
    }
}
