import Foundation
import GRDB
import Decisions

/// Errors the store reports to people; each says what to do next.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    case notFound(id: Int64)
    case conflict(id: Int64)
    case readOnly(path: String)
    case invalidSetting(key: String, reason: String)
    case notPermitted(String)
    case actionNotFound(id: Int64)
    case failed(path: String, reason: String)
    /// Neither read nor write: `whom` is the owner and group to ask.
    case noPermission(path: String, whom: String)
    /// The files at `path` are not safe to create or adopt as a store: `reason` says why and what to do.
    case unsafeFiles(path: String, reason: String)
    /// SQLite's quick_check found damage: the store may be read, never written.
    case damaged(path: String, detail: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open store \(path): \(reason)"
        case .notFound(let id): "no decision with id \(id)"
        case .conflict(let id): "decision \(id) was changed by someone else while you worked on it; nothing was saved — look again and retry"
        case .readOnly(let path): "the store \(path) is open read-only for this login: you may read it but not change it, "
            + "and nothing was changed; to make changes, ask its owner or the register's admin for write access "
            + "(membership of the group that owns it)"
        case .invalidSetting(let key, let reason): "setting \(key): \(reason)"
        case .notPermitted(let why): "not permitted: \(why)"
        case .actionNotFound(let id): "no action with id \(id)"
        case .failed(let path, let reason): "the store \(path) reported an error: \(reason); nothing was changed"
        case .noPermission(let path, let whom): "you have no permission to read the store \(path) (\(whom)); ask its owner "
            + "or the register's admin to add you to its group, or to its readers' group to read it only"
        case .unsafeFiles(let path, let reason): "refused to open the store \(path): \(reason); nothing was changed"
        case .damaged(let path, let detail): "the store \(path) is damaged (\(detail)), so it may be read but not written, and nothing "
            + "was changed. To recover: keep a copy of the file, then restore your last backup, or salvage what SQLite can read "
            + "with `sqlite3 \(path) .recover | sqlite3 NEW.sqlite` and check it with `cabinet audit verify --store NEW.sqlite`"
        }
    }
}

/// The local register: one SQLite file in WAL mode, shared safely between processes.
public final class DecisionStore: Sendable {
    public let path: String
    let pool: DatabasePool
    /// The day deadlines are reckoned from when records are written.
    public let today: CivilDate
    /// Working days and bank holidays.
    public let calendar: WorkingCalendar

    /// Whether this process may only read the store: its file (or the -wal/-shm files or the
    /// directory SQLite needs beside it) is not writable for this login. Writes are refused
    /// with `StoreError.readOnly`, and nothing is changed.
    public let isReadOnly: Bool

    /// The integrity check begun on opening (see `IntegrityCheck`).
    let integrity: IntegrityCheck

    /// What the integrity check on opening found wrong, or nil for a sound store (waits for
    /// the check). Every write to a damaged store is refused with `StoreError.damaged`.
    public var damage: String? { integrity.damage }

    /// Opens (creating when needed) the store at `path` and brings its schema up to date.
    /// The login that creates a store is its first administrator. A store this login may read
    /// but not write is opened read-only (as is any store with `readOnly`): no migration, no
    /// repair, no first administrator.
    public init(path: String, creator: String = "admin", today: CivilDate = .systemToday(),
                calendar: WorkingCalendar = .englandAndWales, readOnly: Bool = false) throws {
        self.path = path
        self.today = today
        self.calendar = calendar
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let access = StoreFileAccess.probe(path)
        if case .denied(let whom) = access { throw StoreError.noPermission(path: path, whom: whom) }
        let isNew = access == .missing
        // An empty file holds nothing to keep: it is set up as a new store (this login its
        // administrator), and only when it is this login's own.
        let isEmptyFile = !isNew && (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) == 0
        if isNew && (readOnly || access == .readOnly) { throw StoreError.cannotOpen(path: path, reason: "there is no store there to read") }
        if isNew, let reason = StoreFileSafety.creationRefusal(directory: directory) {
            throw StoreError.unsafeFiles(path: path, reason: reason)
        }
        if let reason = StoreFileSafety.adoptionRefusal(path: path, creating: isNew || isEmptyFile) {
            throw StoreError.unsafeFiles(path: path, reason: reason)
        }
        isReadOnly = readOnly || access == .readOnly
        if isEmptyFile && isReadOnly { throw StoreError.cannotOpen(path: path, reason: "the file is empty: there is no store there to read") }
        if isReadOnly, let reason = StoreFileAccess.readOnlyPrerequisites(path) {
            throw StoreError.cannotOpen(path: path, reason: reason)
        }
        do {
            if isEmptyFile { chmod(path, 0o600) }
            if isNew {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
                // A register may hold exempt information: only its owner may read it.
                guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                    throw StoreError.cannotOpen(path: path, reason: "cannot create the file in \(directory)")
                }
            }
            var config = Configuration()
            config.readonly = isReadOnly
            // Another person's write holds the lock briefly: wait for it rather than fail.
            config.busyMode = .timeout(10)
            config.foreignKeysEnabled = true
            let shared = !isReadOnly && StoreFileAccess.isShared(path)
            config.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                // Memory stays flat with the register's size: at most 8 MB of pages per connection.
                try db.execute(sql: "PRAGMA cache_size = -8192")
                // Readers of a shared store cannot create the -wal and -shm files: writers keep them.
                if shared { try Self.keepWALFiles(db) }
            }
            pool = try DatabasePool(path: path, configuration: config)
            // Begun once the pool has made the -wal and -shm files its read-only connection needs.
            integrity = isNew || isEmptyFile ? .sound : IntegrityCheck(checking: path)
            if isReadOnly {
                guard try pool.read({ db in try Schema.migrator.hasCompletedMigrations(db) }) else {
                    throw StoreError.cannotOpen(path: path, reason: "it was made by an older version of Cabinet Desk and this login "
                        + "may only read it; ask someone with write access to open it once (e.g. `cabinet list`) to bring it up to date")
                }
                return
            }
            // Bringing the schema up to date writes: only to a store found sound.
            if try !pool.read({ db in try Schema.migrator.hasCompletedMigrations(db) }) { try requireUndamaged() }
            try Schema.migrator.migrate(pool)
            // A bulk load killed before it rebuilt its indexes and the tally's triggers is repaired here.
            let (indexes, triggers) = try pool.read { db -> (Int, Int) in
                let row = try Row.fetchOne(db, sql: """
                    SELECT count(*) FILTER (WHERE type = 'index' AND tbl_name = 'decision' AND sql IS NOT NULL),
                           count(*) FILTER (WHERE type = 'trigger' AND name LIKE 'decision_tally_%')
                    FROM sqlite_schema
                    """)
                return (row?[0] ?? 0, row?[1] ?? 0)
            }
            if indexes < Schema.decisionIndexes.count {
                try requireUndamaged()
                try pool.write { db in for index in Schema.decisionIndexes { try db.execute(sql: index) } }
            }
            if triggers < DecisionTally.triggers.count {
                try requireUndamaged()
                try pool.write { db in try DecisionTally.reinstall(db) }
            }
            if isNew || isEmptyFile {
                try pool.write { db in try Self.recordFirstAdministrator(db, login: creator) }
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw Self.translate(error, path: path)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// Refuses a write to a damaged store, before anything is attempted.
    func requireUndamaged() throws {
        if let damage { throw StoreError.damaged(path: path, detail: damage) }
    }

    static func translate(_ error: DatabaseError, path: String) -> StoreError {
        switch error.resultCode {
        case .SQLITE_READONLY: return .readOnly(path: path)
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .cannotOpen(path: path, reason: "not a Cabinet Desk store (or it is damaged)")
        case .SQLITE_FULL: return .cannotOpen(path: path, reason: "the disk is full; nothing was changed")
        default: return .failed(path: path, reason: error.message ?? "\(error)")
        }
    }

    /// Whether the store holds no decisions and no meetings yet.
    public func isEmpty() throws -> Bool {
        try pool.read { db in
            try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM decision) + (SELECT count(*) FROM meeting)") == 0
        }
    }

    /// Where the store lives unless told otherwise: `$CABINET_STORE`, else
    /// `$XDG_DATA_HOME/cabinet-desk/cabinet.sqlite`, else `~/.local/share/cabinet-desk/cabinet.sqlite`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit = environment["CABINET_STORE"], !explicit.isEmpty { return explicit }
        let dataHome: String
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            dataHome = xdg
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            dataHome = home + "/.local/share"
        }
        return dataHome + "/cabinet-desk/cabinet.sqlite"
    }
}

extension CivilDate {
    /// Today in the process's time zone.
    public static func systemToday() -> CivilDate {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
