#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A one-line progress indicator on stderr (files, MB read, records, authorization failures so far), shown only
/// when stderr is a terminal and the work has taken more than a second, redrawn at most a few times a second and
/// erased at the end. `extract` and `analyze` show the same line.
final class ProgressLine {
    private let total: Int
    private let enabled: Bool
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(total: Int) {
        self.total = total
        enabled = isatty(2) == 1
    }

    /// Shows the counts so far.
    func update(files: Int, bytes: Int, records: Int, failures: Int) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(started) > 1, now.timeIntervalSince(lastDraw) > 0.25 else { return }
        lastDraw = now
        let megabytes = Double(bytes) / 1_048_576
        let rate = megabytes / max(now.timeIntervalSince(started), 0.001)
        let line = String(format: "\r%d/%d files, %.0f MB read (%.0f MB/s), %d records, %d failures\u{1B}[K",
            files, total, megabytes, rate, records, failures)
        writeStandardError(line)
        drawn = true
    }

    /// Erases the line (once; later calls do nothing).
    func finish() {
        if drawn { writeStandardError("\r\u{1B}[K") }
        drawn = false
    }
}
