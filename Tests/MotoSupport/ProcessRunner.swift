import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The result of running a command to completion.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Why a command could not be started.
public struct SpawnError: Error, CustomStringConvertible {
    public var command: String
    public var code: Int32
    public var description: String { "cannot start `\(command)`: error \(code)" }
}

/// Runs commands for the integration tests with posix_spawn and waitpid: the child gets a clean signal
/// mask (so it can be terminated) and output goes through files (no pipe deadlocks).
public enum ProcessRunner {
    public static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        let scratch = NSTemporaryDirectory() + "process-runner-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let out = scratch + "/stdout", err = scratch + "/stderr"
        let pid = try spawn(arguments, environment: environment, stdout: out, stderr: err)
        let status = wait(pid)
        let text = { (path: String) in String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
        return CommandResult(status: status, stdout: text(out), stderr: text(err))
    }

    /// True when `arguments` runs and exits 0.
    public static func succeeds(_ arguments: [String]) -> Bool {
        (try? run(arguments))?.status == 0
    }

    /// Starts `arguments` (looked up in PATH) with stdin from /dev/null and output to the given files;
    /// `environment` is added to this process's, an empty value removing a variable.
    public static func spawn(_ arguments: [String], environment: [String: String] = [:], stdout: String = "/dev/null",
        stderr: String = "/dev/null") throws -> pid_t
    {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGCHLD, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        // An empty value in `environment` removes the variable.
        let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }.filter { !$0.value.isEmpty }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let code = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard code == 0 else { throw SpawnError(command: arguments.joined(separator: " "), code: code) }
        return pid
    }

    /// Waits for `pid` and returns its exit status (128 + signal when killed).
    public static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}
