import Foundation

/// The built `trailreplay` running in the background, its output going to files, so that a test can
/// signal it and look at what it wrote so far. Killed by `stop()` or, at the latest, when released.
final class BackgroundCommand {
    let process = Process()
    let stdoutPath: String
    let stderrPath: String

    /// `environment` adds to (or, with an empty value, removes from) the test process's environment.
    init(_ arguments: [String], outputDirectory: String, name: String, environment: [String: String] = [:]) throws {
        stdoutPath = outputDirectory + "/\(name).out"
        stderrPath = outputDirectory + "/\(name).err"
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = arguments
        if !environment.isEmpty {
            var merged = ProcessInfo.processInfo.environment
            for (key, value) in environment { merged[key] = value.isEmpty ? nil : value }
            process.environment = merged
        }
        process.currentDirectoryURL = URL(fileURLWithPath: CLI.root)
        process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    deinit { kill(SIGKILL) }

    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Sends `signal` and waits for the process to end; returns its exit status (or the signal's number).
    @discardableResult
    func kill(_ signal: Int32) -> Int32 {
        if process.isRunning {
            _ = Foundation.kill(process.processIdentifier, signal)
            process.waitUntilExit()
        }
        return process.terminationStatus
    }

    var terminationReason: Process.TerminationReason { process.terminationReason }
}
