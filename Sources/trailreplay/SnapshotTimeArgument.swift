import ArgumentParser
import CivilTime
import Pipeline

/// `--snapshot-time`: when the snapshot was collected, for replaying each call against the policies of its time.
struct SnapshotTimeArgument: ParsableArguments {
    @Option(help: ArgumentHelp("When the snapshot was collected, YYYY-MM-DDTHH:MM[:SS]Z: each call is replayed against the "
        + "policies of its own time from it and the input's policy changes (default: SNAPSHOT/snapshot.json, else the "
        + "newest modification time of its files).", valueName: "time"))
    var snapshotTime: String?

    func validate() throws {
        if let snapshotTime, Self.instant(snapshotTime) == nil {
            throw ValidationError("--snapshot-time `\(snapshotTime)` is not a time: YYYY-MM-DDTHH:MM[:SS]Z")
        }
    }

    /// Sets the job's snapshot time when one was given.
    func apply(to job: AnalysisJob) {
        if let time = snapshotTime.flatMap(Self.instant) { job.snapshotTime = SnapshotTime(time: time, source: .given) }
    }

    /// A written instant (a day alone is refused: a snapshot's time is a moment).
    static func instant(_ text: String) -> UTCTime? {
        if case .instant(let time)? = TimeSyntax.parse(text) { return time }
        return nil
    }
}
