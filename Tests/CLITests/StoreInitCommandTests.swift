import Foundation
import Testing

/// `cabinet store init`, run as a DBA would, against the server in CABINET_TEST_POSTGRES.
@Suite struct StoreInitCommandTests {
    static let server = ProcessInfo.processInfo.environment["CABINET_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

    /// psql, for what the command itself does not do (create and drop the database).
    @discardableResult
    static func psql(_ url: String, _ sql: String) throws -> CabinetProcess.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", url, "-v", "ON_ERROR_STOP=1", "-qAtc", sql]
        return try CabinetProcess.execute(process, environment: ProcessInfo.processInfo.environment)
    }

    static func url(_ base: String, database: String) -> String {
        var components = URLComponents(string: base)!
        components.path = "/" + database
        return components.string!
    }

    @Test func anSQLiteStoreIsNotInitialised() throws {
        let result = try CabinetProcess.run(["store", "init"], store: CabinetProcess.scratch().appendingPathComponent("s.sqlite").path)
        #expect(result.status == 64)
        #expect(result.stderr.contains("postgresql:// URL"), "\(result.stderr)")
    }

    @Test(.enabled(if: server != nil, "CABINET_TEST_POSTGRES is not set"))
    func initInstallsOnceThenSaysItIsUpToDateAndNeverPrintsThePassword() throws {
        let base = try #require(Self.server)
        let password = try #require(URLComponents(string: base)?.password)
        let database = "cli_init_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        let prefix = "cli" + database.suffix(8)
        try Self.psql(base, "CREATE DATABASE \(database)")
        defer {
            _ = try? Self.psql(base, "DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
            for role in ["owner", "admin", "officer", "decision_maker", "scrutiny_chair", "member", "viewer"] {
                _ = try? Self.psql(base, "DROP ROLE IF EXISTS \(prefix)_\(role)")
            }
        }
        let url = Self.url(base, database: database)
        let first = try CabinetProcess.run(["store", "init", url, "--role-prefix", prefix])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("created roles: \(prefix)_owner, \(prefix)_admin"), "\(first.stdout)")
        #expect(first.stdout.contains("applied migrations: v1-register"))
        #expect(first.stdout.contains("the register's administrator"))
        let second = try CabinetProcess.run(["store", "init", "--role-prefix", prefix], environment: ["CABINET_STORE": url])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("already up to date"), "\(second.stdout)")
        for output in [first.stdout, first.stderr, second.stdout, second.stderr] { #expect(!output.contains(password)) }

        let refused = try CabinetProcess.run(["store", "init", Self.url(base, database: database + "_missing"), "--role-prefix", prefix])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("cannot connect to"), "\(refused.stderr)")
        #expect(!refused.stderr.contains(password))
    }
}
