import Foundation
import GRDB
import Decisions

/// One cell of a register table, as SQLite stores it (its storage classes), for moving a whole
/// register between stores column by column (`cabinet store copy`) without going through the
/// domain types: what is copied is exactly what was stored, audit trail included.
public enum RawValue: Sendable, Hashable, CustomStringConvertible {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let number): self = .integer(number)
        case .double(let number): self = .real(number)
        case .string(let text): self = .text(text)
        // The register stores no blobs; one would be a damaged row, kept as its hex digits to show.
        case .blob(let data): self = .text(data.map { String(format: "%02x", $0) }.joined())
        }
    }

    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let number): number.databaseValue
        case .real(let number): number.databaseValue
        case .text(let text): text.databaseValue
        }
    }

    public var description: String {
        switch self {
        case .null: "NULL"
        case .integer(let number): String(number)
        case .real(let number): String(number)
        case .text(let text): text
        }
    }
}

/// The register's tables as a copy moves them: which, in which order, with which columns.
public enum RawTables {
    /// Every table that holds the register, parents before the rows that refer to them, the
    /// trail last (so that on a store whose trail is checked as it is written, every row it
    /// speaks of is in place). Left out, as derived data rebuilt on arrival: the full-text
    /// index (`decision_fts`) and the tally (`decision_tally`); and the migrations' own records.
    public static let copied = [
        "meeting", "decision", "agenda_item", "interest_declaration", "action", "measure", "reading",
        "call_in_request", "call_in_signature", "removed_decision", "person", "setting", "audit",
    ]

    /// Each copied table's columns in the schema's order, all migrations applied.
    public static var columns: [String: [String]] { schema.columns }

    /// The columns of each copied table declared NOT NULL.
    public static var notNullColumns: [String: Set<String>] { schema.notNull }

    /// Read once from an in-memory register made by the same migrations: the schema is the one source.
    private static let schema: (columns: [String: [String]], notNull: [String: Set<String>]) = {
        // Migrating an empty in-memory database cannot fail short of a bug the store's own tests show.
        guard let queue = try? DatabaseQueue(), (try? Schema.migrator.migrate(queue)) != nil else { return ([:], [:]) }
        let found = try? queue.read { db -> ([String: [String]], [String: Set<String>]) in
            var columns: [String: [String]] = [:], notNull: [String: Set<String>] = [:]
            for table in copied {
                let info = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))")
                columns[table] = info.map { $0["name"] }
                notNull[table] = Set(info.filter { ($0["notnull"] as Int) != 0 }.map { $0["name"] })
            }
            return (columns, notNull)
        }
        return found ?? ([:], [:])
    }()
}

/// Reads a register's tables from one snapshot (see `DecisionStore.readRawTables`).
public struct RawTableReader {
    let db: Database

    /// Every row of `table` in its primary key's order, each cell in `RawTables.columns[table]`'s order.
    public func forEachRow(of table: String, _ body: ([RawValue]) throws -> Void) throws {
        guard let columns = RawTables.columns[table] else { throw StoreError.invalidSetting(key: table, reason: "not a register table") }
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(columns.joined(separator: ", ")) FROM \(table) ORDER BY \(Self.order(table))")
        while let row = try cursor.next() {
            try body(row.databaseValues.map(RawValue.init))
        }
    }

    /// The minutes each decision is found by (the full-text index's own column, not kept
    /// anywhere else), by decision id.
    public func searchMinutes() throws -> [Int64: String] {
        var minutes: [Int64: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT rowid, minutes FROM decision_fts WHERE minutes IS NOT NULL AND minutes <> ''") {
            minutes[row[0]] = row[1]
        }
        return minutes
    }

    /// The rows a copy reads in a stable order, so that two copies compare row by row.
    static func order(_ table: String) -> String {
        switch table {
        case "setting": "key"
        case "person": "login"
        case "audit": "sequence"
        case "reading": "measure_id, date"
        case "call_in_signature": "request_id, signatory"
        default: "id"
        }
    }
}

/// Writes a register's tables into a new store (see `DecisionStore.createRegister`).
public struct RawTableWriter {
    let db: Database

    /// Inserts one row into `table`, `values` in `columns`' order, exactly as given: ids,
    /// sequences and hashes included.
    public func insert(into table: String, columns: [String], values: [RawValue]) throws {
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        try db.cachedStatement(sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))")
            .execute(arguments: StatementArguments(values.map(\.databaseValue)))
    }
}

extension DecisionStore {
    /// Runs `body` on one read transaction: every table as of the same moment.
    public func readRawTables<T>(_ body: (RawTableReader) throws -> T) throws -> T {
        try pool.read { db in try body(RawTableReader(db: db)) }
    }

    /// Creates a register at `path`, which must not exist, from `body`'s rows in one
    /// transaction, then rebuilds what is derived from them: the full-text index (each
    /// decision's minutes from `searchMinutes`, by id) and the tally. Nothing is left at `path`
    /// when anything fails. The store made has no first administrator of its own: its people
    /// and its trail are the ones copied in.
    public static func createRegister(at path: String, searchMinutes: [Int64: String] = [:],
                                      _ body: (RawTableWriter) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StoreError.unsafeFiles(path: path, reason: "a file is already there: a register is copied into a new file only")
        }
        if let reason = StoreFileSafety.creationRefusal(directory: directory) {
            throw StoreError.unsafeFiles(path: path, reason: reason)
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        // A register may hold exempt information: only its owner may read it, from the first byte.
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw StoreError.cannotOpen(path: path, reason: "cannot create the file in \(directory)")
        }
        do {
            var config = Configuration()
            config.foreignKeysEnabled = true
            let queue = try DatabaseQueue(path: path, configuration: config)
            try Schema.migrator.migrate(queue)
            try queue.write { db in
                try body(RawTableWriter(db: db))
                try rebuildSearchIndex(db, minutes: searchMinutes)
                try DecisionTally.rebuild(db)
            }
            try queue.close()
        } catch {
            removeStoreFiles(path)
            if let error = error as? DatabaseError { throw translate(error, path: path) }
            throw error
        }
    }

    /// Removes a store made by `createRegister` whose copy then failed its checks.
    public static func removeStoreFiles(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Every decision's search text as the store writes it (DecisionColumns.searchText).
    static func rebuildSearchIndex(_ db: Database, minutes: [Int64: String]) throws {
        try db.execute(sql: "DELETE FROM decision_fts")
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(DecisionColumns.full) FROM decision ORDER BY id")
        let insert = try db.makeStatement(sql: "INSERT INTO decision_fts (rowid, title, purpose, body, minutes) VALUES (?, ?, ?, ?, ?)")
        while let row = try cursor.next() {
            let id: Int64 = row["id"]
            let text = DecisionColumns.searchText(DecisionColumns.decision(from: row), minutes: minutes[id])
            try insert.execute(arguments: [id, text[0], text[1], text[2], text[3]])
        }
    }
}
