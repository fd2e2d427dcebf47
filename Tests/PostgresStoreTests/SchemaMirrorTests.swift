import Foundation
import GRDB
import PostgresClient
import PostgresStore
import DecisionStore
import Testing

/// The PostgreSQL schema has every table and column of the SQLite store's, by the same names,
/// so that one store interface can serve both: a migration added to one and not the other fails here.
@Suite(.enabled(if: TestServer.isConfigured, TestServer.disabledReason))
struct SchemaMirrorTests {
    /// What only the PostgreSQL schema has, and why: search kept in the row (FTS5 keeps it in
    /// its own table), the chain's head, and the migrations' record (GRDB keeps its own).
    static let onlyOnPostgres: [String: Set<String>] = [
        "decision": ["search_minutes", "search_vector", "public_search_vector"],
        "audit_chain_head": ["only_row", "sequence", "hash"],
        "schema_migration": ["name", "applied_at"],
    ]

    @Test func everySQLiteTableAndColumnIsOnPostgreSQL() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(TestServer.uniqueName("mirror"))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("register.sqlite").path
        _ = try DecisionStore(path: path, creator: "clerk")
        let sqlite: [String: Set<String>] = try DatabaseQueue(path: path).read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'
                  AND name NOT LIKE 'decision_fts%'
                """)
            return try Dictionary(uniqueKeysWithValues: tables.map { table in
                (table, Set(try db.columns(in: table).map(\.name)))
            })
        }
        #expect(sqlite.count >= 14, "\(sqlite.keys.sorted())")

        try withTestRegister { register in
            let server = try register.connectAsSuperuser()
            var postgres: [String: Set<String>] = [:]
            for row in try server.execute("""
                SELECT c.table_name::text, c.column_name::text FROM information_schema.columns c
                JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
                """) {
                postgres[try row.string(0) ?? "", default: []].insert(try row.string(1) ?? "")
            }
            for (table, columns) in sqlite.sorted(by: { $0.key < $1.key }) {
                let mirrored = try #require(postgres[table], "no table \(table) on PostgreSQL")
                #expect(mirrored.subtracting(Self.onlyOnPostgres[table] ?? []) == columns, "\(table)")
            }
            #expect(Set(postgres.keys).subtracting(sqlite.keys) == Set(Self.onlyOnPostgres.keys).subtracting(sqlite.keys))
        }
    }
}
