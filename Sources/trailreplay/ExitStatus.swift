import ArgumentParser

/// The exit statuses of every command, as documented in the README.
enum ExitStatus {
    /// Everything was read (whatever the records said).
    static let success = ExitCode(0)
    /// Some input failed: a file could not be (fully) read, some records were unreadable, or an input held no
    /// log at all. The output holds everything that could be read, and stderr names each problem.
    static let partialFailure = ExitCode(1)
    /// Nothing useful could be done: the output (or a temporary file holding it) could not be written.
    static let fatal = ExitCode(2)
    /// `report --fail-on-new`: the period has denies the baseline did not have (for automation).
    static let newDenies = ExitCode(3)
    // Usage errors exit with 64 (EX_USAGE), as swift-argument-parser does.
}
