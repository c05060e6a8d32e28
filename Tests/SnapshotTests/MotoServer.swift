import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A moto server in server mode on loopback, for tests that call real AWS APIs against it.
final class MotoServer {
    /// Whether python3 with moto and boto3, and the aws CLI, are installed.
    static let isAvailable: Bool = ProcessRunner.succeeds(["python3", "-c", "import moto.server, boto3"])
        && ProcessRunner.succeeds(["aws", "--version"])

    let endpoint: String
    private let pid: pid_t
    private var running = true

    /// Starts `python3 -m moto.server -H 127.0.0.1 -p <free port>` and waits until it answers.
    init() throws {
        let port = try ProcessRunner.run(["python3", "-c",
            "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        endpoint = "http://127.0.0.1:\(port)"
        // AWS managed policies (arn:aws:iam::aws:policy/…) exist in moto only when it loads them.
        pid = try ProcessRunner.spawn(["python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", port],
            environment: ["MOTO_IAM_LOAD_MANAGED_POLICIES": "true"])
        let ready = try ProcessRunner.run(["python3", "-c", """
            import socket, sys, time
            for _ in range(300):
                try:
                    socket.create_connection(('127.0.0.1', \(port)), timeout=0.2).close(); sys.exit(0)
                except OSError:
                    time.sleep(0.05)
            sys.exit(1)
            """])
        if ready.status != 0 {
            stop()
            throw MotoServerError.notReady(endpoint: endpoint)
        }
    }

    /// Stops the server and reaps it.
    func stop() {
        guard running else { return }
        running = false
        kill(pid, SIGTERM)
        _ = ProcessRunner.wait(pid)
    }

    deinit { stop() }
}

/// Why the moto server could not be used.
enum MotoServerError: Error, CustomStringConvertible {
    case notReady(endpoint: String)

    var description: String {
        switch self {
        case .notReady(let endpoint): return "moto server at `\(endpoint)` did not start"
        }
    }
}
