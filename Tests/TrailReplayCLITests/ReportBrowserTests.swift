import Foundation
import Testing

/// The HTML report opened in a real headless browser (Debian's chromium, which CI installs): a screenshot
/// is taken, the page as the browser built it must hold the three charts and their bars, and a script added to
/// a copy of the page measures the layout as drawn: every chart label whole and inside its chart, no text over
/// another, charts as wide as the text column, and no name or time broken inside a token.
struct ReportBrowserTests {
    static var chromium: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs the browser headless on `page` with extra arguments; returns its standard output.
    static func browse(_ browser: String, _ arguments: [String], page: String, profile: String,
        window: String = "1200,1600") throws -> (Int32, String)
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=" + window]
            + arguments + ["file://" + page]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Writes a store with `fill`, and its report of 2026-11-28 as HTML; returns the page's path.
    static func writePage(in work: String, store fill: (String) throws -> Void) throws -> String {
        try fill(work + "/store.sqlite")
        let page = work + "/report.html"
        let result = try CLI.run(["report", "--store", work + "/store.sqlite", "--date", "2026-11-28", "--format", "html",
            "--output", page])
        #expect(result.status == 0, "\(result.stderr)")
        return page
    }

    /// Keeps files in .build/test-artifacts under the given names, for a person (or CI) to look at.
    static func keep(_ files: [(path: String, name: String)]) {
        let artifacts = CLI.root + "/.build/test-artifacts"
        try? FileManager.default.createDirectory(atPath: artifacts, withIntermediateDirectories: true)
        for file in files {
            try? FileManager.default.removeItem(atPath: artifacts + "/" + file.name)
            try? FileManager.default.copyItem(atPath: file.path, toPath: artifacts + "/" + file.name)
        }
    }

    /// Skipped, with the reason, where chromium is missing; `.ci/run` installs it, so CI always runs it.
    @Test(.enabled(if: ReportBrowserTests.chromium != nil, "needs chromium (apt-get install -y chromium)"))
    func theHTMLReportLoadsItsChartsInABrowser() throws {
        let browser = try #require(ReportBrowserTests.chromium)
        let work = DenyFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let page = try ReportBrowserTests.writePage(in: work, store: ReportFixture.writeStore(at:))
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
        ReportBrowserTests.keep([(screenshot, "report-2026-11-28.png")])

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
        #expect(!dom.contains("`"), "code spans are <code>, no backtick is left")
        #expect(dom.contains("<td class=\"time\"><time datetime=\"2026-11-28T14:02:00Z\">2026-11-28T14:02:00Z</time></td>"))

        let layout = try ReportBrowserTests.layout(browser, page: page, work: work, window: "1200,1600")
        #expect(layout.problems.isEmpty, "\(layout.problems.joined(separator: "; "))")
        #expect(layout.chartLabels == 3 + 3, "3 layers and 3 statements")
        #expect(layout.overflowingTables == 0)
    }

    /// What the layout script measured in the browser.
    struct Layout {
        var problems: [String] = []
        var chartLabels = 0
        var wrappedLabels = 0
        var wrappedCells = 0
        var tokens = 0
        /// Tables wider than the text column (they scroll sideways).
        var overflowingTables = 0
    }

    /// Measures, in the page as drawn: each chart's width against the text column; each SVG text's box
    /// (getBBox) inside its chart's viewBox and over no other text; each bar label's text, its tspans joined, equal
    /// to the full name in the bar's tooltip, with no ellipsis, ending before its bar, each line
    /// (getComputedTextLength) within the label column; each token span and time of the tables on one line;
    /// how many tables are wider than the column.
    /// Writes one line per finding into `<pre id="layout-check">`.
    static let layoutScript = #"""
        <script>
        (function () {
          const out = [], problem = (text) => out.push("problem " + text);
          const main = document.querySelector("main"), style = getComputedStyle(main);
          const column = main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
          let labels = 0, wrapped = 0, cells = 0, tokens = 0;
          const overlap = (a, b) => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5
            && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
          for (const svg of document.querySelectorAll("svg.chart")) {
            const box = svg.viewBox.baseVal, width = svg.getBoundingClientRect().width;
            if (Math.abs(width - column) > 1) problem(svg.id + " is " + width + " px wide in a column of " + column);
            const drawn = [];
            for (const text of svg.querySelectorAll("text")) {
              const b = text.getBBox();
              if (b.x < 0 || b.y < 0 || b.x + b.width > box.width + 0.5 || b.y + b.height > box.height + 0.5)
                problem(svg.id + ": [" + text.textContent + "] reaches outside the chart");
              for (const other of drawn)
                if (overlap(b, other.b)) problem(svg.id + ": [" + text.textContent + "] over [" + other.t + "]");
              drawn.push({ b: b, t: text.textContent });
              if (text.textContent.includes("\u2026")) problem(svg.id + ": [" + text.textContent + "] has an ellipsis");
            }
            for (const row of svg.querySelectorAll("g.bar-row")) {
              labels++;
              const name = row.querySelector("title").textContent.replace(/: [0-9]+$/, "");
              const label = row.querySelector("text.label"), bar = row.querySelector("rect.bar");
              if (label.textContent !== name) problem(svg.id + ": label [" + label.textContent + "] for [" + name + "]");
              const b = label.getBBox();
              if (b.x + b.width > bar.x.baseVal.value) problem(svg.id + ": [" + name + "] runs into its bar");
              const lines = label.querySelectorAll("tspan");
              if (lines.length > 1) wrapped++;
              for (const line of lines)
                if (line.getComputedTextLength() > bar.x.baseVal.value - 10.5)
                  problem(svg.id + ": line [" + line.textContent + "] wider than the label column");
            }
          }
          for (const token of document.querySelectorAll("td .t, td time, p time")) {
            tokens++;
            if (token.getClientRects().length !== 1) problem("[" + token.textContent + "] is broken across lines");
          }
          let overflowing = 0;
          for (const table of document.querySelectorAll("div.table"))
            if (table.scrollWidth > table.clientWidth + 1) overflowing++;
          out.push("overflowing " + overflowing);
          for (const cell of document.querySelectorAll("td.name")) {
            const tops = new Set(Array.from(cell.querySelectorAll(".t")).map((t) => Math.round(t.getClientRects()[0].top)));
            if (tops.size > 1) cells++;
          }
          out.push("labels " + labels, "wrapped " + wrapped, "cells " + cells, "tokens " + tokens);
          const pre = document.createElement("pre");
          pre.id = "layout-check";
          pre.textContent = out.join("\n");
          document.body.appendChild(pre);
        })();
        </script>
        """#

    /// Opens a copy of `page` with the layout script at a window size and reads back what it measured.
    static func layout(_ browser: String, page: String, work: String, window: String) throws -> Layout {
        let html = try String(contentsOfFile: page, encoding: .utf8)
        let measured = work + "/measured-\(window.replacingOccurrences(of: ",", with: "x")).html"
        try html.replacingOccurrences(of: "</body>", with: layoutScript + "</body>")
            .write(toFile: measured, atomically: true, encoding: .utf8)
        let (status, dom) = try browse(browser, ["--dump-dom"], page: measured, profile: work + "/profile-\(window)",
            window: window)
        #expect(status == 0)
        guard let start = dom.range(of: "<pre id=\"layout-check\">"),
            let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex)
        else {
            Issue.record("the layout script left no result at \(window)")
            return Layout()
        }
        var layout = Layout()
        for line in dom[start.upperBound..<end.lowerBound].split(separator: "\n") {
            let text = line.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&")
            let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            switch parts[0] {
            case "problem": layout.problems.append(parts[1])
            case "labels": layout.chartLabels = Int(parts[1]) ?? -1
            case "wrapped": layout.wrappedLabels = Int(parts[1]) ?? -1
            case "cells": layout.wrappedCells = Int(parts[1]) ?? -1
            case "tokens": layout.tokens = Int(parts[1]) ?? -1
            case "overflowing": layout.overflowingTables = Int(parts[1]) ?? -1
            default: Issue.record("unexpected layout line \(text)")
            }
        }
        return layout
    }

    /// Long ARNs (Identity Center roles, organization SCPs, deep policy paths) in a page-wide and a narrow
    /// window: chart labels wrapped onto lines, whole and inside their charts; table names wrapped only between
    /// tokens; no ellipsis and no backtick anywhere; the new count beside its empty baseline.
    @Test(.enabled(if: ReportBrowserTests.chromium != nil, "needs chromium (apt-get install -y chromium)"))
    func longNamesAreWholeInChartsAndBreakOnlyBetweenTokens() throws {
        let browser = try #require(ReportBrowserTests.chromium)
        let work = DenyFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let page = try ReportBrowserTests.writePage(in: work, store: ReportFixture.writeLongNameStore(at:))

        let (domStatus, dom) = try ReportBrowserTests.browse(browser, ["--dump-dom"], page: page,
            profile: work + "/profile-dom")
        #expect(domStatus == 0)
        #expect(!dom.contains("\u{2026}"), "no ellipsis in the page")
        #expect(!dom.contains("`"), "code spans are <code>, no backtick is left")
        #expect(dom.contains("<code><span class=\"t\">arn:</span><wbr><span class=\"t\">aws:</span><wbr>"
            + "<span class=\"t\">kms:</span><wbr>"), "the reason's code span, broken after ARN separators")
        #expect(dom.contains("<span class=\"detail\">baseline 2026-11-27: 0 calls</span>"))
        #expect(dom.contains("id=\"empty-baseline\""))

        for window in ["1200,3000", "760,3000"] {
            let layout = try ReportBrowserTests.layout(browser, page: page, work: work, window: window)
            #expect(layout.problems.isEmpty, "at \(window): \(layout.problems.joined(separator: "; "))")
            #expect(layout.chartLabels == 3 + 3, "3 layers and 3 statements at \(window)")
            #expect(layout.wrappedLabels >= 3, "the long statements are wrapped at \(window)")
            #expect(layout.wrappedCells >= 3, "long names wrap in the tables at \(window)")
            #expect(layout.tokens > 100, "the tokens were measured at \(window)")
            #expect(layout.overflowingTables == 0, "every table fits the column at \(window)")
        }

        let screenshot = work + "/report.png"
        let (shotStatus, _) = try ReportBrowserTests.browse(browser, ["--screenshot=" + screenshot], page: page,
            profile: work + "/profile-shot", window: "1200,3000")
        #expect(shotStatus == 0)
        ReportBrowserTests.keep([(screenshot, "report-long-names.png"), (page, "report-long-names.html")])
    }
}
