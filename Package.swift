// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "imdms",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "imdms", targets: ["imdms"]),
        .library(name: "IMDMSCore", targets: ["IMDMSCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        // Already in the graph through Vapor and the drivers; declared because Storage and Web import them.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.25.0"),
    ],
    targets: [
        // Pure domain: no Vapor, no database.
        .target(
            name: "IMDMSCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Resources/reference"), .copy("Resources/countries"), .copy("Resources/regions"), .copy("Resources/reports"), .copy("Resources/governance"), .copy("Resources/translations")],
            // The domain's hot loops (file readers, protected cubes) optimised in debug builds too,
            // so `swift run` and `swift test` protect a national dataset in seconds (docs/DECISIONS.md D40).
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        // Storage: Fluent migrations and writes, SQLKit reads, on SQLite and PostgreSQL.
        .target(
            name: "IMDMSStorage",
            dependencies: [
                "IMDMSCore",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // The Vapor web application.
        .target(
            name: "IMDMSWeb",
            dependencies: [
                "IMDMSCore", "IMDMSStorage",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            resources: [.copy("Resources/openapi.json")]
        ),
        // Thin executable.
        .executableTarget(
            name: "imdms",
            dependencies: [
                "IMDMSCore", "IMDMSStorage", "IMDMSWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Test helpers shared by the test targets: temporary SQLite files and PostgreSQL databases.
        .target(
            name: "IMDMSTestSupport",
            dependencies: [
                "IMDMSStorage", "IMDMSCore", .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            path: "Tests/IMDMSTestSupport",
            resources: [.copy("Resources/samples"), .copy("Resources/countries")]
        ),
        // Damaged and hostile variants of real intake files, for the tests' bounded run and `imdms-bench fuzz`.
        .target(
            name: "IMDMSFuzz",
            dependencies: ["IMDMSCore", "IMDMSStorage", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Tests/IMDMSFuzz"
        ),
        // Measurements for docs/PERFORMANCE.md: `swift run -c release imdms-bench`.
        .executableTarget(
            name: "imdms-bench",
            dependencies: ["IMDMSCore", "IMDMSStorage", "IMDMSFuzz", .product(name: "Logging", package: "swift-log")],
            path: "Benchmarks/IMDMSBench"
        ),
        .testTarget(name: "IMDMSCoreTests", dependencies: ["IMDMSCore", "IMDMSTestSupport"]),
        .testTarget(name: "IMDMSStorageTests", dependencies: ["IMDMSStorage", "IMDMSCore", "IMDMSTestSupport", "IMDMSFuzz"]),
        .testTarget(
            name: "IMDMSWebTests",
            dependencies: [
                "IMDMSWeb", "IMDMSStorage", "IMDMSCore", "IMDMSTestSupport",
                .product(name: "VaporTesting", package: "vapor"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
