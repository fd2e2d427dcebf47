import Foundation
import PostgresClient
import PostgresStore
import Decisions
import Testing

/// A viewer or member connecting with psql, as themselves, cannot read an exempt decision's
/// text through any table, view or function; they still read its public fields, and every
/// field of an open decision.
@Suite(.enabled(if: TestServer.isConfigured, TestServer.disabledReason))
struct ExemptAccessTests {
    static let secret = "Redundancy terms for the named employee"

    /// An officer records an open and an exempt decision, with an agenda item, an action and an
    /// audit entry that quote the exempt one's text.
    static func record(_ register: TestRegister) throws -> (open: Int64, exempt: Int64) {
        let officer = try register.login(.officer)
        let open = try officer.insert(DecisionRow(title: "Library opening hours", purpose: "Longer opening on Saturdays"))
        let exempt = try officer.insert(DecisionRow(
            title: "Staffing restructure", maker: "Resources Cabinet Member", exempt: true, purpose: secret,
            decisionText: secret, resolutionsJSON: "[{\"label\":\"(a)\",\"text\":\"\(secret)\"}]", reasons: secret))
        let meeting = try #require(try officer.execute(
            "INSERT INTO meeting (natural_key, body, date) VALUES ('m1', 'Cabinet', '2026-11-02') RETURNING id").single?.int64("id"))
        try officer.execute("""
            INSERT INTO agenda_item (meeting_id, position, title, text, minutes, is_restricted, decision_id)
            VALUES ($1, 1, 'Staffing restructure', $2, $2, true, $3)
            """, [.integer(meeting), .text(secret), .integer(exempt)])
        try officer.execute("INSERT INTO action (text, due, decision_id) VALUES ($1, '2026-12-01', $2)", [.text(secret), .integer(exempt)])
        try officer.execute("""
            INSERT INTO interest_declaration (agenda_item_id, member, kind, detail)
            SELECT id, 'Cllr Smith', 'other registrable', $1 FROM agenda_item WHERE decision_id = $2
            """, [.text(secret), .integer(exempt)])
        try officer.execute("""
            INSERT INTO audit (decision_id, action, stage_before, stage_after, reason, changes)
            VALUES ($1, 'decide', 'proposed', 'decided', $2, $3)
            """, [.integer(exempt), .text(secret),
                  .text("[{\"after\":\"decided\",\"before\":\"proposed\",\"field\":\"stage\"},{\"after\":\"\(secret)\",\"field\":\"resolutions\"}]")])
        return (open, exempt)
    }

    /// Every way a restricted reader might ask for the text, none of which may return it.
    static func expectNoSecret(_ reader: PostgresConnection, exempt: Int64) throws {
        // Every column of every table and view in the register this reader may select: none holds
        // the text, nor its stem ("redund"). The tables and views are counted so that a reader who
        // could select nothing would not pass for one who was shown nothing.
        let readable = try reader.execute("""
            SELECT c.table_name::text, c.column_name::text FROM information_schema.columns c
            WHERE c.table_schema = 'public' AND has_column_privilege(quote_ident(c.table_name), c.column_name, 'SELECT')
            ORDER BY 1, 2
            """).map { (try $0.string(0) ?? "", try $0.string(1) ?? "") }
        #expect(Set(readable.map(\.0)).isSuperset(of: ["decision", "decision_visible", "audit", "audit_visible", "agenda_item_visible"]))
        for (table, column) in readable {
            let found = try reader.strings("SELECT count(*)::text FROM \(table) WHERE \(column)::text ILIKE '%redund%'")
            #expect(found == ["0"], "\(table).\(column) shows the exempt text")
        }
        for sql in [
            "SELECT purpose FROM decision WHERE id = $1", "SELECT * FROM decision WHERE id = $1",
            "SELECT search_vector::text FROM decision WHERE id = $1", "SELECT d::text FROM decision d WHERE id = $1",
            "SELECT text FROM agenda_item WHERE decision_id = $1", "SELECT minutes FROM agenda_item WHERE decision_id = $1",
            "SELECT changes FROM audit WHERE decision_id = $1", "SELECT reason FROM audit WHERE decision_id = $1",
            "SELECT audit_canonical_payload(a) FROM audit a WHERE decision_id = $1",
            "SELECT text FROM action WHERE decision_id = $1", "SELECT record FROM removed_decision WHERE id = $1",
            "SELECT detail FROM interest_declaration WHERE agenda_item_id IN (SELECT id FROM agenda_item WHERE decision_id = $1)",
        ] {
            let error = reader.failure(sql, [.integer(exempt)])
            #expect(error?.sqlState == SQLState.insufficientPrivilege, "\(sql) gave \(error.map(String.init(describing:)) ?? "rows")")
        }
        // The views answer, with the text withheld.
        let everything = try reader.execute("""
            SELECT concat_ws('|', v::text, (SELECT string_agg(a::text, '|') FROM agenda_item_visible a WHERE a.decision_id = v.id),
                (SELECT string_agg(a::text, '|') FROM audit_visible a WHERE a.decision_id = v.id),
                (SELECT string_agg(a::text, '|') FROM action_visible a WHERE a.decision_id = v.id),
                (SELECT string_agg(i::text, '|') FROM interest_declaration_visible i JOIN agenda_item a ON a.id = i.agenda_item_id
                 WHERE a.decision_id = v.id))
            FROM decision_visible v WHERE id = $1
            """, [.integer(exempt)]).single?.string(0)
        let text = try #require(everything)
        #expect(!text.contains("Redundancy") && !text.contains("employee"), "the views show: \(text)")
        #expect(text.contains("Staffing restructure") && text.contains("Cllr Smith"))
        // Nor can a search find the text's words, nor the vector show them.
        #expect(try reader.strings("""
            SELECT id::text FROM decision_visible WHERE search_vector @@ search_query('{redundancy}') OR public_search_vector @@ search_query('{employee}')
            """).isEmpty)
        #expect(try reader.strings("SELECT public_search_vector::text FROM decision WHERE id = $1", [.integer(exempt)])
            .allSatisfy { !($0 ?? "").contains("redund") })
    }

    @Test(arguments: [Role.viewer, .member])
    func aRestrictedReaderSeesPublicFieldsOnly(role: Role) throws {
        try withTestRegister { register in
            let (open, exempt) = try Self.record(register)
            let reader = try register.login(role)
            try Self.expectNoSecret(reader, exempt: exempt)

            // The exempt decision's public fields, from the table itself and from the view.
            let row = try #require(try reader.execute(
                "SELECT title, decision_maker, exempt, exempt_paragraphs, stage FROM decision WHERE id = $1", [.integer(exempt)]).single)
            #expect(try row.string("title") == "Staffing restructure")
            #expect(try row.bool("exempt") == true)
            #expect(try row.string("exempt_paragraphs") == "[3]")
            let viewed = try #require(try reader.execute(
                "SELECT title, purpose, resolutions, readable FROM decision_visible WHERE id = $1", [.integer(exempt)]).single)
            #expect(try viewed.string("title") == "Staffing restructure")
            #expect(try viewed.isNull("purpose"))
            #expect(try viewed.string("resolutions") == "[]")
            #expect(try viewed.bool("readable") == false)
            // The stage change on the trail is public; the resolutions' text is not.
            let changes = try #require(try reader.strings("SELECT changes FROM audit_visible WHERE decision_id = $1", [.integer(exempt)]).first ?? nil)
            #expect(changes.contains("\"decided\""))
            #expect(changes.contains("Withheld"))

            // An open decision reads in full.
            #expect(try reader.strings("SELECT purpose FROM decision_visible WHERE id = $1", [.integer(open)]) == ["Longer opening on Saturdays"])
            #expect(try reader.strings("SELECT id::text FROM decision_visible WHERE public_search_vector @@ search_query('{saturd}')")
                == [String(open)])
        }
    }

    @Test func anOfficerReadsExemptTextInFull() throws {
        try withTestRegister { register in
            let (_, exempt) = try Self.record(register)
            let officer = try register.login(.officer)
            #expect(try officer.strings("SELECT purpose FROM decision WHERE id = $1", [.integer(exempt)]) == [Self.secret])
            #expect(try officer.strings("SELECT purpose FROM decision_visible WHERE id = $1", [.integer(exempt)]) == [Self.secret])
            #expect(try officer.strings("SELECT text FROM agenda_item_visible WHERE decision_id = $1", [.integer(exempt)]) == [Self.secret])
            #expect(try officer.strings("SELECT reason FROM audit_visible WHERE decision_id = $1", [.integer(exempt)]) == [Self.secret])
            #expect(try officer.strings("SELECT id::text FROM decision WHERE search_vector @@ search_query('{redundancy}')") == [String(exempt)])
        }
    }

    @Test func aDecisionMakerReadsTheirOwnExemptDecisionsOnly() throws {
        try withTestRegister { register in
            let (_, exempt) = try Self.record(register)
            // "Resources Cabinet Member" decides for "Resources Cabinet Member - 2026-2027" too.
            let theirs = try register.login(.decisionMaker, makers: ["resources cabinet member"])
            #expect(try theirs.strings("SELECT purpose FROM decision_visible WHERE id = $1", [.integer(exempt)]) == [Self.secret])
            #expect(theirs.failure("SELECT purpose FROM decision WHERE id = $1", [.integer(exempt)])?.sqlState == SQLState.insufficientPrivilege)
            let another = try register.login(.decisionMaker, makers: ["Children and Families Cabinet Member"])
            try Self.expectNoSecret(another, exempt: exempt)
            // A temporary table of their own, first on their search path, says nothing to the server.
            try another.execute("CREATE TEMP TABLE person (login text, role text, makers text)")
            try another.execute("INSERT INTO person VALUES (current_user, 'decision_maker', '[\"Resources Cabinet Member\"]')")
            try Self.expectNoSecret(another, exempt: exempt)
        }
    }
}
