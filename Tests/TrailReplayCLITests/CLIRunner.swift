import Foundation

/// Runs the built `trailreplay` binary and captures what it prints.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String

    var lines: [String] { stdout.split(separator: "\n").map(String.init) }
}

enum CLI {
    /// The package root, found from this file's path.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// Real CloudTrail records from public projects, kept in the repository (`Tests/Fixtures/RealData/README.md`).
    static let realData = root + "/Tests/Fixtures/RealData"

    static var binary: String {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [here, here.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("trailreplay").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return root + "/.build/debug/trailreplay"
    }

    /// `environment` adds to (or, with an empty value, removes from) the test process's environment;
    /// `shellSetup` is run by `/bin/sh` before it execs the binary (for example `ulimit -f 2048`).
    static func run(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:],
        shellSetup: String? = nil) throws -> CLIResult
    {
        let process = Process()
        if let shellSetup {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", shellSetup + #"; exec "$0" "$@""#, binary] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
        }
        if !environment.isEmpty {
            var merged = ProcessInfo.processInfo.environment
            for (key, value) in environment { merged[key] = value.isEmpty ? nil : value }
            process.environment = merged
        }
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        // Read both pipes concurrently so that neither fills up and blocks the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return CLIResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

extension CLI {
    /// Runs another program from the package root, its output appended to `log` (or dropped), and returns its exit
    /// status; `environment` adds to (or, with an empty value, removes from) the test process's environment.
    static func runProgram(_ path: String, _ arguments: [String], log: String? = nil, environment: [String: String] = [:])
        throws -> Int32
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if !environment.isEmpty {
            var merged = ProcessInfo.processInfo.environment
            for (key, value) in environment { merged[key] = value.isEmpty ? nil : value }
            process.environment = merged
        }
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        let output: FileHandle
        if let log {
            if !FileManager.default.fileExists(atPath: log) { _ = FileManager.default.createFile(atPath: log, contents: nil) }
            output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            output.seekToEndOfFile()
        } else {
            output = FileHandle.nullDevice
        }
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
