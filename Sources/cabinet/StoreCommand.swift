import ArgumentParser
import Foundation
import Decisions
import DecisionStore
import Desk
import PostgresStore

struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Look after the store itself: share a file with a unix group, or set up a register on PostgreSQL.",
        subcommands: [Share.self, Init.self])

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a register on a PostgreSQL server, or bring one up to date (its schema and roles).",
            discussion: """
                Connects to the database named by the URL (which must exist: createdb council), creates the
                register's group roles if the cluster has none yet (PREFIX_admin, PREFIX_officer,
                PREFIX_decision_maker, PREFIX_scrutiny_chair, PREFIX_member, PREFIX_viewer, and PREFIX_owner, which
                owns the schema and which nobody logs in as), installs or migrates the schema, and makes the
                connecting user the register's administrator. Running it again changes nothing and says so.
                It needs a superuser, or a role with CREATEROLE that owns the database.

                Leave the password out of the URL (it would show in the process list): libpq reads it from
                PGPASSWORD or ~/.pgpass, and a local socket may use peer authentication.

                Then add each person as a login of one role, as the administrator, in psql:
                  SELECT register_add_login('jsmith', 'officer', 'initial password');
                  SELECT register_add_login('cllr.jones', 'decision_maker', NULL, '["Highways Cabinet Member"]');

                Examples:
                  cabinet store init postgresql://dbadmin@db.council.local/register
                  cabinet store init 'postgresql:///register?host=/var/run/postgresql'
                """)

        @Argument(help: ArgumentHelp("The server and database, as a libpq URL (default: --store or $CABINET_STORE).", valueName: "postgresql://…"))
        var url: String?
        @OptionGroup var storeOptions: StoreOptions
        @Option(name: .long, help: ArgumentHelp("The prefix of the register's role names: roles belong to the whole cluster, so a second register on it needs its own.", valueName: "prefix"))
        var rolePrefix = "cabinet"

        /// The argument, else --store, else CABINET_STORE.
        var registerURL: String? {
            url ?? storeOptions.store ?? ProcessInfo.processInfo.environment["CABINET_STORE"].flatMap { $0.isEmpty ? nil : $0 }
        }

        func validate() throws {
            guard let registerURL, registerURL.hasPrefix("postgresql://") || registerURL.hasPrefix("postgres://") else {
                throw ValidationError("the register must be named by a postgresql:// URL (an SQLite store needs no init)")
            }
        }

        func run() throws {
            let installation: PostgresInstallation
            do {
                installation = try PostgresInstaller.install(url: registerURL ?? "", roles: try PostgresRoles(prefix: rolePrefix))
            } catch let error as PostgresStoreError {
                throw CommandFailure(message: error.description)
            }
            print("Register in database \(installation.database) on \(installation.server):")
            if installation.isUpToDate {
                print("  already up to date (schema \(PostgresSchema.migrations.last?.name ?? ""), roles \(rolePrefix)_*, "
                    + "\(installation.administrator) its administrator)")
                return
            }
            if !installation.createdRoles.isEmpty { print("  created roles: " + installation.createdRoles.joined(separator: ", ")) }
            if !installation.appliedMigrations.isEmpty {
                print("  applied migrations: " + installation.appliedMigrations.joined(separator: ", "))
            }
            if installation.madeAdministrator {
                print("  made \(installation.administrator) the register's administrator (a member of \(rolePrefix)_admin)")
            }
            print("Next: add each person's login, e.g. in psql: SELECT register_add_login('jsmith', 'officer', 'initial password');")
        }
    }

    struct Share: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Let a unix group work on this store, and optionally a second group read it (admin only).",
            discussion: """
                Creates the store if it is missing. Then its directory becomes group GROUP with mode 2770
                (setgid, so the files SQLite creates in it stay in GROUP), and the store with its -wal and
                -shm files group GROUP, mode 0660: members of GROUP read and write it (officers and admins).
                With --readers, members of that group may read it and never change it (POSIX ACLs; needs
                setfacl from the Debian package acl); without it, only GROUP has access. The directory must
                hold nothing but the store. What each person may do inside the register is still their role
                (cabinet users add).

                Examples:
                  sudo groupadd cabinet-officers; sudo groupadd cabinet-readers
                  cabinet store share --group cabinet-officers --readers cabinet-readers --store /srv/cabinet/register.sqlite
                  cabinet users add jsmith --role officer --store /srv/cabinet/register.sqlite
                """)

        @OptionGroup var storeOptions: StoreOptions
        @Option(name: .long, help: ArgumentHelp("The unix group that may read and write the store.", valueName: "group"))
        var group: String
        @Option(name: .long, help: ArgumentHelp("A unix group that may only read it.", valueName: "group"))
        var readers: String?

        func run() throws {
            // Refuse an unknown group or a crowded directory before creating anything.
            try DecisionStore.checkShareable(path: storeOptions.store ?? DecisionStore.defaultPath(), group: group, readers: readers)
            let session = try Session(storeOptions)
            let report = try session.desk.share(group: group, readers: readers)
            print("Shared \(session.desk.location):")
            for line in report.done { print("  " + line) }
            for warning in report.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
            print("""
                Next: add each person's login to the groups (sudo usermod -aG \(group) LOGIN\(readers.map { ", or \($0) to read only" } ?? "")),
                then record their role in the register:
                  cabinet users add LOGIN --role officer --store \(session.desk.location)
                """)
        }
    }
}

