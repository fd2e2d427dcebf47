// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "CabinetDesk",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "cabinet", targets: ["cabinet"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Property-based tests over the laws the statute rests on (tests only).
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        // Pure domain: values and statutory rules, no I/O.
        .target(name: "Decisions", swiftSettings: strict),
        // File formats in and out (ModernGov pages and XML, JSON, CSV, iCalendar).
        .target(name: "Interchange", dependencies: ["Decisions", "TextSafety"], swiftSettings: strict),
        // The local SQLite store through GRDB.
        .target(
            name: "DecisionStore",
            dependencies: [
                "Decisions",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The SQLite C API itself, to keep a shared store's WAL files for its readers.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict),
        // The application layer: the one guarded door to the register for every command and
        // screen (who is asking, what they may do and read, which day it is).
        .target(name: "Desk", dependencies: ["Decisions", "DecisionStore", .product(name: "Logging", package: "swift-log"), "Publications"], swiftSettings: strict),
        // Statutory publications (forward plan, record of decision, notices, agenda front sheet):
        // document models built from redacted Decisions values, rendered from Mustache templates.
        .target(
            name: "Publications",
            dependencies: ["Decisions", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: strict),
        // ncursesw shim: wide-character API and the macros Swift cannot import.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
        // Screen grid, keys, and the ncurses and in-memory backends; no knowledge of decisions.
        .target(name: "Terminal", dependencies: ["CNcursesw", "TextSafety"], swiftSettings: strict),
        // The one policy for text leaving the program: control characters and bidi overrides neutralised.
        .target(name: "TextSafety", swiftSettings: strict),
        // libpq, the PostgreSQL client library (Debian's libpq-dev), as a system library like ncursesw.
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // A small synchronous client over libpq (connections, parameters, rows, transactions,
        // LISTEN/NOTIFY); synchronous because the store's interface and the frame loop are.
        .target(name: "PostgresClient", dependencies: ["CLibPQ"], swiftSettings: strict),
        // The register's schema, roles and privileges on a PostgreSQL server: what the server
        // enforces (exempt text, the audit chain) whichever client connects.
        // Depends on DecisionStore for `store copy`, which moves a register between the two stores.
        .target(name: "PostgresStore", dependencies: ["PostgresClient", "Decisions", "DecisionStore"], swiftSettings: strict),
        // The dashboard application: state, reducer, views, keymap.
        .target(
            name: "Dashboard",
            dependencies: ["Decisions", "DecisionStore", "Desk", "Terminal", "Publications"],
            swiftSettings: strict),
        .executableTarget(
            name: "cabinet",
            dependencies: [
                "Decisions", "DecisionStore", "Desk", "Interchange", "Terminal", "TextSafety", "Dashboard", "Publications",
                "PostgresStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .testTarget(name: "DecisionsTests", dependencies: ["Decisions", .product(name: "PropertyBased", package: "swift-property-based")],
                    swiftSettings: strict),
        .testTarget(name: "InterchangeTests", dependencies: ["Interchange", "Decisions", "TextSafety"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "DecisionStoreTests", dependencies: ["DecisionStore", "Decisions", "Interchange",
                                                               .product(name: "PropertyBased", package: "swift-property-based")],
                    swiftSettings: strict),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "TextSafety"], swiftSettings: strict),
        // Runs the real `cabinet` binary, as a person or a script would.
        .testTarget(name: "CLITests", dependencies: ["cabinet"], exclude: ["Golden"], swiftSettings: strict),
        .testTarget(name: "PublicationsTests", dependencies: ["Publications", "Decisions"], swiftSettings: strict),
        // Against a real server named by CABINET_TEST_POSTGRES (`.ci/postgres start` makes one).
        .testTarget(name: "PostgresClientTests", dependencies: ["PostgresClient"], swiftSettings: strict),
        // The schema against a real server, beside the SQLite store it mirrors.
        .testTarget(name: "PostgresStoreTests", dependencies: ["PostgresStore", "PostgresClient", "DecisionStore", "Decisions", "Desk",
                                                               .product(name: "GRDB", package: "GRDB.swift")],
                    swiftSettings: strict),
        .testTarget(name: "DashboardTests", dependencies: ["Dashboard", "Desk", "Terminal", "DecisionStore", "Decisions", "Publications"], exclude: ["Golden"], swiftSettings: strict),
    ]
)
