import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A moto server in server mode on loopback, for tests that call real AWS APIs against it.
public final class MotoServer: @unchecked Sendable {
    /// Whether python3 with moto and boto3, and the aws CLI, are installed.
    public static let isAvailable: Bool = hasMoto && ProcessRunner.succeeds(["aws", "--version"])

    /// Whether python3 with moto and boto3 is installed (what tests that need no aws CLI ask).
    public static let hasMoto: Bool = ProcessRunner.succeeds(["python3", "-c", "import moto.server, boto3"])

    public let endpoint: String
    private let pid: pid_t
    private var running = true

    /// Starts `python3 -m moto.server -H 127.0.0.1 -p <free port>` and waits until it answers.
    public init() throws {
        let port = try LocalPort.free()
        endpoint = "http://127.0.0.1:\(port)"
        // AWS managed policies (arn:aws:iam::aws:policy/…) exist in moto only when it loads them.
        pid = try ProcessRunner.spawn(["python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", port],
            environment: ["MOTO_IAM_LOAD_MANAGED_POLICIES": "true"])
        if !(try LocalPort.waitUntilListening(port)) {
            stop()
            throw MotoServerError.notReady(endpoint: endpoint)
        }
    }

    /// Stops the server and reaps it.
    public func stop() {
        guard running else { return }
        running = false
        kill(pid, SIGTERM)
        _ = ProcessRunner.wait(pid)
    }

    deinit { stop() }
}

/// Why the moto server could not be used.
public enum MotoServerError: Error, CustomStringConvertible {
    case notReady(endpoint: String)

    public var description: String {
        switch self {
        case .notReady(let endpoint): return "moto server at `\(endpoint)` did not start"
        }
    }
}
