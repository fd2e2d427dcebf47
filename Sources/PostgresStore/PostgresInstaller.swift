import PostgresClient

/// What `cabinet store init` did to a database.
public struct PostgresInstallation: Sendable, Equatable {
    /// The server as PostgresConnectionInfo prints it: never with a password.
    public var server: String
    public var database: String
    /// The connecting user, now the register's administrator.
    public var administrator: String
    public var createdRoles: [String]
    public var appliedMigrations: [String]
    /// Whether the administrator was added (or moved to the admin role) by this run.
    public var madeAdministrator: Bool

    public var isUpToDate: Bool { createdRoles.isEmpty && appliedMigrations.isEmpty && !madeAdministrator }
}

/// Installs or brings up to date a register on PostgreSQL: the group roles, the schema (as
/// the owner role, which then owns every object), and the connecting user as administrator.
/// Idempotent: a second run changes nothing and says so.
public enum PostgresInstaller {
    public static func install(url: String, roles: PostgresRoles) throws -> PostgresInstallation {
        let info: PostgresConnectionInfo
        do { info = try PostgresConnectionInfo(parsing: url) } catch let error as PostgresError {
            throw PostgresStoreError.cannotConnect(server: "the server named", reason: error.message)
        }
        let connection: PostgresConnection
        do { connection = try PostgresConnection(info: info) } catch let error as PostgresError {
            throw PostgresStoreError.cannotConnect(server: info.serverDescription, reason: error.message)
        }
        return try install(on: connection, roles: roles, server: info.serverDescription)
    }

    public static func install(on connection: PostgresConnection, roles: PostgresRoles, server: String) throws -> PostgresInstallation {
        guard let me = try connection.execute("""
            SELECT current_user::text AS login, current_database()::text AS database, r.rolsuper, r.rolcreaterole,
                   pg_has_role(current_user, d.datdba, 'MEMBER') AS owns_database
            FROM pg_roles r, pg_database d WHERE r.rolname = current_user AND d.datname = current_database()
            """).single else { throw PostgresStoreError.notPrivileged(user: "this login", reason: "it is not in pg_roles") }
        let login = try me.string("login") ?? "", database = try me.string("database") ?? ""
        let isSuperuser = try me.bool("rolsuper") ?? false
        let mayCreateRoles = try me.bool("rolcreaterole") ?? false
        let ownsDatabase = try me.bool("owns_database") ?? false
        guard isSuperuser || (mayCreateRoles && ownsDatabase) else {
            throw PostgresStoreError.notPrivileged(
                user: login, reason: "creating the register's roles and schema needs a superuser, or a role with CREATEROLE that owns "
                    + "the database \(database) (ALTER ROLE \(login) CREATEROLE; ALTER DATABASE \(database) OWNER TO \(login))")
        }
        do {
            return try connection.transaction { connection in
                let existing = Set(try connection.execute("SELECT rolname::text FROM pg_roles").map { try $0.string(0) ?? "" })
                try connection.executeScript(PostgresPrivileges.createRolesSQL(roles))
                let created = ([roles.owner] + roles.allGroups).filter { !existing.contains($0) }
                // A non-superuser installer becomes the owner for this transaction only: whoever
                // can become it can rewrite the audit trail.
                if !isSuperuser { try connection.execute("GRANT \(roles.owner) TO \(try PostgresConnection.quoteIdentifier(login))") }
                try connection.execute("GRANT CREATE ON SCHEMA public TO \(roles.owner)")
                // As PostgreSQL 15 does for a new database, and an upgraded one may not: nobody else
                // may put a table or function beside the register's, where its functions look.
                try connection.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
                do { try connection.execute(PostgresSearch.extensionSQL) } catch let error as PostgresError
                    where error.sqlState != SQLState.insufficientPrivilege {
                    throw PostgresStoreError.missingExtension(name: "unaccent", reason: error.message)
                }
                try connection.execute("SET LOCAL ROLE \(roles.owner)")
                let applied = try PostgresSchema.migrate(connection, roles: roles)
                let outcome = try connection.execute("SELECT register_add_login($1, 'admin')", [.text(login)]).single?.string(0)
                try connection.execute("RESET ROLE")
                if !isSuperuser { try connection.execute("REVOKE \(roles.owner) FROM \(try PostgresConnection.quoteIdentifier(login))") }
                return PostgresInstallation(server: server, database: database, administrator: login, createdRoles: created,
                                            appliedMigrations: applied, madeAdministrator: outcome != "unchanged")
            }
        } catch let error as PostgresError where error.sqlState == SQLState.insufficientPrivilege {
            throw PostgresStoreError.notPrivileged(user: login, reason: error.message)
        } catch let error as PostgresError {
            throw PostgresStoreError.server(error)
        }
    }
}
