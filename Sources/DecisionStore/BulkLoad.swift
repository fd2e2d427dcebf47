import Foundation
import GRDB
import Decisions

/// One audit entry of a bulk import: where the records came from and how many.
public struct BulkLoadEntry: Sendable, Equatable {
    public var reason: String
    public var count: Int
    public init(reason: String, count: Int) { self.reason = reason; self.count = count }
}

/// A bulk import adds records; one the register already holds (or that the load holds twice)
/// refuses the whole load. `ordinal` counts from 0 over every record the load was given.
public struct BulkLoadDuplicate: Error, Sendable, Equatable {
    public var ordinal: Int
    public var title: String
}

extension DecisionStore {
    /// Appends many new decisions quickly (demo and benchmark registers): prepared statements,
    /// a large page cache, one audit entry for the whole load rather than one per record, and a
    /// commit every `commitEvery` records so the write-ahead log stays small. A load that is
    /// interrupted keeps the batches committed so far. `makeBatch(n)` returns the n-th batch,
    /// or nil when done.
    @discardableResult
    public func bulkInsert(login: String, reason: String, commitEvery: Int = 50_000,
                           _ makeBatch: (Int) -> [Decision]?) throws -> Int {
        try requireUndamaged()
        do {
            let rules = try self.rules()
            let deferIndexes = try count(DecisionFilter()) == 0
            if deferIndexes { try pool.write { db in try Self.dropDerivedData(db) } }
            defer {
                if deferIndexes {
                    try? pool.write { db in
                        try db.execute(sql: "PRAGMA cache_size = -262144")
                        defer { try? db.execute(sql: "PRAGMA cache_size = -8192") }
                        try Self.rebuildDerivedData(db)
                    }
                }
            }
            var total = 0
            var batchNumber = 0
            var pending: [Decision]? = makeBatch(0)
            let preparing = BulkRowPreparation(store: self, rules: rules)
            preparing.start(pending)
            while pending != nil {
                let inserted = try pool.writeWithoutTransaction { db -> Int in
                    // No fsync per chunk: a crash loses at most the chunks not yet checkpointed,
                    // and the file stays consistent (WAL).
                    try db.execute(sql: "PRAGMA cache_size = -262144; PRAGMA synchronous = OFF; PRAGMA wal_autocheckpoint = 20000")
                    defer { try? db.execute(sql: "PRAGMA cache_size = -8192; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 1000") }
                    var count = 0
                    try db.inTransaction(.immediate) {
                        let writer = try BulkRowWriter(db)
                        while let batch = pending, count < commitEvery {
                            let rows = preparing.rows(of: batch)
                            batchNumber += 1
                            pending = makeBatch(batchNumber)
                            // The next batch is prepared on another core while this one is written.
                            preparing.start(pending)
                            try writer.insert(rows, firstOrdinal: total + count)
                            count += batch.count
                        }
                        return .commit
                    }
                    return count
                }
                total += inserted
            }
            try pool.write { db in
                try Self.appendAudit(db, decisionID: nil, login: login, action: "bulk-load", stageBefore: nil, stageAfter: nil,
                                     reason: reason, changes: [FieldChange(field: "decisions", before: nil, after: String(total))])
            }
            return total
        } catch let error as DatabaseError {
            throw Self.translate(error, path: path)
        }
    }

    /// Adds many new decisions in one transaction: all of them or, on any error (a batch that
    /// cannot be read, a record already here), none. History is one audit entry per
    /// `audit(total)` entry (a file), not one per record; `dryRun` checks everything and
    /// rolls back. Into an empty register the indexes and kept counts are built once at the end.
    @discardableResult
    public func bulkImport(login: String, dryRun: Bool = false, _ makeBatch: (Int) throws -> [Decision]?,
                           audit: (_ total: Int) -> [BulkLoadEntry]) throws -> Int {
        try requireUndamaged()
        do {
            let rules = try self.rules()
            var total = 0
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA cache_size = -262144")
                defer { try? db.execute(sql: "PRAGMA cache_size = -8192") }
                try db.inTransaction(.immediate) {
                    // Decided inside the transaction, so no other writer can add a row in between.
                    let deferIndexes = try Int.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM decision)") == 0
                    if deferIndexes { try Self.dropDerivedData(db) }
                    let writer = try BulkRowWriter(db)
                    let preparing = BulkRowPreparation(store: self, rules: rules)
                    var batchNumber = 0
                    var pending = try makeBatch(0)
                    preparing.start(pending)
                    while let batch = pending {
                        let rows = preparing.rows(of: batch)
                        batchNumber += 1
                        pending = try makeBatch(batchNumber)
                        preparing.start(pending)
                        try writer.insert(rows, firstOrdinal: total)
                        total += batch.count
                    }
                    if deferIndexes { try Self.rebuildDerivedData(db) }
                    for entry in audit(total) {
                        try Self.appendAudit(db, decisionID: nil, login: login, action: "bulk-import", stageBefore: nil, stageAfter: nil,
                                             reason: entry.reason,
                                             changes: [FieldChange(field: "decisions", before: nil, after: String(entry.count))])
                    }
                    return dryRun ? .rollback : .commit
                }
                if !dryRun { _ = try? db.checkpoint(.passive) }
            }
            return total
        } catch let error as DatabaseError {
            throw Self.translate(error, path: path)
        }
    }

    /// Into an empty register, rows go in first and the indexes are built once at the end:
    /// sorting once is far cheaper than keeping ten indexes in order row by row. The tally too
    /// is counted once at the end rather than kept row by row.
    static func dropDerivedData(_ db: Database) throws {
        for name in Schema.decisionIndexNames { try db.execute(sql: "DROP INDEX IF EXISTS \(name)") }
        for name in DecisionTally.triggerNames { try db.execute(sql: "DROP TRIGGER IF EXISTS \(name)") }
    }

    static func rebuildDerivedData(_ db: Database) throws {
        for index in Schema.decisionIndexes { try db.execute(sql: index) }
        try DecisionTally.reinstall(db)
    }
}

/// A decision as the bulk load writes it: its row's values and its search text.
struct BulkRow: Sendable {
    var values: [DatabaseValue]
    var searchText: [String]
    var title: String
}

/// Turns the next batch of decisions into rows on another core while the writer is busy with
/// the last: the conversion (dates, deadlines, JSON columns) costs as much as SQLite's insert.
final class BulkRowPreparation: @unchecked Sendable {
    // @unchecked: `prepared` and `isReady` are only touched under `lock`.
    private let store: DecisionStore
    private let rules: CouncilRules
    private let lock = NSCondition()
    private var prepared: [BulkRow] = []
    private var isReady = true
    private let queue = DispatchQueue(label: "cabinet.bulk-rows")

    init(store: DecisionStore, rules: CouncilRules) { self.store = store; self.rules = rules }

    func start(_ batch: [Decision]?) {
        guard let batch else { return }
        lock.lock()
        isReady = false
        lock.unlock()
        queue.async { [self] in
            let rows = batch.map(self.row)
            lock.lock()
            prepared = rows
            isReady = true
            lock.broadcast()
            lock.unlock()
        }
    }

    /// The rows of the batch last started (which must be `batch`).
    func rows(of batch: [Decision]) -> [BulkRow] {
        lock.lock()
        defer { lock.unlock() }
        while !isReady { lock.wait() }
        assert(prepared.count == batch.count)
        return prepared
    }

    private func row(_ decision: Decision) -> BulkRow {
        let next = store.nextDeadline(for: decision, rules: rules)
        return BulkRow(values: DecisionColumns.values(decision, meetingID: nil, nextDeadline: next).map { $0?.databaseValue ?? .null },
                       searchText: DecisionColumns.searchText(decision, minutes: nil), title: decision.title)
    }
}

/// The prepared statements of a bulk load, and the one way its rows are written.
private struct BulkRowWriter {
    let db: Database
    let insertRow: Statement
    let indexText: Statement

    init(_ db: Database) throws {
        self.db = db
        let columns = DecisionColumns.writable
        insertRow = try db.cachedStatement(sql: """
            INSERT INTO decision (\(columns.joined(separator: ", ")))
            VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))
            """)
        indexText = try db.cachedStatement(sql: "INSERT INTO decision_fts (rowid, title, purpose, body, minutes) VALUES (?, ?, ?, ?, ?)")
    }

    func insert(_ rows: [BulkRow], firstOrdinal: Int) throws {
        for (offset, row) in rows.enumerated() {
            do {
                try insertRow.execute(arguments: StatementArguments(row.values))
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                throw BulkLoadDuplicate(ordinal: firstOrdinal + offset, title: row.title)
            }
            let id = db.lastInsertedRowID
            let text = row.searchText
            try indexText.execute(arguments: [id, text[0], text[1], text[2], text[3]])
        }
    }
}
