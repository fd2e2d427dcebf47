import Foundation
import PostgresClient
import DecisionStore
import Decisions

/// Where a register is: an SQLite file, or a database on a PostgreSQL server.
public enum RegisterLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    /// A `postgresql://` (or `postgres://`) URL names a server; anything else is a file.
    public init(_ text: String) {
        self = text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") ? .postgres(url: text) : .sqlite(path: text)
    }

    /// What to tell people: a file's path, or a server as libpq names it, never with a password.
    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let url):
            (try? PostgresConnectionInfo(parsing: url))?.serverDescription ?? "the server named"
        }
    }
}

/// What `cabinet store copy` moved.
public struct RegisterCopyReport: Sendable, Equatable {
    public struct TableCount: Sendable, Equatable {
        public var table: String
        public var rows: Int
    }

    public var source: String
    public var destination: String
    /// Rows per table, in the order copied.
    public var tables: [TableCount]
    /// The newest audit entry, the same on both stores once the copy is verified; nil for an empty trail.
    public var auditHead: AuditCheckpoint?
}

/// Why a copy was refused; nothing was written to the destination.
public enum RegisterCopyError: Error, CustomStringConvertible, Equatable {
    /// The login is not the source's administrator (rule P-COPY-STORE).
    case notAdministrator(login: String, register: String)
    /// The destination is not one the copy may write: it holds records, or the login may not install there.
    case destinationRefused(destination: String, reason: String)
    /// The source's audit trail does not verify: copying it would launder the damage.
    case damagedSource(sequence: Int64, reason: String)
    /// The copy, read back from the destination, is not the source: the copy was undone.
    case verificationFailed(String)
    case unsupported(String)
    case failed(String)

    public var description: String {
        switch self {
        case .notAdministrator(let login, let register):
            "\(RuleID.copyStore.id): copying a register needs the role admin of the register it is copied from; \(login) is not "
                + "an administrator of \(register); nothing was copied"
        case .destinationRefused(let destination, let reason):
            "refused to copy into \(destination): \(reason); nothing was written"
        case .damagedSource(let sequence, let reason):
            "the source's audit trail does not verify at entry \(sequence) (\(reason)): a damaged register is not copied, and "
                + "nothing was written; see `cabinet audit verify`"
        case .verificationFailed(let reason):
            "the copy did not verify (\(reason)): it was undone, and nothing was written"
        case .unsupported(let what): what
        case .failed(let reason): "the copy failed (\(reason)); nothing was written"
        }
    }
}

/// Moves a whole register between an SQLite file and a PostgreSQL database, table by table in
/// dependency order (`RawTables.copied`), every column by name, ids, sequences and hashes as
/// they are: in one transaction on the destination, checked before it commits (PostgreSQL) or
/// removed when it does not check (a new SQLite file), so that a copy is whole or absent.
///
/// The two schemas differ in types only (PostgresTables): flags are booleans, calendar dates
/// are `date`, and an unknown register date is NULL where SQLite stores ''. The full-text
/// indexes and the tallies are derived data, rebuilt on arrival rather than copied, except the
/// minutes a decision is found by, which only the index holds.
///
/// The audit trail goes through the server's chain trigger, which recomputes every entry's
/// hash and link as it is written (an administrator's session may write entries as they were
/// recorded); then the whole chain is verified on the destination and its head compared with
/// the source's.
public enum RegisterCopy {
    /// SQLite file to a PostgreSQL database where `cabinet store init` installed the schema,
    /// holding no records yet. Its people, settings and trail (the installer's entries) are
    /// replaced by the source's. The login must be the one that ran `store init` (a superuser,
    /// or a CREATEROLE owner of the database): clearing the installer's trail needs the owner role.
    public static func copy(from store: DecisionStore, toPostgres url: String, roles: PostgresRoles) throws -> RegisterCopyReport {
        if case .broken(let sequence, let reason) = try store.verifyAudit() {
            throw RegisterCopyError.damagedSource(sequence: sequence, reason: reason)
        }
        let connection = try connect(url)
        do { return try copy(from: store, to: connection, url: url, roles: roles) } catch let error as PostgresError {
            throw RegisterCopyError.failed("the server refused: \(error.message)" + (error.detail.map { " (\($0))" } ?? ""))
        }
    }

    static func copy(from store: DecisionStore, to connection: PostgresConnection, url: String, roles: PostgresRoles) throws
        -> RegisterCopyReport {
        let destination = RegisterLocation.postgres(url: url).description
        let me = try connection.execute("""
            SELECT session_user::text AS login, r.rolsuper, pg_has_role(session_user, $1, 'USAGE') AS is_admin
            FROM pg_roles r WHERE r.rolname = session_user
            """, [.text(roles.group(.admin))]).single
        let login = try me?.string("login") ?? "this login"
        let isSuperuser = try me?.bool("rolsuper") ?? false
        let isAdministrator = try me?.bool("is_admin") ?? false
        guard isSuperuser || isAdministrator else {
            throw RegisterCopyError.destinationRefused(destination: destination, reason: "\(login) is not its administrator "
                + "(the copy writes the trail's entries as they were recorded, which only an administrator may)")
        }
        return try connection.transaction { connection in
            try becomeOwner(connection, roles: roles, login: login, isSuperuser: isSuperuser, destination: destination)
            try connection.execute("LOCK TABLE \(RawTables.copied.joined(separator: ", ")), audit_chain_head IN EXCLUSIVE MODE")
            if let held = try heldRecords(connection) {
                throw RegisterCopyError.destinationRefused(destination: destination, reason: "it already holds \(held)")
            }
            // What `store init` wrote: its administrator and their entry. The source's people and trail replace them.
            try connection.executeScript("""
                DELETE FROM audit; UPDATE audit_chain_head SET sequence = 0, hash = '';
                DELETE FROM setting; DELETE FROM person; DELETE FROM decision_tally;
                """)
            let types = try columnTypes(connection)
            var counts: [RegisterCopyReport.TableCount] = []
            var sourceHead: AuditCheckpoint?
            try store.readRawTables { reader in
                let minutes = try reader.searchMinutes()
                for table in RawTables.copied {
                    var columns = RawTables.columns[table] ?? []
                    let idColumn = columns.firstIndex(of: "id")
                    if table == "decision" { columns.append("search_minutes") }
                    let batch = RowBatch(table: table, columns: columns, connection: connection)
                    var rows = 0
                    try reader.forEachRow(of: table) { values in
                        var values = values
                        // The server's chain writes its own head as the trail arrives (a copied one
                        // would be refused); verifyCopy checks it is the source's.
                        if table == "setting", values.first == .text("audit-head") { rows += 1; return }
                        if table == "decision", let idColumn, case .integer(let id) = values[idColumn] {
                            values.append(minutes[id].map(RawValue.text) ?? .null)
                        }
                        if table == "audit" { sourceHead = auditHead(values, columns: columns) ?? sourceHead }
                        try batch.add(zip(columns, values).map { column, value in
                            postgresValue(value, type: types[table]?[column] ?? "text")
                        })
                        rows += 1
                    }
                    try batch.flush()
                    counts.append(.init(table: table, rows: rows))
                }
            }
            try resetIdentities(connection)
            try verifyCopy(connection, expected: counts, head: sourceHead)
            try connection.execute("RESET ROLE")
            if !isSuperuser { try connection.execute("REVOKE \(roles.owner) FROM \(try PostgresConnection.quoteIdentifier(login))") }
            return RegisterCopyReport(source: store.path, destination: destination, tables: counts, auditHead: sourceHead)
        }
    }

    /// A PostgreSQL register to a new SQLite file at `path`, read from one snapshot. The login
    /// must be the register's administrator (rule P-COPY-STORE). The file is removed again when
    /// anything fails, its trail's verification included.
    public static func copy(fromPostgres url: String, roles: PostgresRoles, toSQLite path: String) throws -> RegisterCopyReport {
        let source = RegisterLocation.postgres(url: url).description
        guard !FileManager.default.fileExists(atPath: path) else {
            throw RegisterCopyError.destinationRefused(destination: path, reason: existingFileReason(path))
        }
        let connection = try connect(url)
        let me: PostgresRow?
        do {
            me = try connection.execute("SELECT session_user::text, pg_has_role(session_user, $1, 'USAGE')",
                                        [.text(roles.group(.admin))]).single
        } catch let error as PostgresError {
            throw RegisterCopyError.failed("the server refused: \(error.message) (is \(roles.prefix) the register's role prefix?)")
        }
        guard try me?.bool(1) ?? false else {
            throw RegisterCopyError.notAdministrator(login: try me?.string(0) ?? "this login", register: source)
        }
        var counts: [RegisterCopyReport.TableCount] = []
        var head: AuditCheckpoint?
        do {
            try connection.transaction(.repeatableRead, readOnly: true) { connection in
                // Dates as YYYY-MM-DD whatever the server's default, as the SQLite store writes them.
                try connection.execute("SET LOCAL DateStyle = 'ISO, YMD'")
                head = try verifiedChainHead(connection)
                let types = try columnTypes(connection)
                var minutes: [Int64: String] = [:]
                for row in try connection.execute("SELECT id, search_minutes FROM decision WHERE search_minutes IS NOT NULL") {
                    if let id = try row.int64(0), let text = try row.string(1) { minutes[id] = text }
                }
                do {
                    try DecisionStore.createRegister(at: path, searchMinutes: minutes) { writer in
                        for table in RawTables.copied {
                            let columns = RawTables.columns[table] ?? []
                            let notNull = RawTables.notNullColumns[table] ?? []
                            var rows = 0
                            try forEachRow(connection, table: table, columns: columns) { row in
                                let values = try columns.enumerated().map { index, column in
                                    try rawValue(row, index, type: types[table]?[column] ?? "text", notNull: notNull.contains(column))
                                }
                                try writer.insert(into: table, columns: columns, values: values)
                                rows += 1
                            }
                            counts.append(.init(table: table, rows: rows))
                        }
                    }
                } catch let error as StoreError {
                    throw RegisterCopyError.failed(error.description)
                }
            }
        } catch let error as PostgresError {
            // createRegister has removed its file already: nothing of the copy is left behind.
            throw RegisterCopyError.failed("the server refused: \(error.message)")
        }
        do {
            let copy = try DecisionStore(path: path)
            if case .broken(let sequence, let reason) = try copy.verifyAudit() {
                throw RegisterCopyError.verificationFailed("the copy's trail breaks at entry \(sequence): \(reason)")
            }
            let copiedHead = try copy.auditCheckpoint()
            guard copiedHead == head else {
                throw RegisterCopyError.verificationFailed("the copy's trail ends at \(copiedHead.map(String.init(describing:)) ?? "nothing"), "
                    + "the source's at \(head.map(String.init(describing:)) ?? "nothing")")
            }
        } catch {
            DecisionStore.removeStoreFiles(path)
            throw error
        }
        return RegisterCopyReport(source: source, destination: path, tables: counts, auditHead: head)
    }

    // MARK: The destination on PostgreSQL

    static func connect(_ url: String) throws -> PostgresConnection {
        let info: PostgresConnectionInfo
        do { info = try PostgresConnectionInfo(parsing: url) } catch let error as PostgresError {
            throw PostgresStoreError.cannotConnect(server: "the server named", reason: error.message)
        }
        do { return try PostgresConnection(info: info) } catch let error as PostgresError {
            throw PostgresStoreError.cannotConnect(server: info.serverDescription, reason: error.message)
        }
    }

    /// As the installer does: only the owner role may clear the installer's trail and reset
    /// the identities, and a non-superuser installer holds it for this transaction only.
    static func becomeOwner(_ connection: PostgresConnection, roles: PostgresRoles, login: String, isSuperuser: Bool,
                            destination: String) throws {
        do {
            if !isSuperuser { try connection.execute("GRANT \(roles.owner) TO \(try PostgresConnection.quoteIdentifier(login))") }
            try connection.execute("SET LOCAL ROLE \(roles.owner)")
        } catch let error as PostgresError where error.sqlState == SQLState.insufficientPrivilege || error.sqlState == "42704" {
            throw RegisterCopyError.destinationRefused(destination: destination, reason: "\(login) may not become \(roles.owner) "
                + "(copy as the login that ran `cabinet store init` there): \(error.message)")
        }
    }

    /// What the destination holds besides what `store init` writes, e.g. "3 decisions"; nil when nothing.
    static func heldRecords(_ connection: PostgresConnection) throws -> String? {
        let tables = RawTables.copied.filter { !["person", "setting", "audit"].contains($0) }
        let counts = try connection.execute("SELECT " + tables.map { "(SELECT count(*) FROM \($0))" }.joined(separator: ", "))
        guard let row = counts.single else { return nil }
        let held = try tables.enumerated().compactMap { index, table -> String? in
            let n = try row.int64(.index(index)) ?? 0
            if n == 0 { return nil }
            return table == "decision" ? "\(n) decision\(n == 1 ? "" : "s")" : "\(n) row\(n == 1 ? "" : "s") in \(table)"
        }
        return held.isEmpty ? nil : held.joined(separator: ", ")
    }

    /// Each register table's column types, as information_schema spells them ("boolean", "date").
    static func columnTypes(_ connection: PostgresConnection) throws -> [String: [String: String]] {
        var types: [String: [String: String]] = [:]
        for row in try connection.execute("""
            SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns
            WHERE table_schema = 'public'
            """) {
            types[try row.string(0) ?? "", default: [:]][try row.string(1) ?? ""] = try row.string(2) ?? "text"
        }
        return types
    }

    static func postgresValue(_ value: RawValue, type: String) -> PostgresValue {
        switch (value, type) {
        case (.null, _): .null
        case (.integer(let flag), "boolean"): .bool(flag != 0)
        case (.text(""), "date"): .null
        case (.integer(let number), "double precision"): .double(Double(number))
        case (.integer(let number), "bigint"), (.integer(let number), "integer"): .integer(number)
        case (.real(let number), "double precision"): .double(number)
        // Text as the server reads a literal: it parses it as the column's type, or refuses the copy.
        default: .text(value.description)
        }
    }

    /// The trail's head as the source wrote it, from one audit row.
    static func auditHead(_ values: [RawValue], columns: [String]) -> AuditCheckpoint? {
        guard let s = columns.firstIndex(of: "sequence"), let h = columns.firstIndex(of: "hash"),
              case .integer(let sequence) = values[s], case .text(let hash) = values[h] else { return nil }
        return AuditCheckpoint(sequence: sequence, hash: hash)
    }

    /// Sets each identity's next value past the copied ids, as the owner of its sequence.
    static func resetIdentities(_ connection: PostgresConnection) throws {
        let identities = try connection.execute("""
            SELECT table_name::text, column_name::text FROM information_schema.columns
            WHERE table_schema = 'public' AND is_identity = 'YES'
            """)
        for row in identities {
            let table = try PostgresConnection.quoteIdentifier(try row.string(0) ?? "")
            let column = try PostgresConnection.quoteIdentifier(try row.string(1) ?? "")
            try connection.execute("""
                SELECT setval(pg_get_serial_sequence($1, $2), coalesce(max(\(column)), 0) + 1, false) FROM \(table)
                """, [.text(try row.string(0) ?? ""), .text(try row.string(1) ?? "")])
        }
    }

    /// Before the copy commits: the row counts are the source's, the chain verifies entry by
    /// entry (hashes recomputed by the server), and its head is the source's.
    static func verifyCopy(_ connection: PostgresConnection, expected: [RegisterCopyReport.TableCount], head: AuditCheckpoint?) throws {
        for count in expected {
            let found = try connection.execute("SELECT count(*) FROM \(count.table)").single?.int64(0) ?? -1
            if Int(found) != count.rows {
                throw RegisterCopyError.verificationFailed("\(count.table) has \(found) rows, the source \(count.rows)")
            }
        }
        let destinationHead: AuditCheckpoint?
        do { destinationHead = try verifiedChainHead(connection) } catch RegisterCopyError.damagedSource(let sequence, let reason) {
            throw RegisterCopyError.verificationFailed("the copied trail breaks at entry \(sequence): \(reason)")
        }
        guard destinationHead == head else {
            throw RegisterCopyError.verificationFailed("the copied trail ends at \(destinationHead.map(String.init(describing:)) ?? "nothing"), "
                + "the source's at \(head.map(String.init(describing:)) ?? "nothing")")
        }
        let chainHead = try connection.execute("SELECT sequence::text || ':' || hash FROM audit_chain_head WHERE sequence > 0").single?.string(0)
        guard chainHead == head.map(String.init(describing:)) else {
            throw RegisterCopyError.verificationFailed("the chain's head \(chainHead ?? "none") is not the source's")
        }
    }

    /// Walks the whole trail on the server, each hash recomputed there (`audit_hash`, the
    /// Swift code's canonical payload), and checks it against the kept head; returns the head.
    static func verifiedChainHead(_ connection: PostgresConnection) throws -> AuditCheckpoint? {
        var expectedSequence: Int64 = 1, expectedPrevious = ""
        try connection.execute("DECLARE audit_walk NO SCROLL CURSOR FOR SELECT sequence, previous_hash, hash, audit_hash(a) FROM audit a ORDER BY sequence")
        while true {
            let rows = try connection.execute("FETCH 5000 FROM audit_walk")
            if rows.isEmpty { break }
            for row in rows {
                let sequence = try row.int64(0) ?? 0
                if sequence != expectedSequence {
                    throw RegisterCopyError.damagedSource(sequence: expectedSequence, reason: "entry \(expectedSequence) is missing")
                }
                if try row.string(1) != expectedPrevious {
                    throw RegisterCopyError.damagedSource(sequence: sequence, reason: "entry \(sequence) does not follow the entry before it")
                }
                let hash = try row.string(2) ?? ""
                if try row.string(3) != hash {
                    throw RegisterCopyError.damagedSource(sequence: sequence, reason: "entry \(sequence) was altered after it was written")
                }
                expectedSequence += 1
                expectedPrevious = hash
            }
        }
        try connection.execute("CLOSE audit_walk")
        let head = expectedSequence == 1 ? nil : AuditCheckpoint(sequence: expectedSequence - 1, hash: expectedPrevious)
        // The head as the chain mirrors it in `setting`, which every role may read (the chain's own
        // row, audit_chain_head, is the owner's alone; verifyCopy compares that one too).
        let kept = try connection.execute("SELECT value FROM setting WHERE key = 'audit-head'").single?.string(0)
        guard kept == head.map(String.init(describing:)) else {
            let keptSequence = kept.flatMap { Int64($0.split(separator: ":").first ?? "") } ?? 0
            throw RegisterCopyError.damagedSource(sequence: min(keptSequence, expectedSequence),
                                                  reason: "the trail ends at entry \(expectedSequence - 1) but its head says "
                                                      + "\(kept ?? "none"): entries were removed")
        }
        return head
    }

    // MARK: The source on PostgreSQL

    /// Every row of `table` in the order the SQLite side reads it, fetched a few thousand at a
    /// time through a cursor so that a large register never sits in memory whole.
    static func forEachRow(_ connection: PostgresConnection, table: String, columns: [String],
                           _ body: (PostgresRow) throws -> Void) throws {
        let order: String = switch table {
        case "setting": "key COLLATE \"C\""
        case "person": "login COLLATE \"C\""
        case "audit": "sequence"
        case "reading": "measure_id, date"
        case "call_in_signature": "request_id, signatory COLLATE \"C\""
        default: "id"
        }
        try connection.execute("DECLARE copy_rows NO SCROLL CURSOR FOR SELECT \(columns.joined(separator: ", ")) FROM \(table) ORDER BY \(order)")
        while true {
            let rows = try connection.execute("FETCH 2000 FROM copy_rows")
            if rows.isEmpty { break }
            for row in rows { try body(row) }
        }
        try connection.execute("CLOSE copy_rows")
    }

    /// One PostgreSQL cell as SQLite stores it: flags 1 and 0, dates their ISO text, and NULL
    /// for an unknown date as '' where SQLite's column may not be NULL (the register date).
    static func rawValue(_ row: PostgresRow, _ index: Int, type: String, notNull: Bool) throws -> RawValue {
        let column = PostgresColumn.index(index)
        if try row.isNull(column) { return notNull && type == "date" ? .text("") : .null }
        switch type {
        case "boolean": return .integer(try row.bool(column) == true ? 1 : 0)
        case "bigint", "integer", "smallint": return .integer(try row.int64(column) ?? 0)
        case "double precision", "real": return .real(try row.double(column) ?? 0)
        default: return .text(try row.string(column) ?? "")
        }
    }

    /// Why an existing file is not a destination: how many decisions it holds, when it is a register that holds any.
    static func existingFileReason(_ path: String) -> String {
        guard let store = try? DecisionStore(path: path, readOnly: true), let decisions = try? store.count(DecisionFilter()),
              decisions > 0 else {
            return "a file is already there: a register is copied into a new file only"
        }
        return "it already holds \(decisions) decision\(decisions == 1 ? "" : "s")"
    }
}

/// Rows for one table sent a few hundred at a time: one INSERT of many rows costs about what
/// one of a single row does, and stays under the protocol's 65,535 parameters.
final class RowBatch {
    let table: String
    let columns: [String]
    let connection: PostgresConnection
    let limit: Int
    private var values: [PostgresValue] = []
    private var rows = 0

    init(table: String, columns: [String], connection: PostgresConnection) {
        self.table = table
        self.columns = columns
        self.connection = connection
        limit = max(1, min(1000, 30_000 / max(1, columns.count)))
    }

    func add(_ row: [PostgresValue]) throws {
        values += row
        rows += 1
        if rows == limit { try flush() }
    }

    func flush() throws {
        guard rows > 0 else { return }
        let width = columns.count
        let tuples = (0..<rows).map { r in "(" + (1...width).map { "$\(r * width + $0)" }.joined(separator: ", ") + ")" }
        try connection.execute("INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES " + tuples.joined(separator: ", "), values)
        values.removeAll(keepingCapacity: true)
        rows = 0
    }
}
