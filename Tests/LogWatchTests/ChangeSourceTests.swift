import Foundation
import LogWatch
import Testing

/// The watches' waiting: polling ticks, inotify events, and the stop signal that ends a wait at once.
struct ChangeSourceTests {
    @Test func pollingRescansAtOnceThenOncePerInterval() {
        var source = PollingChangeSource(interval: 0.3)
        let unused = StopSignal()
        let descriptor = unused.wakeDescriptor
        #expect(source.next(timeout: 1, wake: descriptor) == ChangeBatch(rescan: true))
        let start = MonotonicClock.seconds()
        #expect(source.next(timeout: 0.05, wake: descriptor) == ChangeBatch(), "a wait shorter than the interval")
        // poll(2) counts whole milliseconds, so a wait may end just before the tick: ask again until it comes.
        var ticked = false
        while !ticked, MonotonicClock.seconds() - start < 2 {
            ticked = source.next(timeout: 1, wake: descriptor) == ChangeBatch(rescan: true)
        }
        #expect(ticked)
        #expect(MonotonicClock.seconds() - start >= 0.29)
    }

    @Test func aStopRequestWakesAWaitAndKeepsTheFirstReason() {
        let stop = StopSignal()
        #expect(stop.stopReason == nil)
        #expect(WaitForReadable.wait([stop.wakeDescriptor], timeout: 0.01).isEmpty)
        stop.stop(because: "SIGTERM")
        stop.stop(because: "SIGINT")
        #expect(stop.stopReason == "SIGTERM")
        let start = MonotonicClock.seconds()
        #expect(WaitForReadable.wait([stop.wakeDescriptor], timeout: 5) == [stop.wakeDescriptor])
        #expect(MonotonicClock.seconds() - start < 1)
    }

    #if canImport(Glibc)
    @Test func inotifyReportsAFileRenamedIntoPlaceAndANewDirectory() throws {
        let root = NSTemporaryDirectory() + "logwatch-inotify-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let source = try #require(InotifyChangeSource(root: root))
        let unused = StopSignal()
        let never = unused.wakeDescriptor
        _ = FileManager.default.createFile(atPath: root + "/.part", contents: Data("{}".utf8))
        try FileManager.default.moveItem(atPath: root + "/.part", toPath: root + "/log.json")
        var batch = source.next(timeout: 2, wake: never)
        #expect(batch.paths.contains(root + "/log.json"))
        try FileManager.default.createDirectory(atPath: root + "/2026", withIntermediateDirectories: true)
        batch = source.next(timeout: 2, wake: never)
        #expect(batch.rescan)
        #expect(source.description == "inotify on 2 directories")
    }
    #endif
}
