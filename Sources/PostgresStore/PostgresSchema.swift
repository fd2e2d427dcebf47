import PostgresClient

/// The register's schema on PostgreSQL as ordered migrations, each applied once in the
/// transaction that records it in `schema_migration`. Never edit a shipped migration: add one.
public enum PostgresSchema {
    public struct Migration: Sendable {
        public let name: String
        let sql: @Sendable (PostgresRoles) -> String
    }

    public static let migrations: [Migration] = [
        Migration(name: "v1-register") { roles in
            PostgresTables.sql + "\n" + PostgresTables.decisionIndexes + "\n" + PostgresTables.tally(roles)
        },
        Migration(name: "v2-search") { roles in PostgresSearch.functions(roles) + "\n" + PostgresSearch.columns },
        Migration(name: "v3-audit-chain") { roles in PostgresAuditChain.sql(roles) },
        Migration(name: "v4-exempt-access") { roles in PostgresExemptAccess.functions(roles) + "\n" + PostgresExemptAccess.viewsSQL },
        Migration(name: "v5-privileges") { roles in PostgresPrivileges.sql(roles) },
    ]

    static let migrationTable = """
        CREATE TABLE IF NOT EXISTS schema_migration (
            name text PRIMARY KEY,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """

    /// Applies the migrations not yet applied, as the owner role (so that it owns everything),
    /// in one transaction; returns their names. Call in a transaction, after `SET LOCAL ROLE`
    /// to the owner. Concurrent installers wait for each other on the migration table's lock.
    static func migrate(_ connection: PostgresConnection, roles: PostgresRoles) throws -> [String] {
        try connection.execute(migrationTable)
        try connection.execute("LOCK TABLE schema_migration IN EXCLUSIVE MODE")
        let applied = Set(try connection.execute("SELECT name FROM schema_migration").map { try $0.string(0) ?? "" })
        var done: [String] = []
        for migration in migrations where !applied.contains(migration.name) {
            try connection.executeScript(migration.sql(roles))
            try connection.execute("INSERT INTO schema_migration (name) VALUES ($1)", [.text(migration.name)])
            done.append(migration.name)
        }
        return done
    }
}
