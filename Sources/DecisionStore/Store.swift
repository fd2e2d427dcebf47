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

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open store \(path): \(reason)"
        case .notFound(let id): "no decision with id \(id)"
        case .conflict(let id): "decision \(id) was changed by someone else while you worked on it; nothing was saved — look again and retry"
        case .readOnly(let path): "the store \(path) is read-only; nothing was changed"
        case .invalidSetting(let key, let reason): "setting \(key): \(reason)"
        case .notPermitted(let why): "not permitted: \(why)"
        case .actionNotFound(let id): "no action with id \(id)"
        case .failed(let path, let reason): "the store \(path) reported an error: \(reason); nothing was changed"
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

    /// Opens (creating when needed) the store at `path` and brings its schema up to date.
    /// The login that creates a store is its first administrator.
    public init(path: String, creator: String = "admin", today: CivilDate = .systemToday(),
                calendar: WorkingCalendar = .englandAndWales) throws {
        self.path = path
        self.today = today
        self.calendar = calendar
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let isNew = !FileManager.default.fileExists(atPath: path)
        do {
            if isNew {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
                // A register may hold exempt information: only its owner may read it.
                guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                    throw StoreError.cannotOpen(path: path, reason: "cannot create the file in \(directory)")
                }
            }
            var config = Configuration()
            // Another person's write holds the lock briefly: wait for it rather than fail.
            config.busyMode = .timeout(10)
            config.foreignKeysEnabled = true
            config.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            pool = try DatabasePool(path: path, configuration: config)
            try Schema.migrator.migrate(pool)
            // A bulk load killed before it rebuilt its indexes is repaired here.
            let present = try pool.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'decision' AND sql IS NOT NULL") ?? 0
            }
            if present < Schema.decisionIndexes.count {
                try pool.write { db in for index in Schema.decisionIndexes { try db.execute(sql: index) } }
            }
            if isNew {
                try pool.write { db in
                    try db.execute(sql: "INSERT OR IGNORE INTO person (login, role, makers) VALUES (?, 'admin', '[]')",
                                   arguments: [creator])
                }
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw Self.translate(error, path: path)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
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
