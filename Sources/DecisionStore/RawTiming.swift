import Foundation
import GRDB

extension DecisionStore {
    /// Time SQLite alone takes for the register's queries for `filter`: the count and one page,
    /// stepping through the rows without building any Swift values. The benchmark compares
    /// the application's time with this to show its overhead.
    public func sqliteOnlyTime(_ filter: DecisionFilter, offset: Int, limit: Int, count: Bool, countCap: Int? = nil) throws -> Duration {
        let sql = FilterSQL(filter)
        let (pageSQL, pageArguments) = sql.page(columns: DecisionColumns.qualifiedSummary, offset: offset, limit: limit)
        let (countSQL, countArguments) = sql.count(cap: countCap)
        let clock = ContinuousClock()
        return try pool.read { db in
            clock.measure {
                if count { _ = try? Int.fetchOne(db, sql: countSQL, arguments: countArguments) }
                if let statement = try? db.cachedStatement(sql: pageSQL) {
                    statement.arguments = pageArguments
                    let cursor = try? Row.fetchCursor(statement)
                    while (try? cursor?.next()) != nil {}
                }
            }
        }
    }

    /// SQLite alone for loading one record in full (the detail screen's query).
    public func sqliteOnlyDetailTime(id: Int64) throws -> Duration {
        let clock = ContinuousClock()
        return try pool.read { db in
            clock.measure {
                _ = try? Row.fetchOne(db, sql: "SELECT \(DecisionColumns.full) FROM decision WHERE id = ?", arguments: [id])
                _ = try? Row.fetchAll(db, sql: "SELECT * FROM audit WHERE decision_id = ? ORDER BY sequence", arguments: [id])
            }
        }
    }
}
