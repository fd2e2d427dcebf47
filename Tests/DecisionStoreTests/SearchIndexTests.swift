import Foundation
import GRDB
import Testing
import Decisions
@testable import DecisionStore

/// The full-text index answers a search's first page and, for a search alone, its count:
/// both must find exactly what reading the decisions would.
@Suite struct SearchIndexTests {
    let words = ["council", "coun", "cou", "counc", "report", "zennor", "contract award", "the"]

    func joinedCount(_ store: DecisionStore, _ words: [String]) throws -> Int {
        try store.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM decision_fts JOIN decision d ON d.id = decision_fts.rowid WHERE decision_fts MATCH ?",
                             arguments: [FilterSQL.ftsQuery(words)]) ?? 0
        }
    }

    func loaded(_ count: Int, seed: UInt64) throws -> DecisionStore {
        let store = try makeStore()
        let register = SyntheticRegister(seed: seed, today: CivilDate(iso: "2026-11-23")!, spanDays: 3650)
        try store.bulkInsert(login: "t", reason: "test") { batch in batch < 1 ? (0..<count).map(register.decision) : nil }
        return store
    }

    @Test func aSearchAloneIsCountedFromTheIndexAndAgreesWithTheDecisions() throws {
        let store = try loaded(2_000, seed: 3)
        // A record the index has no longer (removed), and one edited: the index follows the table.
        try store.pool.write { db in
            try db.execute(sql: "DELETE FROM decision_fts WHERE rowid IN (5, 6, 7)")
            try db.execute(sql: "DELETE FROM decision WHERE id IN (5, 6, 7)")
        }
        for phrase in words {
            let filter = DecisionFilter(search: phrase)
            let sql = FilterSQL(filter)
            #expect(sql.searchIsAllOfIt)
            #expect(try store.count(filter) == joinedCount(store, filter.searchWords), "\(phrase)")
            #expect(try store.count(filter) == store.page(filter, offset: 0, limit: 10_000).count, "\(phrase): count and pages agree")
        }
        #expect(try store.count(DecisionFilter(search: "council")) > 0, "the comparison is not of nothing")
        // Narrowed or withheld, a search is counted over the decisions themselves.
        #expect(!FilterSQL(DecisionFilter(keyOnly: true, search: "council")).searchIsAllOfIt)
        #expect(!FilterSQL(DecisionFilter(search: "council", access: .publicFieldsOnly)).searchIsAllOfIt)
    }

    @Test func aStoreFromBeforeThePrefixIndexesIsRebuiltAndFindsTheSame() throws {
        let store = try loaded(1_500, seed: 9)
        let before = try words.map { try store.page(DecisionFilter(search: $0), offset: 0, limit: 10_000).map(\.id) }
        // As version 6 left it: the index with prefixes of 3 letters only.
        try store.pool.write { db in
            try db.execute(sql: """
                CREATE VIRTUAL TABLE old_fts USING fts5(title, purpose, body, minutes, tokenize = 'unicode61 remove_diacritics 2',
                    prefix = '3', detail = column, columnsize = 0);
                INSERT INTO old_fts (rowid, title, purpose, body, minutes) SELECT rowid, title, purpose, body, minutes FROM decision_fts;
                DROP TABLE decision_fts;
                ALTER TABLE old_fts RENAME TO decision_fts;
                DELETE FROM grdb_migrations WHERE identifier = 'v7-search-prefixes';
                """)
        }
        let reopened = try DecisionStore(path: store.path)
        let definition = try reopened.pool.read { db in try String.fetchOne(db, sql: "SELECT sql FROM sqlite_schema WHERE name = 'decision_fts'") }
        #expect(definition?.contains("prefix = '3 4 5 6 7 8'") == true, "\(definition ?? "no index")")
        let after = try words.map { try reopened.page(DecisionFilter(search: $0), offset: 0, limit: 10_000).map(\.id) }
        #expect(after == before)
        #expect(before.contains { !$0.isEmpty })
    }
}
