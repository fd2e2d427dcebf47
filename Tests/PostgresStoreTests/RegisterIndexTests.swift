import Foundation
import PostgresClient
import PostgresStore
import Testing

/// The register's order and its filters are served by indexes, as on SQLite, and the counts
/// per stage, flag, maker and year are kept by the server as the rows change.
@Suite(.enabled(if: TestServer.isConfigured, TestServer.disabledReason))
struct RegisterIndexTests {
    /// The plan PostgreSQL picks when it may neither scan the whole table nor sort: an index
    /// in the right order, or nothing reasonable.
    static func plan(_ server: PostgresConnection, _ sql: String) throws -> String {
        try server.strings("EXPLAIN " + sql).compactMap { $0 }.joined(separator: "\n")
    }

    @Test(arguments: [
        ("SELECT id FROM decision ORDER BY register_date DESC NULLS LAST, id DESC LIMIT 50", "decision_by_date"),
        ("SELECT id FROM decision ORDER BY register_date ASC NULLS FIRST, id ASC LIMIT 50", "decision_by_date"),
        ("SELECT id FROM decision WHERE is_key ORDER BY register_date DESC NULLS LAST, id DESC LIMIT 50", "decision_key"),
        ("SELECT id FROM decision WHERE urgent ORDER BY register_date DESC NULLS LAST, id DESC LIMIT 50", "decision_urgent"),
        ("SELECT id FROM decision WHERE call_in ORDER BY register_date DESC NULLS LAST, id DESC LIMIT 50", "decision_call_in"),
        ("SELECT id FROM decision WHERE exempt ORDER BY register_date DESC NULLS LAST, id DESC LIMIT 50", "decision_exempt"),
        ("SELECT id FROM decision WHERE stage = 'published' ORDER BY register_date DESC NULLS LAST, id DESC LIMIT 50", "decision_by_stage"),
        ("SELECT id FROM decision WHERE decision_maker = 'Cabinet' ORDER BY register_date DESC NULLS LAST, id DESC LIMIT 50", "decision_by_maker"),
        ("SELECT id FROM decision ORDER BY lower(title COLLATE \"C\"), id LIMIT 50", "decision_by_title"),
        ("SELECT id FROM decision ORDER BY next_deadline, id LIMIT 50", "decision_by_deadline"),
        ("SELECT id FROM decision_visible ORDER BY register_date DESC NULLS LAST, id DESC LIMIT 50", "decision_by_date"),
    ])
    func theRegistersOrderAndFiltersUseAnIndex(sql: String, index: String) throws {
        try withTestRegister { register in
            let server = try register.connectAsSuperuser()
            try server.execute("SET enable_seqscan = off")
            try server.execute("SET enable_sort = off")
            let plan = try Self.plan(server, sql)
            #expect(plan.contains("using \(index)") && !plan.contains("Sort"), "\(sql):\n\(plan)")
        }
    }

    @Test func theTallyFollowsEveryWrite() throws {
        try withTestRegister { register in
            let officer = try register.login(.officer)
            let first = try officer.insert(DecisionRow(title: "One", registerDate: "2026-01-05", stage: "proposed"))
            try officer.insert(DecisionRow(title: "Two", registerDate: "2026-03-01", stage: "proposed"))
            try officer.insert(DecisionRow(title: "Three", registerDate: nil, stage: "proposed"))
            try officer.execute("UPDATE decision SET stage = 'decided' WHERE id = $1", [.integer(first)])
            let tally = try officer.strings("SELECT year || ' ' || stage || ' ' || n FROM decision_tally WHERE n <> 0 ORDER BY 1")
            #expect(tally == [" proposed 1", "2026 decided 1", "2026 proposed 1"])
            try officer.execute("DELETE FROM decision WHERE id = $1", [.integer(first)])
            #expect(try officer.strings("SELECT sum(n)::text FROM decision_tally") == ["2"])
            // Nobody writes the counts by hand, not even an officer.
            #expect(officer.failure("UPDATE decision_tally SET n = 0")?.sqlState == SQLState.insufficientPrivilege)
        }
    }
}
