import GRDB
import Decisions

/// Counts asked for on every keystroke (per stage, flag, maker and year) are kept, not
/// recounted: `decision_tally` holds how many decisions share each combination, maintained by
/// triggers in the same transaction as every write, so a filter's count is a lookup over a few
/// thousand rows however large the register is.
enum DecisionTally {
    /// The tally's key: what a filter without a search or a part-year date range narrows by.
    static let table = """
        CREATE TABLE decision_tally (
            decision_maker TEXT NOT NULL,
            year TEXT NOT NULL,
            stage TEXT NOT NULL,
            is_key INTEGER NOT NULL,
            urgent INTEGER NOT NULL,
            call_in INTEGER NOT NULL,
            exempt INTEGER NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (decision_maker, year, stage, is_key, urgent, call_in, exempt)
        ) WITHOUT ROWID
        """

    static let triggerNames = ["decision_tally_insert", "decision_tally_delete", "decision_tally_update"]

    private static func add(_ row: String, _ delta: Int) -> String {
        """
        INSERT INTO decision_tally VALUES (\(row).decision_maker, substr(\(row).register_date, 1, 4), \(row).stage,
            \(row).is_key, \(row).urgent, \(row).call_in, \(row).exempt, \(delta))
        ON CONFLICT DO UPDATE SET n = n + \(delta);
        """
    }

    static let triggers = [
        "CREATE TRIGGER decision_tally_insert AFTER INSERT ON decision BEGIN \(add("NEW", 1)) END",
        "CREATE TRIGGER decision_tally_delete AFTER DELETE ON decision BEGIN \(add("OLD", -1)) END",
        """
        CREATE TRIGGER decision_tally_update
        AFTER UPDATE OF decision_maker, register_date, stage, is_key, urgent, call_in, exempt ON decision BEGIN
            \(add("OLD", -1)) \(add("NEW", 1))
        END
        """,
    ]

    /// Puts the triggers back and recounts (after a bulk load, or a store a killed load left without them).
    static func reinstall(_ db: Database) throws {
        for name in triggerNames { try db.execute(sql: "DROP TRIGGER IF EXISTS \(name)") }
        try rebuild(db)
        for trigger in triggers { try db.execute(sql: trigger) }
    }

    /// Recounts the whole tally from the decisions (a new schema, a bulk load).
    static func rebuild(_ db: Database) throws {
        try db.execute(sql: """
            DELETE FROM decision_tally;
            INSERT INTO decision_tally
            SELECT decision_maker, substr(register_date, 1, 4), stage, is_key, urgent, call_in, exempt, count(*)
            FROM decision GROUP BY 1, 2, 3, 4, 5, 6, 7;
            """)
    }

    /// The tally's SQL for a filter, or nil when the filter narrows by what the tally does not
    /// keep (words searched for, dates that do not begin or end a year).
    static func countSQL(_ filter: DecisionFilter) -> (String, StatementArguments)? {
        guard filter.searchWords.isEmpty else { return nil }
        var (conditions, arguments) = FilterSQL.flagStageAndMaker(filter, columnsOf: "")
        if let from = filter.from {
            guard from.month == 1 && from.day == 1 else { return nil }
            conditions.append("year >= ?"); arguments.append(String(format: "%04d", from.year).databaseValue)
        }
        if let to = filter.to {
            guard to.month == 12 && to.day == 31 else { return nil }
            conditions.append("year <= ? AND year <> ''"); arguments.append(String(format: "%04d", to.year).databaseValue)
        }
        let sql = "SELECT coalesce(sum(n), 0) FROM decision_tally" + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
        return (sql, StatementArguments(arguments))
    }
}
