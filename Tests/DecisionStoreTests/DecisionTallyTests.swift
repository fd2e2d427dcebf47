import Foundation
import GRDB
import Testing
import Decisions
@testable import DecisionStore

/// The kept counts must equal a real count, whatever was written and however.
@Suite struct DecisionTallyTests {
    /// Counted the slow way, by the filter's own SQL over the decisions.
    func scanned(_ store: DecisionStore, _ filter: DecisionFilter) throws -> Int {
        let (sql, arguments) = FilterSQL(filter).count(cap: nil)
        return try store.pool.read { db in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
    }

    let filters: [DecisionFilter] = [
        DecisionFilter(), DecisionFilter(keyOnly: true), DecisionFilter(urgentOnly: true, callInOnly: true),
        DecisionFilter(exemptOnly: true), DecisionFilter(stage: .published), DecisionFilter(keyOnly: true, stage: .decided),
        DecisionFilter(maker: "cab"), DecisionFilter(maker: "Member"), DecisionFilter(from: CivilDate(iso: "2024-01-01")),
        DecisionFilter(to: CivilDate(iso: "2023-12-31")),
        DecisionFilter(keyOnly: true, from: CivilDate(iso: "2020-01-01"), to: CivilDate(iso: "2025-12-31")),
    ]

    func expectAgree(_ store: DecisionStore, _ when: String) throws {
        for filter in filters {
            #expect(store.countIsKept(filter), "\(filter.summary) is kept")
            #expect(try store.count(filter) == scanned(store, filter), "\(when): \(filter.summary)")
        }
    }

    @Test func keptCountsFollowEveryKindOfWrite() throws {
        let store = try makeStore()
        let register = SyntheticRegister(seed: 11, today: CivilDate(iso: "2026-11-23")!, spanDays: 3650)
        try store.bulkInsert(login: "t", reason: "test") { batch in batch < 3 ? (batch * 400..<(batch + 1) * 400).map(register.decision) : nil }
        try expectAgree(store, "after a bulk load")
        #expect(try store.count(DecisionFilter()) == 1200)

        // Writes of every kind: changes of stage, flags, maker and date; removals; new records.
        try store.pool.write { db in
            try db.execute(sql: "UPDATE decision SET stage = 'published' WHERE id % 7 = 0")
            try db.execute(sql: "UPDATE decision SET is_key = 1 - is_key, urgent = 1 - urgent WHERE id % 5 = 0")
            try db.execute(sql: "UPDATE decision SET decision_maker = 'Cabinet Member for Roads' WHERE id % 11 = 0")
            try db.execute(sql: "UPDATE decision SET register_date = '2019-06-30' WHERE id % 13 = 0")
            try db.execute(sql: "UPDATE decision SET title = 'Renamed' WHERE id % 3 = 0")
            try db.execute(sql: "DELETE FROM decision_fts WHERE rowid % 17 = 0")
            try db.execute(sql: "DELETE FROM decision WHERE id % 17 = 0")
        }
        try store.bulkInsert(login: "t", reason: "more") { batch in batch < 1 ? (2000..<2100).map(register.decision) : nil }
        try expectAgree(store, "after updates, deletions and an appended load")
    }

    @Test func aLoadKilledBeforeItCountedIsRecountedOnOpen() throws {
        let store = try makeStore()
        let register = SyntheticRegister(seed: 5, today: CivilDate(iso: "2026-11-23")!)
        try store.bulkInsert(login: "t", reason: "test") { batch in batch < 1 ? (0..<300).map(register.decision) : nil }
        // As a bulk load leaves it if killed mid-way: no triggers, the tally stale.
        try store.pool.write { db in
            for name in DecisionTally.triggerNames { try db.execute(sql: "DROP TRIGGER \(name)") }
            try db.execute(sql: "DELETE FROM decision_tally")
        }
        let reopened = try DecisionStore(path: store.path)
        try expectAgree(reopened, "after reopening")
        try reopened.pool.write { db in try db.execute(sql: "UPDATE decision SET is_key = 1 WHERE id <= 10") }
        try expectAgree(reopened, "the triggers are back")
    }

    @Test func aSearchIsNotKeptAndAPartYearRangeIsCountedByScan() throws {
        let store = try makeStore()
        #expect(!store.countIsKept(DecisionFilter(search: "council")))
        #expect(!store.countIsKept(DecisionFilter(from: CivilDate(iso: "2024-03-01"))))
        #expect(!store.countIsKept(DecisionFilter(to: CivilDate(iso: "2024-06-30"))))
    }

    @Test func aCancelledCountStopsWithCancellationAndOthersAreUnaffected() throws {
        let store = try makeStore()
        let register = SyntheticRegister(seed: 9, today: CivilDate(iso: "2026-11-23")!)
        try store.bulkInsert(login: "t", reason: "test") { batch in batch < 1 ? (0..<500).map(register.decision) : nil }
        let cancelled = QueryCancellation()
        cancelled.cancel()
        #expect(throws: CancellationError.self) { try store.count(DecisionFilter(search: "council"), cancellation: cancelled) }
        // Cancelled while running: a count that would visit every row many times over.
        let running = QueryCancellation()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { running.cancel() }
        #expect(throws: CancellationError.self) {
            try store.pool.read { db in
                try running.interrupting(db) {
                    try Int.fetchOne(db, sql: "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000000000) SELECT count(*) FROM n")
                }
            }
        }
        // The connection is usable again, with no handler left behind.
        #expect(try store.count(DecisionFilter(search: "council"), cancellation: QueryCancellation()) == scanned(store, DecisionFilter(search: "council")))
    }
}
