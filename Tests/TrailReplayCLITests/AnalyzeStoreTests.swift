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
