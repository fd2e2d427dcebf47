import GRDB
import Decisions

/// Sentinel for "no deadline pending", so deadline order is served by a plain index.
let noDeadline = "9999-12-31"

extension DecisionStore {
    /// How many decisions match. A search counts up to `cap` (nil: count them all). A filter
    /// the tally keeps is a lookup; any other count can be abandoned through `cancellation`.
    public func count(_ filter: DecisionFilter, cap: Int? = nil, cancellation: QueryCancellation? = nil) throws -> Int {
        if let (sql, arguments) = DecisionTally.countSQL(filter) {
            return try pool.read { db in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
        }
        let (sql, arguments) = FilterSQL(filter).count(cap: cap)
        return try pool.read { db in
            let query = { try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
            guard let cancellation else { return try query() }
            return try cancellation.interrupting(db, query)
        }
    }

    /// A quick estimate of a search narrowed by flags, stage, maker or years, for while its
    /// exact count (which joins every match to its row) is still running: the search's matches
    /// in the full-text index alone, times the share of the register the rest of the filter
    /// keeps (from the tally). Nil when there is nothing to estimate (no search, or one counted
    /// as cheaply exactly) and when anything is withheld: an estimate from the whole index
    /// would count matches in exempt text the person may not search.
    public func estimatedCount(_ filter: DecisionFilter, cancellation: QueryCancellation? = nil) throws -> Int? {
        guard filter.access == .full, let query = FilterSQL(filter).searchQuery, !FilterSQL(filter).searchIsAllOfIt else { return nil }
        var rest = filter
        rest.search = nil
        guard let (narrowedSQL, narrowedArguments) = DecisionTally.countSQL(rest),
              let (allSQL, allArguments) = DecisionTally.countSQL(DecisionFilter()) else { return nil }
        return try pool.read { db in
            let estimate = {
                let matches = try Int.fetchOne(db, sql: "SELECT count(*) FROM decision_fts WHERE decision_fts MATCH ?", arguments: [query]) ?? 0
                let narrowed = try Int.fetchOne(db, sql: narrowedSQL, arguments: narrowedArguments) ?? 0
                let all = try Int.fetchOne(db, sql: allSQL, arguments: allArguments) ?? 0
                return all == 0 ? 0 : min(narrowed, Int((Double(matches) * Double(narrowed) / Double(all)).rounded()))
            }
            guard let cancellation else { return try estimate() }
            return try cancellation.interrupting(db, estimate)
        }
    }

    /// Whether counting `filter` is a lookup in the tally (instant) rather than a scan.
    public func countIsKept(_ filter: DecisionFilter) -> Bool { DecisionTally.countSQL(filter) != nil }

    /// One page of matching decisions, in the filter's order, without their long texts unless
    /// `withTexts`. `fromEnd` counts the offset from the last row (and still returns rows in order).
    public func page(_ filter: DecisionFilter, offset: Int, limit: Int, fromEnd: Bool = false, withTexts: Bool = false) throws -> [Decision] {
        let columns = withTexts ? DecisionColumns.qualifiedFull : DecisionColumns.qualifiedSummary
        let (sql, arguments) = FilterSQL(filter).page(columns: columns, offset: offset, limit: limit, reversed: fromEnd)
        let rows = try pool.read { db in try Row.fetchAll(db, sql: sql, arguments: arguments) }
        let decisions = rows.map(DecisionColumns.decision(from:))
        return fromEnd ? decisions.reversed() : decisions
    }

    /// Visits every matching decision in full, a batch at a time (for export).
    public func forEach(_ filter: DecisionFilter, batchSize: Int = 500, _ body: ([Decision]) throws -> Void) throws {
        let filterSQL = FilterSQL(filter)
        let (fromWhere, arguments) = filterSQL.fromWhere
        let query = "SELECT \(DecisionColumns.qualifiedFull) \(fromWhere) \(filterSQL.orderBy())"
        try pool.read { db in
            let cursor = try Row.fetchCursor(db, sql: query, arguments: StatementArguments(arguments))
            var batch: [Decision] = []
            batch.reserveCapacity(batchSize)
            while let row = try cursor.next() {
                batch.append(DecisionColumns.decision(from: row))
                if batch.count == batchSize { try body(batch); batch.removeAll(keepingCapacity: true) }
            }
            if !batch.isEmpty { try body(batch) }
        }
    }

    /// The whole record.
    public func decision(id: Int64) throws -> Decision? {
        try pool.read { db in try Self.decision(db, id: id) }
    }

    static func decision(_ db: Database, id: Int64) throws -> Decision? {
        try Row.fetchOne(db, sql: "SELECT \(DecisionColumns.full) FROM decision WHERE id = ?", arguments: [id])
            .map(DecisionColumns.decision(from:))
    }

    /// Several whole records in one query (in no particular order); ids not found are skipped.
    public func decisions(ids: [Int64]) throws -> [Decision] {
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return [] }
        return try pool.read { db in
            var found: [Decision] = []
            // Bound in chunks: SQLite limits the number of parameters of one statement.
            for start in stride(from: 0, to: unique.count, by: 500) {
                let chunk = Array(unique[start..<min(unique.count, start + 500)])
                let marks = chunk.map { _ in "?" }.joined(separator: ", ")
                found += try Row.fetchAll(db, sql: "SELECT \(DecisionColumns.full) FROM decision WHERE id IN (\(marks))",
                                          arguments: StatementArguments(chunk)).map(DecisionColumns.decision(from:))
            }
            return found
        }
    }

    /// One decision with everything a record view shows, read in one snapshot, so that the
    /// record, its trail, its actions and the rules they are judged by agree.
    public func recordSnapshot(id: Int64) throws -> RecordSnapshot? {
        try pool.read { db in
            guard let decision = try Self.decision(db, id: id) else { return nil }
            return RecordSnapshot(decision: decision, rules: try loadRules(db), history: try Self.history(db, decisionID: id),
                                  actions: try Self.actions(db, decisionID: id),
                                  pendingCallIn: try Self.pendingCallIn(db, decisionID: id))
        }
    }
}

/// A decision as stored, with its audit trail, actions, pending call-in and the council's rules.
public struct RecordSnapshot: Sendable {
    public var decision: Decision
    public var rules: CouncilRules
    public var history: [AuditEntry]
    public var actions: [FollowUpAction]
    public var pendingCallIn: CallInRequest?
}

extension DecisionStore {

    /// Distinct decision makers, for pickers.
    public func decisionMakers(limit: Int = 500) throws -> [String] {
        try pool.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT decision_maker FROM decision ORDER BY decision_maker LIMIT ?",
                                arguments: [limit])
        }
    }
}
