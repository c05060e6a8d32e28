import Foundation
import MotoSupport
import Testing

/// An output that is also an input is refused before anything is opened for writing (exit 64, the input intact),
/// whether named as is, through a symlink, a hard link, or inside an input folder; and the other values that
/// would make a command misbehave (a poll interval that spins a core, a bad `simulate` value) are usage errors.
@Suite struct InputCheckTests {
    /// A work folder holding `logs/` (one log file of a denied call) and a snapshot that explains it.
    final class Work {
        let folder = ScratchFolder()
        var logs: String { folder.path + "/logs" }
        var log: String { logs + "/a.json" }
        var snapshot: String { folder.path + "/snapshot" }

        init() throws {
            folder.write("logs/a.json", #"{"Records":["# + DenyFixture.record("e-1") + "]}")
            try DenyFixture.writeSnapshot(at: snapshot)
        }

        func size(_ path: String) -> Int? {
            (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        }
    }

    static func expectRefused(_ result: CLIResult, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 64, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(message), "\(result.stderr)", sourceLocation: sourceLocation)
    }

    @Test func extractRefusesToOverwriteAnInputHoweverItIsNamed() throws {
        let work = try Work()
        let before = try #require(work.size(work.log))
        try FileManager.default.createSymbolicLink(atPath: work.folder.path + "/link.json", withDestinationPath: work.log)
        try FileManager.default.linkItem(atPath: work.log, toPath: work.folder.path + "/hard.json")
        for output in [work.log, work.logs + "/../logs/a.json", work.folder.path + "/link.json", work.folder.path + "/hard.json"] {
            let result = try CLI.run(["extract", work.log, "--output", output])
            Self.expectRefused(result, "--output `\(output)` is the input `\(work.log)`: writing it would destroy what is to be read")
            #expect(work.size(work.log) == before, "\(output) truncated the input")
        }
        // Output into the folder being read (it would be read back as a `.jsonl` input), even if not there yet.
        let inside = work.logs + "/sub/out.jsonl"
        try FileManager.default.createDirectory(atPath: work.logs + "/sub", withIntermediateDirectories: true)
        Self.expectRefused(try CLI.run(["extract", work.logs, "--output", inside]),
            "--output `\(inside)` lies inside the input folder `\(work.logs)`: write it elsewhere")
        #expect(!FileManager.default.fileExists(atPath: inside))
        // Elsewhere it is written as usual.
        let elsewhere = work.folder.path + "/out.jsonl"
        let written = try CLI.run(["extract", work.logs, "--output", elsewhere])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(work.size(elsewhere) ?? 0 > 0)
    }

    @Test func analyzeRefusesOutputsOnItsLogsSnapshotOrStore() throws {
        let work = try Work()
        let store = work.folder.path + "/store.sqlite"
        let details = work.snapshot + "/accounts/\(DenyFixture.account)/authorization-details.json"
        let detailsSize = try #require(work.size(details))
        let base = ["analyze", work.logs, "--snapshot", work.snapshot]
        Self.expectRefused(try CLI.run(base + ["--output", work.log]), "--output `\(work.log)` lies inside the input folder `\(work.logs)`")
        Self.expectRefused(try CLI.run(base + ["--output", details]), "--output `\(details)` lies inside the input folder `\(work.snapshot)`")
        Self.expectRefused(try CLI.run(["analyze", work.log, "--snapshot", work.snapshot, "--store", work.log]),
            "--store `\(work.log)` is the input `\(work.log)`")
        Self.expectRefused(try CLI.run(base + ["--store", work.logs + "/s.sqlite"]), "--store `\(work.logs)/s.sqlite` lies inside the input folder `\(work.logs)`")
        #expect(work.size(work.log) ?? 0 > 0 && work.size(details) == detailsSize)
        // An existing store named as --output too would be truncated under the store's feet.
        let stored = try CLI.run(base + ["--store", store])
        #expect(stored.status == 0, "\(stored.stderr)")
        let storeSize = try #require(work.size(store))
        Self.expectRefused(try CLI.run(base + ["--store", store, "--output", store]), "--output `\(store)` is the input `\(store)`")
        #expect(work.size(store) == storeSize)
        // whatif reads the candidate policy too.
        let candidate = work.folder.path + "/deny-all.json"
        work.folder.write("deny-all.json", #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"#)
        Self.expectRefused(try CLI.run(["whatif", work.log, "--snapshot", work.snapshot, "--attach-scp", candidate,
            "--attach-to", DenyFixture.account, "--output", candidate]), "--output `\(candidate)` is the input `\(candidate)`")
        #expect(work.size(candidate) ?? 0 > 0)
    }

    @Test func reportRefusesToWriteOverItsStoreAndTailToStoreInWhatItReads() throws {
        let work = try Work()
        let store = work.folder.path + "/store.sqlite"
        let stored = try CLI.run(["analyze", work.logs, "--snapshot", work.snapshot, "--store", store])
        #expect(stored.status == 0, "\(stored.stderr)")
        let storeSize = try #require(work.size(store))
        Self.expectRefused(try CLI.run(["report", "--store", store, "--output", store, "--date", "2026-11-28"]),
            "--output `\(store)` is the input `\(store)`")
        #expect(work.size(store) == storeSize)
        for inside in [work.logs + "/tail.sqlite", work.snapshot + "/tail.sqlite"] {
            Self.expectRefused(try CLI.run(["tail", work.logs, "--snapshot", work.snapshot, "--store", inside]),
                "--store `\(inside)` lies inside the input folder")
            #expect(!FileManager.default.fileExists(atPath: inside))
        }
    }

    /// What would spin a core (`nan` compares false with everything, `1e-300` is a busy loop) or never wake up.
    @Test(arguments: ["--poll", "--settle"], ["nan", "inf", "-inf", "1e-300", "0", "-1", "0.001", "86401", "1e300"])
    func tailRefusesAbsurdIntervals(option: String, value: String) throws {
        let folder = ScratchFolder()
        let result = try CLI.run(["tail", CLI.root + "/SampleLogs", "--snapshot", CLI.root + "/SampleSnapshot",
            "--store", folder.path + "/s.sqlite", "\(option)=\(value)"])
        Self.expectRefused(result, "\(option) takes seconds from 0.01 to 86400 (a day)")
        #expect(result.stderr.contains("Usage: trailreplay tail"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/s.sqlite"))
    }
}
