import Foundation
import PostgresClient
import Testing

/// The server the tests run against: a libpq URL of a superuser-capable role in
/// CABINET_TEST_POSTGRES (`.ci/postgres start` makes a private one and writes it).
enum TestServer {
    static let url: String? = {
        guard let url = ProcessInfo.processInfo.environment["CABINET_TEST_POSTGRES"], !url.isEmpty else { return nil }
        return url
    }()

    static var isConfigured: Bool { url != nil }

    static let disabledReason: Comment =
        "CABINET_TEST_POSTGRES is not set: run `.ci/postgres start` and source the file it names (CI always does)"

    static func info() throws -> PostgresConnectionInfo { try PostgresConnectionInfo(parsing: url!) }

    static func connectAsAdministrator() throws -> PostgresConnection { try PostgresConnection(url: url!) }

    /// A name no other test (or earlier run) uses: for schemas, roles and channels.
    static func uniqueName(_ prefix: String) -> String {
        prefix + "_" + UUID().uuidString.lowercased().replacing("-", with: "").prefix(16)
    }
}

/// A schema of one test's own, first on the search path of every connection it opens, dropped
/// with everything in it when the test ends, so that tests running side by side never meet.
struct ScratchSchema {
    let name: String
    let info: PostgresConnectionInfo

    func connect() throws -> PostgresConnection { try PostgresConnection(info: info) }
}

func withScratchSchema<T>(_ body: (ScratchSchema) throws -> T) throws -> T {
    let name = TestServer.uniqueName("cabinet_test")
    let administrator = try TestServer.connectAsAdministrator()
    try administrator.execute("CREATE SCHEMA \(try PostgresConnection.quoteIdentifier(name))")
    defer { _ = try? administrator.execute("DROP SCHEMA \(try PostgresConnection.quoteIdentifier(name)) CASCADE") }
    let info = try TestServer.info().replacing(["options": "-c search_path=\(name)"])
    return try body(ScratchSchema(name: name, info: info))
}

struct ThrownOnPurpose: Error {}
