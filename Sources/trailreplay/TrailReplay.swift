import ArgumentParser

@main
struct TrailReplay: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trailreplay",
        abstract: "Find which AWS policy layer denied each call in a CloudTrail archive.",
        version: "0.1.0",
        subcommands: [
            Extract.self, Analyze.self, Explain.self, WhatIf.self, Simulate.self, Tail.self, Report.self, Index.self,
            Summarize.self, S3List.self,
        ]
    )
}
