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
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // libdeflate: a whole gzip file in one call, about twice zlib's speed (apt: libdeflate-dev).
        .systemLibrary(name: "CDeflate", path: "Sources/CDeflate", providers: [.apt(["libdeflate-dev"]), .brew(["libdeflate"])]),
        .target(name: "CivilTime"),
        .target(name: "TrailJSON"),
        .target(name: "TrailReader", dependencies: ["CZlib", "CDeflate", "CivilTime", "TrailJSON"]),
        .target(name: "PolicyLanguage", dependencies: ["CivilTime", "TrailJSON"]),
        .target(name: "PolicyEvaluator", dependencies: ["PolicyLanguage"]),
        .target(name: "Snapshot", dependencies: ["TrailJSON", "PolicyLanguage"]),
        .target(name: "Replay", dependencies: ["CivilTime", "TrailJSON", "PolicyLanguage", .product(name: "Crypto", package: "swift-crypto")], resources: [.copy("Resources/iam-reference.json")]),
        .target(name: "PolicyHistory", dependencies: ["CivilTime", "Replay", "Snapshot", "TrailJSON"]),
        .target(name: "ReplayResults", dependencies: ["PolicyEvaluator", "PolicyLanguage", "TrailJSON"]),
        .target(name: "NightlyReport", dependencies: ["CivilTime", "PolicyLanguage", "ReplayResults", "TrailJSON"]),
        .target(
            name: "DenyStore",
            dependencies: ["CivilTime", "ReplayResults", "TrailJSON", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(name: "AWSCore", dependencies: ["CivilTime"]),
        .target(name: "AWSAuth", dependencies: ["AWSCore", "TrailJSON", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "S3Access", dependencies: ["AWSCore", "AWSAuth", "TrailJSON"]),
        .target(name: "CloudTrailS3", dependencies: ["S3Access", "AWSCore", "AWSAuth", "CivilTime", "TrailReader"]),
        .target(
            name: "Analysis",
            dependencies: ["TrailReader", "Replay", "Snapshot", "PolicyHistory", "PolicyLanguage", "PolicyEvaluator", "ReplayResults",
                "TrailJSON", "CivilTime"]
        ),
        .target(
            name: "Pipeline",
            dependencies: ["Analysis", "CivilTime", "CloudTrailS3", "DenyStore", "PolicyHistory", "Replay", "ReplayResults", "Snapshot",
                "TrailReader", "TrailJSON",
                .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "LogWatch",
            dependencies: ["Pipeline", "Analysis", "CivilTime", "CloudTrailS3", "DenyStore", "PolicyHistory", "Replay", "ReplayResults",
                "Snapshot", "TrailReader"]
        ),
        .executableTarget(
            name: "trailreplay",
            dependencies: [
                "CivilTime", "TrailReader", "TrailJSON", "PolicyLanguage", "PolicyEvaluator", "Snapshot", "Replay", "ReplayResults",
                "Analysis", "DenyStore", "NightlyReport", "CloudTrailS3", "S3Access", "Pipeline", "LogWatch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "CivilTimeTests", dependencies: ["CivilTime"]),
        .testTarget(name: "TrailJSONTests", dependencies: ["TrailJSON"]),
        .testTarget(name: "TrailReaderTests", dependencies: ["TrailReader", "CivilTime", "TrailJSON", "CZlib", "GzipSupport"]),
        .testTarget(name: "PolicyLanguageTests", dependencies: ["PolicyLanguage", "TrailJSON"]),
        .testTarget(
            name: "PolicyEvaluatorTests",
            dependencies: ["PolicyEvaluator", "PolicyLanguage", "TrailJSON"],
            resources: [.copy("Corpus")]
        ),
        .testTarget(name: "SnapshotTests", dependencies: ["Snapshot", "TrailJSON", "MotoSupport"]),
        .target(name: "MotoSupport", path: "Tests/MotoSupport", exclude: ["fake_aws.py", "seed_s3.py"]),
        .target(name: "GzipSupport", dependencies: ["CZlib"], path: "Tests/GzipSupport"),
        .testTarget(name: "AWSAuthTests", dependencies: ["AWSAuth", "AWSCore", "TrailJSON", "MotoSupport"]),
        .testTarget(name: "S3AccessTests", dependencies: ["S3Access", "AWSAuth", "AWSCore", "MotoSupport"]),
        .testTarget(
            name: "CloudTrailS3Tests",
            dependencies: ["CloudTrailS3", "S3Access", "AWSAuth", "AWSCore", "CivilTime", "TrailReader", "MotoSupport"]
        ),
        .testTarget(name: "ReplayTests", dependencies: ["Replay", "CivilTime", "PolicyLanguage", "TrailJSON"]),
        .testTarget(name: "PolicyHistoryTests", dependencies: ["PolicyHistory", "CivilTime", "Replay", "Snapshot", "TrailJSON"]),
        .testTarget(name: "ReplayResultsTests", dependencies: ["ReplayResults", "PolicyEvaluator", "PolicyLanguage", "TrailJSON"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "PolicyEvaluator", "PolicyLanguage", "Replay", "ReplayResults", "Snapshot", "TrailJSON", "TrailReader"]),
        .testTarget(
            name: "PipelineTests",
            dependencies: ["Pipeline", "Analysis", "CivilTime", "DenyStore", "Replay", "ReplayResults", "TrailReader", "TrailJSON"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "LogWatchTests", dependencies: ["LogWatch", "Pipeline", "CivilTime", "DenyStore", "ReplayResults"]),
        .testTarget(
            name: "DenyStoreTests",
            dependencies: ["DenyStore", "CivilTime", "PolicyLanguage", "ReplayResults", "TrailJSON", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "NightlyReportTests", dependencies: ["NightlyReport", "CivilTime", "PolicyLanguage", "ReplayResults", "TrailJSON"]),
        .testTarget(
            name: "TrailReplayCLITests",
            dependencies: ["trailreplay", "TrailJSON", "DenyStore", "PolicyLanguage", "ReplayResults", "CZlib", "MotoSupport",
                "GzipSupport"],
            exclude: ["Golden"]
        ),
    ]
)
