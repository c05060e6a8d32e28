import Foundation
import TrailJSON

/// Runs the profile's `credential_process` and reads its JSON (`"Version": 1`).
/// https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sourcing-external.html
///
/// The command line is split like a POSIX shell's words (quotes and backslashes) and run without a shell,
/// as the AWS CLI does.
public struct CredentialProcessProvider: CredentialProvider {
    public var profile: String
    public var command: String
    /// Standard output beyond this is an error (a credentials document is small).
    static let outputLimit = 1 << 20

    public init(profile: String, command: String) {
        self.profile = profile
        self.command = command
    }

    var source: String { "profile `\(profile)` credential_process" }

    public func credentials() async throws(CredentialError) -> AWSCredentials {
        guard let words = CommandLineWords.split(command), let program = words.first else {
            throw CredentialError(source: source, message: "cannot split `\(command)` into words")
        }
        let source = self.source
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<ProcessOutcome, Never>) in
            DispatchQueue.global().async { continuation.resume(returning: ProcessOutcome.run(program, Array(words.dropFirst()))) }
        }
        switch outcome {
        case .failedToStart(let reason):
            throw CredentialError(source: source, message: "cannot run `\(program)`: \(reason)")
        case .finished(let status, let output, let errors):
            guard status == 0 else {
                let detail = errors.trimmingCharacters(in: .whitespacesAndNewlines)
                throw CredentialError(source: source, message: "`\(program)` exited with status \(status)"
                    + (detail.isEmpty ? "" : ": \(detail.prefix(500))"))
            }
            guard output.count <= CredentialProcessProvider.outputLimit else {
                throw CredentialError(source: source, message: "the output is over \(CredentialProcessProvider.outputLimit) bytes")
            }
            if let version = (try? JSONParser.parse(Array(output)))?["Version"], version != .number("1") {
                throw CredentialError(source: source, message: "the output's Version is not 1")
            }
            return try CredentialDocument.parse(output, source: source)
        }
    }
}

/// How a child process ended.
enum ProcessOutcome: Sendable {
    case failedToStart(String)
    case finished(status: Int32, output: Data, errors: String)

    /// Runs `program` (looked up in PATH when it has no slash) with stdin closed; blocks the calling thread.
    static func run(_ program: String, _ arguments: [String]) -> ProcessOutcome {
        let process = Process()
        if program.contains("/") {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [program] + arguments
        }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return .failedToStart(error.localizedDescription)
        }
        // Read both pipes to their ends before waiting, so a chatty child cannot block on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        group.enter()
        DispatchQueue.global().async {
            errorData = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return .finished(status: process.terminationStatus, output: outputData, errors: String(decoding: errorData, as: UTF8.self))
    }
}

/// Splits a command line into words as a POSIX shell would, without expansions.
enum CommandLineWords {
    /// nil on an unterminated quote or a trailing backslash.
    static func split(_ line: String) -> [String]? {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for c in line {
            if escaped {
                // Inside double quotes a backslash escapes only `"` and `\\`, as in shlex's POSIX mode.
                if quote == "\"" && c != "\"" && c != "\\" { word.append("\\") }
                word.append(c)
                escaped = false
                continue
            }
            if let open = quote {
                if c == open {
                    quote = nil
                } else if c == "\\" && open == "\"" {
                    escaped = true
                } else {
                    word.append(c)
                }
                continue
            }
            switch c {
            case "\\": escaped = true; inWord = true
            case "'", "\"": quote = c; inWord = true
            case " ", "\t", "\n":
                if inWord { words.append(word); word = ""; inWord = false }
            default: word.append(c); inWord = true
            }
        }
        guard quote == nil, !escaped else { return nil }
        if inWord { words.append(word) }
        return words
    }
}
