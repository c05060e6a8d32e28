import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `fake_aws.py` (beside this file) on 127.0.0.1: a fault-injecting proxy in front of moto, an IMDSv2 or a
/// container credentials endpoint.
public final class FakeAWSServer: @unchecked Sendable {
    public static let script: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("fake_aws.py").path
    }()

    /// Whether python3 is installed.
    public static let isAvailable: Bool = ProcessRunner.succeeds(["python3", "-c", "import http.server"])

    public let endpoint: String
    private let pid: pid_t
    private var running = true

    /// Starts `python3 fake_aws.py MODE --port P ARGUMENTS…` and waits until it listens.
    public init(_ mode: String, _ arguments: [String] = []) throws {
        let port = try LocalPort.free()
        endpoint = "http://127.0.0.1:\(port)"
        pid = try ProcessRunner.spawn(["python3", FakeAWSServer.script, mode, "--port", port] + arguments)
        if !(try LocalPort.waitUntilListening(port)) {
            stop()
            throw MotoServerError.notReady(endpoint: endpoint)
        }
    }

    /// The requests the server saw, as it logged them.
    public func log() throws -> [[String: String]] {
        let result = try ProcessRunner.run(["python3", "-c",
            "import urllib.request, sys; sys.stdout.write(urllib.request.urlopen('\(endpoint)/__log').read().decode())"])
        let data = Data(result.stdout.utf8)
        let entries = (try JSONSerialization.jsonObject(with: data)) as? [[String: Any]] ?? []
        return entries.map { $0.compactMapValues { $0 as? String } }
    }

    public func stop() {
        guard running else { return }
        running = false
        kill(pid, SIGTERM)
        _ = ProcessRunner.wait(pid)
    }

    deinit { stop() }
}
