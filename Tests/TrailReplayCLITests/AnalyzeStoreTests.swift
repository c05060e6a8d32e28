import DenyStore
import Foundation
import Testing

/// `analyze --store`: the normal output, plus the store; a second run of the same batch adds nothing.
struct AnalyzeStoreTests {
    @Test func rerunningABatchAddsNothingTwice() throws {
        let work = DenyFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try DenyFixture.writeSnapshot(at: work + "/snapshot")
        try FileManager.default.createDirectory(atPath: work + "/logs/copy", withIntermediateDirectories: true)
        DenyFixture.write(DenyFixture.logFile(["e-1", "e-2"]), to: work + "/logs/one.json.gz")
        DenyFixture.write(DenyFixture.logFile(["e-3"]), to: work + "/logs/two.json.gz")
        DenyFixture.write(DenyFixture.logFile(["e-3"]), to: work + "/logs/copy/two.json.gz")
        let store = work + "/store.sqlite"
        let arguments = ["analyze", work + "/logs", "--snapshot", work + "/snapshot", "--store", store]

        let plain = try CLI.run(["analyze", work + "/logs", "--snapshot", work + "/snapshot"])
        let first = try CLI.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == plain.stdout, "the output is the same with and without the store")
        #expect(first.stderr.contains("store: 2 files added (0 failed), 1 already stored, 3 attributions added"))
        let second = try CLI.run(arguments)
        #expect(second.stdout == plain.stdout)
        #expect(second.stderr.contains("store: 0 files added (0 failed), 3 already stored, 0 attributions added"))

        let denyStore = try DenyStore(path: store, readOnly: true)
        #expect(try denyStore.allAttributions().compactMap(\.eventID).sorted() == ["e-1", "e-2", "e-3"])
        #expect(try denyStore.allAttributions().allSatisfy { $0.denies.first?.statement == "DenyDeleteRole" })
        let runs = try denyStore.runs()
        #expect(runs.map(\.command) == ["analyze", "analyze"])
        #expect(runs.map(\.counts.attributions) == [3, 0])
        #expect(runs.map(\.counts.filesAlreadyStored) == [1, 3])
    }

    @Test func aStoreThatCannotBeOpenedIsFatal() throws {
        let work = DenyFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try DenyFixture.writeSnapshot(at: work + "/snapshot")
        DenyFixture.write(DenyFixture.logFile(["e-1"]), to: work + "/one.json.gz")
        let result = try CLI.run(["analyze", work + "/one.json.gz", "--snapshot", work + "/snapshot",
            "--store", work + "/missing/dir/store.sqlite"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("error: cannot open the store `\(work)/missing/dir/store.sqlite`"))
    }
}

/// `analyze --store --skip-stored`: a nightly run over a growing archive reads only the new files.
struct AnalyzeSkipStoredTests {
    @Test func readsOnlyTheFilesNotYetStored() throws {
        let work = DenyFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try DenyFixture.writeSnapshot(at: work + "/snapshot")
        try FileManager.default.createDirectory(atPath: work + "/logs", withIntermediateDirectories: true)
        DenyFixture.write(DenyFixture.logFile(["e-1", "e-2"]), to: work + "/logs/one.json.gz")
        let arguments = ["analyze", work + "/logs", "--snapshot", work + "/snapshot", "--store", work + "/store.sqlite",
            "--skip-stored"]
        let first = try CLI.run(arguments)
        #expect(TailCommandTests.printedEventIDs(first.stdout) == ["e-1", "e-2"], "\(first.stderr)")

        DenyFixture.write(DenyFixture.logFile(["e-3"]), to: work + "/logs/two.json.gz")
        let second = try CLI.run(arguments)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(TailCommandTests.printedEventIDs(second.stdout) == ["e-3"])
        #expect(second.stderr.contains("files: 1 read, 1 skipped (1 already stored), 0 failed"))
        #expect(second.stderr.contains("store: 1 files added (0 failed), 0 already stored, 1 attributions added"))
    }

    @Test func recordFiltersDoNotGoWithTheStore() throws {
        let result = try CLI.run(["analyze", "SampleLogs", "--snapshot", "SampleLogs", "--store", "/tmp/x.sqlite",
            "--from", "2026-11-28"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--store keeps whole files: it cannot be combined with --from"))
        let alone = try CLI.run(["analyze", "SampleLogs", "--snapshot", "SampleLogs", "--skip-stored"])
        #expect(alone.status == 64)
        #expect(alone.stderr.contains("--skip-stored needs --store"))
    }
}
