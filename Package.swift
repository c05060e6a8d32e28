// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "TrailReplay",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "trailreplay", targets: ["trailreplay"]),
        .library(name: "TrailReader", targets: ["TrailReader"]),
        .library(name: "PolicyEvaluator", targets: ["PolicyEvaluator"]),
        .library(name: "Snapshot", targets: ["Snapshot"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .target(name: "CivilTime"),
        .target(name: "TrailJSON"),
        .target(name: "TrailReader", dependencies: ["CZlib", "CivilTime", "TrailJSON"]),
        .target(name: "PolicyLanguage", dependencies: ["CivilTime", "TrailJSON"]),
        .target(name: "PolicyEvaluator", dependencies: ["PolicyLanguage"]),
        .target(name: "Snapshot", dependencies: ["TrailJSON", "PolicyLanguage"]),
        .target(name: "Replay", dependencies: ["TrailJSON", "PolicyLanguage"], resources: [.copy("Resources/iam-reference.json")]),
        .target(name: "ReplayResults", dependencies: ["PolicyLanguage", "TrailJSON"]),
        .target(name: "NightlyReport", dependencies: ["CivilTime", "PolicyLanguage", "ReplayResults", "TrailJSON"]),
        .target(
            name: "DenyStore",
            dependencies: ["CivilTime", "ReplayResults", "TrailJSON", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "Analysis",
            dependencies: ["TrailReader", "Replay", "Snapshot", "PolicyLanguage", "PolicyEvaluator", "ReplayResults", "TrailJSON"]
        ),
        .executableTarget(
            name: "trailreplay",
            dependencies: [
                "CivilTime", "TrailReader", "TrailJSON", "PolicyLanguage", "PolicyEvaluator", "Snapshot", "Replay", "ReplayResults",
                "Analysis", "DenyStore", "NightlyReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "CivilTimeTests", dependencies: ["CivilTime"]),
        .testTarget(name: "TrailJSONTests", dependencies: ["TrailJSON"]),
        .testTarget(name: "TrailReaderTests", dependencies: ["TrailReader", "CivilTime", "TrailJSON", "CZlib"]),
        .testTarget(name: "PolicyLanguageTests", dependencies: ["PolicyLanguage", "TrailJSON"]),
        .testTarget(
            name: "PolicyEvaluatorTests",
            dependencies: ["PolicyEvaluator", "PolicyLanguage", "TrailJSON"],
            resources: [.copy("Corpus")]
        ),
        .testTarget(name: "SnapshotTests", dependencies: ["Snapshot", "TrailJSON"]),
        .testTarget(name: "ReplayTests", dependencies: ["Replay", "PolicyLanguage", "TrailJSON"]),
        .testTarget(name: "ReplayResultsTests", dependencies: ["ReplayResults", "PolicyLanguage", "TrailJSON"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "PolicyLanguage", "Replay", "ReplayResults", "Snapshot", "TrailJSON"]),
        .testTarget(name: "DenyStoreTests", dependencies: ["DenyStore", "PolicyLanguage", "ReplayResults", "TrailJSON"]),
        .testTarget(name: "NightlyReportTests", dependencies: ["NightlyReport", "CivilTime", "PolicyLanguage", "ReplayResults", "TrailJSON"]),
        .testTarget(
            name: "TrailReplayCLITests",
            dependencies: ["trailreplay", "TrailJSON", "DenyStore", "PolicyLanguage", "ReplayResults", "CZlib"],
            exclude: ["Golden"]
        ),
    ]
)
