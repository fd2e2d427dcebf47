import Foundation
import PostgresClient
import PostgresStore
import Decisions
import Testing

@Suite(.enabled(if: TestServer.isConfigured, TestServer.disabledReason))
struct WritePrivilegeTests {
    @Test func aViewerCannotWriteAnything() throws {
        try withTestRegister { register in
            let officer = try register.login(.officer)
            let decision = try officer.insert(DecisionRow(title: "Library opening hours"))
            let viewer = try register.login(.viewer)
            let attempts = [
                "INSERT INTO decision (natural_key, title, decision_maker, maker_kind, status, stage, is_key, call_in, urgent, exempt) VALUES ('k', 't', 'm', 'committee', 's', 'proposed', false, false, false, false)",
                "UPDATE decision SET title = 'renamed' WHERE id = \(decision)",
                "UPDATE decision SET stage = 'called_in' WHERE id = \(decision)",
                "DELETE FROM decision WHERE id = \(decision)",
                "INSERT INTO meeting (natural_key, body) VALUES ('m', 'Cabinet')",
                "INSERT INTO audit (action) VALUES ('decide')",
                "INSERT INTO setting (key, value) VALUES ('rules', '{}')",
                "UPDATE person SET role = 'admin'",
                "INSERT INTO call_in_request (decision_id, opened_at) VALUES (\(decision), '2026-11-03T10:00:00Z')",
                "INSERT INTO action (text, due) VALUES ('x', '2026-12-01')",
                "UPDATE decision_tally SET n = 0",
                "TRUNCATE meeting",
                "SELECT register_add_login('friend', 'admin')",
            ]
            for sql in attempts {
                let error = viewer.failure(sql)
                #expect(error?.sqlState == SQLState.insufficientPrivilege, "\(sql) gave \(error.map(String.init(describing:)) ?? "success")")
            }
            #expect(try viewer.strings("SELECT title FROM decision") == ["Library opening hours"])

            // And whatever the table, nothing: every table of the register, every kind of write.
            let tables = try viewer.strings("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' ORDER BY 1").compactMap { $0 }
            #expect(tables.count >= 16, "\(tables)")
            for table in tables {
                let column = try #require(try viewer.strings("""
                    SELECT attname::text FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped
                      AND attgenerated = '' ORDER BY attnum LIMIT 1
                    """, [.text(table)]).first ?? nil)
                for sql in ["INSERT INTO \(table) DEFAULT VALUES", "UPDATE \(table) SET \(column) = \(column)", "DELETE FROM \(table)",
                            "TRUNCATE \(table)"] {
                    let error = viewer.failure(sql)
                    #expect(error?.sqlState == SQLState.insufficientPrivilege, "\(sql) gave \(error.map(String.init(describing:)) ?? "success")")
                }
            }
        }
    }

    @Test func aMemberSignsACallInAndMayCallItInButChangeNothingElse() throws {
        try withTestRegister { register in
            let officer = try register.login(.officer)
            let decision = try officer.insert(DecisionRow(title: "Library opening hours"))
            let member = try register.login(.member)
            try member.execute("INSERT INTO call_in_request (decision_id, opened_at) VALUES ($1, '2026-11-03T10:00:00Z')", [.integer(decision)])
            try member.execute("INSERT INTO audit (decision_id, action) VALUES ($1, 'call-in-sign')", [.integer(decision)])
            #expect(member.failure("UPDATE decision SET title = 'renamed' WHERE id = $1", [.integer(decision)])?.sqlState
                == SQLState.insufficientPrivilege)
            #expect(member.failure("UPDATE decision SET stage = 'effective' WHERE id = $1", [.integer(decision)])?.sqlState
                == SQLState.insufficientPrivilege)
            try member.execute("UPDATE decision SET stage = 'called_in', version = version + 1 WHERE id = $1", [.integer(decision)])
            #expect(try officer.strings("SELECT stage FROM decision WHERE id = $1", [.integer(decision)]) == ["called_in"])
        }
    }

    @Test func aDecisionMakerChangesOnlyTheDecisionsTheyDecideFor() throws {
        try withTestRegister { register in
            let officer = try register.login(.officer)
            let theirs = try officer.insert(DecisionRow(title: "Road repairs", maker: "Highways Cabinet Member - 2026-2027", stage: "proposed"))
            let others = try officer.insert(DecisionRow(title: "School places", maker: "Children Cabinet Member", stage: "proposed"))
            let maker = try register.login(.decisionMaker, makers: ["Highways Cabinet Member"])
            try maker.execute("UPDATE decision SET stage = 'decided' WHERE id = $1", [.integer(theirs)])
            #expect(maker.failure("UPDATE decision SET stage = 'decided' WHERE id = $1", [.integer(others)])?.sqlState
                == SQLState.insufficientPrivilege)
            #expect(try officer.strings("SELECT stage FROM decision ORDER BY id") == ["decided", "proposed"])
        }
    }
}
