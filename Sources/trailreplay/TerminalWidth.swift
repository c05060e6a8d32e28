#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The width tables are fitted to: `COLUMNS`, else the terminal's width, else 160.
enum TerminalWidth {
    static let fallback = 160

    static func current(environment: [String: String]) -> Int {
        if let text = environment["COLUMNS"], let columns = Int(text), (20...10_000).contains(columns) { return columns }
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20 {
            return Int(size.ws_col)
        }
        return fallback
    }
}
