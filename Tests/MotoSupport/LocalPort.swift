import Foundation

/// Ports on 127.0.0.1 for servers the tests start.
public enum LocalPort {
    /// A port free at the time of asking.
    public static func free() throws -> String {
        try ProcessRunner.run(["python3", "-c",
            "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Waits up to 15 s for something to accept connections on the port.
    public static func waitUntilListening(_ port: String) throws -> Bool {
        try ProcessRunner.run(["python3", "-c", """
            import socket, sys, time
            for _ in range(300):
                try:
                    socket.create_connection(('127.0.0.1', \(port)), timeout=0.2).close(); sys.exit(0)
                except OSError:
                    time.sleep(0.05)
            sys.exit(1)
            """]).status == 0
    }
}
