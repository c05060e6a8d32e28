import Foundation
import Testing

/// The HTML report opened in a real headless browser (Debian's chromium, which CI installs): a screenshot
/// is taken, and the page as the browser built it must hold the three charts and their bars.
struct ReportBrowserTests {
    static var chromium: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs the browser headless on `page` with extra arguments; returns its standard output.
    static func browse(_ browser: String, _ arguments: [String], page: String, profile: String) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--user-data-dir=" + profile, "--window-size=1200,1600"] + arguments + ["file://" + page]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Skipped, with the reason, where chromium is missing; `.ci/run` installs it, so CI always runs it.
    @Test(.enabled(if: ReportBrowserTests.chromium != nil, "needs chromium (apt-get install -y chromium)"))
    func theHTMLReportLoadsItsChartsInABrowser() throws {
        let browser = try #require(ReportBrowserTests.chromium)
        let work = DenyFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try ReportFixture.writeStore(at: work + "/store.sqlite")
        let page = work + "/report.html"
        let result = try CLI.run(["report", "--store", work + "/store.sqlite", "--date", "2026-11-28", "--format", "html",
            "--output", page])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(!html.contains("<script"), "the page has no script")
        let withoutNamespaces = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        for reference in ["http://", "https://", "src=", "href=", "@import", "url("] {
            #expect(!withoutNamespaces.contains(reference), "nothing is fetched (`\(reference)`)")
        }

        let screenshot = work + "/report.png"
        let (shotStatus, _) = try ReportBrowserTests.browse(browser, ["--screenshot=" + screenshot], page: page,
            profile: work + "/profile-shot")
        #expect(shotStatus == 0)
        let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG screenshot")
        #expect(png.count > 10_000, "the screenshot shows a rendered page, not a blank one")
        let artifacts = CLI.root + "/.build/test-artifacts"
        try? FileManager.default.createDirectory(atPath: artifacts, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(atPath: artifacts + "/report-2026-11-28.png")
        try? FileManager.default.copyItem(atPath: screenshot, toPath: artifacts + "/report-2026-11-28.png")

        let (domStatus, dom) = try ReportBrowserTests.browse(browser, ["--dump-dom"], page: page,
            profile: work + "/profile-dom")
        #expect(domStatus == 0)
        for chart in ["chart-layers", "chart-hours", "chart-statements"] {
            #expect(dom.contains("<svg id=\"\(chart)\""), "\(chart) is in the page the browser built")
        }
        #expect(dom.components(separatedBy: "class=\"bar\"").count - 1 == 3 + 24 + 3, "one bar per layer, hour and statement")
        #expect(dom.contains("<title>Deny report: 2026-11-28</title>"))
        #expect(dom.contains("id=\"tile-new\""))
        #expect(!dom.contains("parsererror"), "the SVG parsed")
    }
}
