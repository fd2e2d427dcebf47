import Foundation
import GRDB
import Decisions

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
            // Into an empty register, rows go in first and the indexes are built once at the end:
            // sorting once is far cheaper than keeping ten indexes in order row by row.
            let deferIndexes = try count(DecisionFilter()) == 0
            if deferIndexes {
                try pool.write { db in
                    for name in Schema.decisionIndexNames { try db.execute(sql: "DROP INDEX IF EXISTS \(name)") }
                    // The tally too is counted once at the end rather than kept row by row.
                    for name in DecisionTally.triggerNames { try db.execute(sql: "DROP TRIGGER IF EXISTS \(name)") }
                }
            }
            defer {
                if deferIndexes {
                    try? pool.write { db in
                        try db.execute(sql: "PRAGMA cache_size = -262144")
                        for index in Schema.decisionIndexes { try db.execute(sql: index) }
                        try DecisionTally.reinstall(db)
                        try db.execute(sql: "PRAGMA cache_size = -2000")
                    }
                }
            }
            var total = 0
            var batchNumber = 0
            var pending: [Decision]? = makeBatch(0)
            while pending != nil {
                let inserted = try pool.writeWithoutTransaction { db -> Int in
                    // A larger page cache, and no fsync per chunk: a crash loses at most the
                    // chunks not yet checkpointed, and the file stays consistent (WAL).
                    try db.execute(sql: "PRAGMA cache_size = -262144; PRAGMA synchronous = OFF; PRAGMA wal_autocheckpoint = 20000")
                    defer { try? db.execute(sql: "PRAGMA cache_size = -2000; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 1000") }
                    var count = 0
                    try db.inTransaction(.immediate) {
                        let columns = DecisionColumns.writable
                        let insert = try db.cachedStatement(sql: """
                            INSERT INTO decision (\(columns.joined(separator: ", ")))
                            VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))
                            """)
                        let index = try db.cachedStatement(sql: "INSERT INTO decision_fts (rowid, title, purpose, body, minutes) VALUES (?, ?, ?, ?, ?)")
                        while let batch = pending, count < commitEvery {
                            for decision in batch {
                                let next = nextDeadline(for: decision, rules: rules)
                                try insert.execute(arguments: StatementArguments(DecisionColumns.values(decision, meetingID: nil, nextDeadline: next)))
                                let id = db.lastInsertedRowID
                                let text = DecisionColumns.searchText(decision, minutes: nil)
                                try index.execute(arguments: [id, text[0], text[1], text[2], text[3]])
                            }
                            count += batch.count
                            batchNumber += 1
                            pending = makeBatch(batchNumber)
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
}
