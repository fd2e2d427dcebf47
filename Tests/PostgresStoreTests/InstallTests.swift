import Foundation
import PostgresClient
import PostgresStore
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
