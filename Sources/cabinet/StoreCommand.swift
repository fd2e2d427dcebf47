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
        subcommands: [Share.self, Init.self, Copy.self])

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

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a whole register, audit trail included and verified, between an SQLite file and PostgreSQL (admin only).",
            discussion: """
                FROM and TO are each an SQLite store's path or a postgresql:// URL: from a file to a database where
                `cabinet store init` installed the register and nothing has been recorded yet (its people, settings
                and the installer's trail are replaced by the source's), or from a database to a new file. Every
                table is copied column by column, ids kept, in one transaction: the copy is whole or not made.
                The server re-checks every audit entry's hash as it is written; then the whole trail is verified
                on the destination and its newest entry compared with the source's. Search indexes and counts are
                rebuilt there. A source whose trail does not verify is not copied.

                Copying needs the administrator role on the register copied (rule P-COPY-STORE); into PostgreSQL,
                run it as the login that ran `store init` there. Leave the password out of the URL: libpq reads it
                from PGPASSWORD or ~/.pgpass.

                Examples:
                  cabinet store copy ~/.local/share/cabinet-desk/cabinet.sqlite postgresql://dbadmin@db.council.local/register
                  cabinet store copy postgresql://dbadmin@db.council.local/register /srv/backup/register.sqlite
                """)

        @Argument(help: ArgumentHelp("FROM TO: the register to copy (an SQLite store's path or a postgresql:// URL; default: --store "
                                         + "or $CABINET_STORE) and where to copy it (a new SQLite file, or a postgresql:// URL).",
                                     valueName: "from to"))
        var locations: [String]
        @OptionGroup var storeOptions: StoreOptions
        @Option(name: .long, help: ArgumentHelp("The prefix of the PostgreSQL register's role names (as given to store init).", valueName: "prefix"))
        var rolePrefix = "cabinet"

        func validate() throws {
            guard (1...2).contains(locations.count) else { throw ValidationError("give FROM and TO (or TO alone, with --store FROM)") }
            if locations.count == 1 && from == nil { throw ValidationError("give FROM and TO (or TO alone, with --store FROM)") }
        }

        /// The first argument, else --store, else CABINET_STORE.
        var from: String? {
            locations.count == 2 ? locations[0]
                : storeOptions.store ?? ProcessInfo.processInfo.environment["CABINET_STORE"].flatMap { $0.isEmpty ? nil : $0 }
        }
        var to: String { locations[locations.count - 1] }

        func run() throws {
            let report: RegisterCopyReport
            do {
                let roles = try PostgresRoles(prefix: rolePrefix)
                switch (RegisterLocation(from ?? ""), RegisterLocation(to)) {
                case (.sqlite(let path), .postgres(let url)):
                    guard FileManager.default.fileExists(atPath: path) else {
                        throw CommandFailure(message: "there is no store at \(path) to copy")
                    }
                    let store = try DecisionStore(path: path, creator: OperatingSystemLogin.current())
                    let desk = try Desk(store: store, calendar: .englandAndWales)
                    try desk.require(.copyStore, to: "copying the register")
                    report = try RegisterCopy.copy(from: store, toPostgres: url, roles: roles)
                case (.postgres(let url), .sqlite(let path)):
                    report = try RegisterCopy.copy(fromPostgres: url, roles: roles, toSQLite: path)
                case (.sqlite, .sqlite):
                    throw CommandFailure(message: "both are SQLite files: copy the file itself (sqlite3 FROM \".backup TO\")")
                case (.postgres, .postgres):
                    throw CommandFailure(message: "both are PostgreSQL databases: use pg_dump and pg_restore")
                }
            } catch let error as RegisterCopyError {
                throw CommandFailure(message: error.description)
            } catch let error as PostgresStoreError {
                throw CommandFailure(message: error.description)
            }
            print("Copied the register from \(report.source) to \(report.destination):")
            let width = report.tables.map(\.table.count).max() ?? 0
            for count in report.tables {
                print("  " + count.table.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(count.rows)")
            }
            if let head = report.auditHead {
                print("Audit trail verified on both: \(head.sequence) entries, head \(head)")
            } else {
                print("Audit trail: empty on both")
            }
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

