import Foundation
import GRDB
import Decisions

extension DecisionStore {
    /// Appends many new decisions quickly (demo and benchmark registers): one transaction,
    /// prepared statements, and one audit entry for the whole load rather than one per record.
    /// `makeBatch(n)` returns the n-th batch, or nil when done.
    @discardableResult
    public func bulkInsert(login: String, reason: String, _ makeBatch: (Int) -> [Decision]?) throws -> Int {
        do {
            return try pool.write { db in
                // A larger page cache keeps the indexes' pages in memory while they fill.
                try db.execute(sql: "PRAGMA cache_size = -262144")
                defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
                let columns = DecisionColumns.writable
                let insert = try db.makeStatement(sql: """
                    INSERT INTO decision (\(columns.joined(separator: ", ")))
                    VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))
                    """)
                let index = try db.makeStatement(sql: "INSERT INTO decision_fts (rowid, title, purpose, body, minutes) VALUES (?, ?, ?, ?, ?)")
                let rules = try loadRules(db)
                var total = 0
                var batchNumber = 0
                while let batch = makeBatch(batchNumber) {
                    batchNumber += 1
                    for decision in batch {
                        let next = nextDeadline(for: decision, rules: rules)
                        try insert.execute(arguments: StatementArguments(DecisionColumns.values(decision, meetingID: nil, nextDeadline: next)))
                        let id = db.lastInsertedRowID
                        let text = DecisionColumns.searchText(decision, minutes: nil)
                        try index.execute(arguments: [id, text[0], text[1], text[2], text[3]])
                    }
                    total += batch.count
                }
                try Self.appendAudit(db, decisionID: nil, login: login, action: "bulk-load", stageBefore: nil, stageAfter: nil,
                                     reason: reason, changes: [FieldChange(field: "decisions", before: nil, after: String(total))])
                return total
            }
        } catch let error as DatabaseError {
            throw Self.translate(error, path: path)
        }
    }
}
