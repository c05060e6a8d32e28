import DenyStore
import Foundation
import ReplayResults
import Testing

/// `tail` run as a real process on a temporary directory: files dropped in while it runs, stopped and
/// restarted, and the store checked afterwards.
@Suite(.serialized)
struct TailCommandTests {
    /// The event ids in the store, one entry per stored attribution (an unreadable or locked store reads empty).
    static func storedEventIDs(_ path: String) -> [String] {
        guard FileManager.default.fileExists(atPath: path),
              let store = try? DenyStore(path: path, readOnly: true),
              let results = try? store.allAttributions() else { return [] }
        return results.compactMap(\.eventID)
    }

    static func storedFiles(_ path: String) -> [StoredFile] {
        guard FileManager.default.fileExists(atPath: path), let store = try? DenyStore(path: path, readOnly: true) else {
            return []
        }
        return (try? store.files()) ?? []
    }

    static func printedEventIDs(_ output: String) -> [String] {
        output.split(separator: "\n").compactMap { line in
            guard let data = String(line).data(using: .utf8),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
            return object["eventID"] as? String
        }
    }

    @Test func resumesAfterSIGKILLWithEveryRecordStoredExactlyOnce() throws {
        let work = DenyFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let logs = work + "/logs/AWSLogs/\(DenyFixture.account)/CloudTrail/us-east-1/2026/11/28"
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        try DenyFixture.writeSnapshot(at: work + "/snapshot")
        let store = work + "/store.sqlite"
        // The first run waits long for incomplete files (so that a busy machine cannot make it give up on the
        // slow one); the second gives up on the truncated one after 3 seconds.
        func arguments(settle: String) -> [String] {
            ["tail", work + "/logs", "--snapshot", work + "/snapshot", "--store", store, "--settle", settle]
        }
        let a = ["a-1", "a-2", "a-3"], b = ["b-1", "b-2", "b-3", "b-4"], c = ["c-1", "c-2"], d = ["d-1", "d-2"]
        DenyFixture.write(DenyFixture.logFile(a), to: logs + "/a.json.gz")

        let first = try BackgroundCommand(arguments(settle: "60"), outputDirectory: work, name: "first")
        defer { first.kill(SIGKILL) }
        #expect(DenyFixture.waitFor { Set(TailCommandTests.storedEventIDs(store)) == Set(a) }, "\(first.stderr)")

        // A file written slowly: its first half lands (and is closed), the watch sees an incomplete file.
        let slow = DenyFixture.logFile(b)
        let half = slow.count / 2
        DenyFixture.write(Array(slow.prefix(half)), to: logs + "/b.json.gz")
        #expect(DenyFixture.waitFor { first.stderr.contains("b.json.gz: not complete yet") }, "\(first.stderr)")
        #expect(first.kill(SIGKILL) == SIGKILL)
        #expect(first.terminationReason == .uncaughtSignal)
        #expect(Set(TailCommandTests.storedEventIDs(store)) == Set(a))

        // While nothing runs: the slow file is finished, a truncated file and a renamed file arrive.
        let handle = try #require(FileHandle(forWritingAtPath: logs + "/b.json.gz"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(slow.suffix(from: half)))
        try handle.close()
        let truncated = DenyFixture.logFile(c)
        DenyFixture.write(Array(truncated.prefix(truncated.count - 12)), to: logs + "/c.json.gz")

        let second = try BackgroundCommand(arguments(settle: "3"), outputDirectory: work, name: "second")
        defer { second.kill(SIGKILL) }
        DenyFixture.write(DenyFixture.logFile(d), to: logs + "/d.json.gz.5f3a9c1e")
        try FileManager.default.moveItem(atPath: logs + "/d.json.gz.5f3a9c1e", toPath: logs + "/d.json.gz")

        let settled = DenyFixture.waitFor {
            TailCommandTests.storedFiles(store).count == 4 && TailCommandTests.storedEventIDs(store).count == 9
        }
        #expect(settled, "\(second.stderr)")
        #expect(second.kill(SIGTERM) == 0)
        #expect(second.stderr.contains("tail: stopped by SIGTERM"))

        let stored = TailCommandTests.storedEventIDs(store)
        #expect(stored.sorted() == (a + b + d).sorted(), "each record exactly once")
        let files = TailCommandTests.storedFiles(store)
        #expect(files.map { ($0.path as NSString).lastPathComponent } == ["a.json.gz", "b.json.gz", "c.json.gz", "d.json.gz"])
        #expect(files.map(\.outcome) == [.ok, .ok, .failed, .ok])
        #expect(second.stderr.contains("c.json.gz (compressed byte"))

        let printed = TailCommandTests.printedEventIDs(first.stdout) + TailCommandTests.printedEventIDs(second.stdout)
        #expect(printed.count == Set(printed).count, "no attribution printed twice")
        #expect(Set(TailCommandTests.printedEventIDs(second.stdout)) == Set(b + d))

        // Started once more, with nothing new: it adds nothing.
        let third = try BackgroundCommand(arguments(settle: "3"), outputDirectory: work, name: "third")
        defer { third.kill(SIGKILL) }
        #expect(DenyFixture.waitFor { third.stderr.contains("tail: watching") })
        #expect(third.kill(SIGINT) == 0)
        #expect(TailCommandTests.storedEventIDs(store).count == 9)
        #expect(third.stdout.isEmpty)
    }

    @Test func pollsAndReloadsTheSnapshot() throws {
        let work = DenyFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try FileManager.default.createDirectory(atPath: work + "/logs", withIntermediateDirectories: true)
        try DenyFixture.writeSnapshot(at: work + "/snapshot")
        let store = work + "/store.sqlite"
        let tail = try BackgroundCommand(["tail", work + "/logs", "--snapshot", work + "/snapshot", "--store", store,
            "--poll", "0.3", "--format", "text"], outputDirectory: work, name: "tail")
        defer { tail.kill(SIGKILL) }
        #expect(DenyFixture.waitFor { tail.stderr.contains("polling every 0.3 s") }, "\(tail.stderr)")

        DenyFixture.write(DenyFixture.logFile(["p-1"]), to: work + "/logs/p.json")
        DenyFixture.write(DenyFixture.logFile(["p-2"]), to: work + "/logs/p.json.gz")
        #expect(DenyFixture.waitFor { tail.stdout.contains("[p-2]") }, "\(tail.stderr)")
        #expect(tail.stdout.contains("[p-1]"), "a gzip file is recognized from its bytes, not its name")
        #expect(tail.stdout.contains("statement `DenyDeleteRole`"))

        try DenyFixture.writeSnapshot(at: work + "/snapshot", denySid: "NoRoleDeletion")
        #expect(DenyFixture.waitFor { tail.stderr.contains("snapshot `\(work)/snapshot` changed: reloaded") },
            "\(tail.stderr)")
        DenyFixture.write(DenyFixture.logFile(["q-1"]), to: work + "/logs/q.json.gz")
        #expect(DenyFixture.waitFor { tail.stdout.contains("[q-1]") }, "\(tail.stderr)")
        #expect(tail.stdout.contains("statement `NoRoleDeletion`"))
        #expect(tail.kill(SIGINT) == 0)
        #expect(tail.stderr.contains("tail: stopped by SIGINT"))
        let runs = try DenyStore(path: store, readOnly: true).runs()
        #expect(runs.count == 2, "a reloaded snapshot starts a new run")
        #expect(runs.allSatisfy { $0.endedAt != nil })
        #expect(Set(runs.map(\.snapshotDigest)).count == 2)
    }

    /// A JSON Lines export that grows by appends: each record printed and stored once, however often the file
    /// is read again; a call delivered again in a later append is counted, not printed.
    @Test func aGrowingJSONLinesFilePrintsEachRecordOnce() throws {
        let work = DenyFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try FileManager.default.createDirectory(atPath: work + "/logs", withIntermediateDirectories: true)
        try DenyFixture.writeSnapshot(at: work + "/snapshot")
        let store = work + "/store.sqlite"
        let tail = try BackgroundCommand(["tail", work + "/logs", "--snapshot", work + "/snapshot", "--store", store,
            "--poll", "0.3"], outputDirectory: work, name: "tail")
        defer { tail.kill(SIGKILL) }
        #expect(DenyFixture.waitFor { tail.stderr.contains("polling every 0.3 s") }, "\(tail.stderr)")
        let path = work + "/logs/export.jsonl"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        var expected: [String] = []
        for append in 1...5 {
            let fresh = ["g-\(append)-1", "g-\(append)-2"]
            let again = append > 1 ? ["g-\(append - 1)-1"] : []
            let handle = try #require(FileHandle(forWritingAtPath: path))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data((fresh + again).map { DenyFixture.record($0) + "\n" }.joined().utf8))
            try handle.close()
            expected += fresh
            #expect(DenyFixture.waitFor { TailCommandTests.printedEventIDs(tail.stdout).count >= expected.count },
                "append \(append): \(tail.stderr)")
        }
        #expect(tail.kill(SIGINT) == 0)
        #expect(TailCommandTests.printedEventIDs(tail.stdout) == expected, "each record printed once, in order")
        #expect(TailCommandTests.storedEventIDs(store).sorted() == expected.sorted())
        #expect(TailCommandTests.storedFiles(store).map(\.duplicateDeliveries) == [4])
        #expect(tail.stderr.contains("10 attributions added (4 duplicate deliveries)"), "\(tail.stderr)")
    }
}
