import Foundation
import PostgresClient
import PostgresStore
import Decisions
import Testing

@Suite(.enabled(if: TestServer.isConfigured, TestServer.disabledReason))
struct InstallTests {
    @Test func installingTwiceChangesNothingTheSecondTime() throws {
        try withTestRegister(installed: false) { register in
            let first = try PostgresInstaller.install(url: register.url, roles: register.roles)
            #expect(first.appliedMigrations == PostgresSchema.migrations.map(\.name))
            #expect(Set(first.createdRoles) == Set([register.roles.owner] + register.roles.allGroups))
            #expect(first.madeAdministrator)
            #expect(!first.isUpToDate)

            let second = try PostgresInstaller.install(url: register.url, roles: register.roles)
            #expect(second.isUpToDate, "second run: \(second)")
            #expect(second.appliedMigrations.isEmpty && second.createdRoles.isEmpty && !second.madeAdministrator)

            let server = try register.connectAsSuperuser()
            #expect(try server.strings("SELECT name FROM schema_migration ORDER BY name") == PostgresSchema.migrations.map(\.name))
            // The installer is the register's administrator: on the person table, in the group, on the trail once.
            let me = try #require(try server.strings("SELECT current_user::text").first ?? nil)
            #expect(try server.strings("SELECT role FROM person WHERE login = $1", [.text(me)]) == ["admin"])
            #expect(try server.strings("""
                SELECT count(*)::text FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
                WHERE g.rolname = $1 AND u.rolname = current_user
                """, [.text(register.roles.group(.admin))]) == ["1"])
            #expect(try server.strings("SELECT action || ' ' || login FROM audit") == ["user-set \(me)"])
            // Every object belongs to the owner role, which nobody logs in as.
            #expect(try server.strings("""
                SELECT string_agg(c.relname, ', ') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v') AND pg_get_userbyid(c.relowner) <> $1
                """, [.text(register.roles.owner)]) == [nil])
        }
    }

    @Test func addingALoginAgainMovesItToItsNewRoleOnTheTrail() throws {
        try withTestRegister { register in
            let viewer = try register.login(.viewer, name: TestServer.uniqueName("jsmith"))
            let login = try #require(try viewer.strings("SELECT current_user::text").first ?? nil)
            #expect(viewer.failure("INSERT INTO meeting (natural_key, body) VALUES ('m', 'Cabinet')")?.sqlState == SQLState.insufficientPrivilege)
            let server = try register.connectAsSuperuser()
            #expect(try server.strings("SELECT register_add_login($1, 'officer')", [.text(login)]) == ["changed"])
            #expect(try server.strings("SELECT register_add_login($1, 'officer')", [.text(login)]) == ["unchanged"])
            // The same connection now writes as an officer: membership is the server's, not a setting.
            try viewer.execute("INSERT INTO meeting (natural_key, body) VALUES ('m', 'Cabinet')")
            let groups = try server.strings("""
                SELECT g.rolname::text FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
                WHERE u.rolname = $1
                """, [.text(login)])
            #expect(groups == [register.roles.group(.officer)])
            #expect(try server.strings("SELECT role FROM person WHERE login = $1", [.text(login)]) == ["officer"])
            let changes = try #require(try server.strings(
                "SELECT changes FROM audit WHERE action = 'user-set' ORDER BY sequence DESC LIMIT 1").first ?? nil)
            let recorded = try JSONDecoder().decode([FieldChange].self, from: Data(changes.utf8))
            #expect(recorded.first { $0.field == "role" } == FieldChange(field: "role", before: "viewer", after: "officer"))
            #expect(server.failure("SELECT register_add_login($1, 'chief')", [.text(login)])?.sqlState == "22023")
            #expect(server.failure("SELECT register_add_login($1, 'admin')", [.text(register.roles.owner)])?.sqlState == "22023")
        }
    }

    @Test func aLoginThatMayNotCreateRolesIsToldSo() throws {
        try withTestRegister { register in
            let viewer = try register.login(.viewer)
            #expect(throws: PostgresStoreError.self) {
                _ = try PostgresInstaller.install(on: viewer, roles: register.roles, server: "test")
            }
            do {
                _ = try PostgresInstaller.install(on: viewer, roles: register.roles, server: "test")
            } catch let error as PostgresStoreError {
                guard case .notPrivileged(_, let reason) = error else { Issue.record("not a privilege error: \(error)"); return }
                #expect(reason.contains("CREATEROLE"))
            }
        }
    }

    @Test func aServerThatCannotBeReachedIsNamedWithoutItsPassword() throws {
        let unreachable = try TestServer.info().replacing(["host": "127.0.0.1", "port": "1", "password": "s3cret-word"])
        do {
            _ = try PostgresInstaller.install(url: unreachable.connectionString, roles: try PostgresRoles())
            Issue.record("installed on a closed port")
        } catch let error as PostgresStoreError {
            guard case .cannotConnect = error else { Issue.record("not a connection error: \(error)"); return }
            #expect(!error.description.contains("s3cret-word"))
            #expect(error.description.contains("127.0.0.1"))
        }
    }

    @Test func rolePrefixesThatAreNotPlainIdentifiersAreRefused() {
        #expect(throws: PostgresStoreError.self) { try PostgresRoles(prefix: "cabinet; DROP TABLE audit") }
        #expect(throws: PostgresStoreError.self) { try PostgresRoles(prefix: "Cabinet") }
        #expect(throws: PostgresStoreError.self) { try PostgresRoles(prefix: "1cabinet") }
        #expect((try? PostgresRoles(prefix: "council_a"))?.group(.officer) == "council_a_officer")
    }
}
