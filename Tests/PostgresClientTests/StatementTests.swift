import Foundation
import PostgresClient
import Testing

@Suite(.enabled(if: TestServer.isConfigured, TestServer.disabledReason))
struct ParameterAndRowTests {
    @Test func everyKindOfValueRoundTripsThroughATable() throws {
        try withScratchSchema { schema in
            let connection = try schema.connect()
            try connection.execute("""
                CREATE TABLE sample (id bigint PRIMARY KEY, title text, votes bigint, carried boolean,
                                     share double precision, scan bytea)
                """)
            let title = "Ünïcødé — 日本語 🏛️ e\u{0301} \u{202E}reversed 'quoted' \"double\" \\ back"
            let everyByte = Data((0...255).map { UInt8($0) })
            try connection.execute(
                "INSERT INTO sample VALUES ($1, $2, $3, $4, $5, $6), ($7, $8, $9, $10, $11, $12)",
                [.integer(1), .text(title), .integer(Int64.max), .bool(true), .double(1.0 / 3.0), .bytea(everyByte),
                 .integer(2), .null, .integer(Int64.min), .bool(false), .double(-.infinity), .bytea(Data())])
            try connection.execute("INSERT INTO sample (id) VALUES ($1)", [.integer(3)])

            let rows = try connection.execute("SELECT id, title, votes, carried, share, scan FROM sample ORDER BY id")
            #expect(rows.count == 3)
            #expect(rows.columnNames == ["id", "title", "votes", "carried", "share", "scan"])
            let first = rows[0], second = rows[1], third = rows[2]
            #expect(try first.int("id") == 1)
            #expect(try first.string("title") == title)
            #expect(try first.string(1) == title, "by index as by name")
            #expect(try first.int64("votes") == Int64.max)
            #expect(try first.bool("carried") == true)
            #expect(try first.double("share") == 1.0 / 3.0, "float8 text keeps every bit")
            #expect(try first.data("scan") == everyByte, "NULs and backslashes included")

            #expect(try second.string("title") == nil)
            #expect(try second.isNull("title"))
            #expect(try second.int64("votes") == Int64.min)
            #expect(try second.bool("carried") == false)
            #expect(try second.double("share") == -.infinity)
            #expect(try second.data("scan") == Data(), "an empty bytea is not NULL")
            #expect(try !second.isNull("scan"))

            for column in ["title", "votes", "carried", "share", "scan"] {
                #expect(try third.isNull(.name(column)), "\(column) was inserted as NULL")
            }
            #expect(try third.int64("votes") == nil && third.bool("carried") == nil && third.data("scan") == nil)
        }
    }

    @Test func parametersKeepTheirTypesWithoutACast() throws {
        let connection = try TestServer.connectAsAdministrator()
        let row = try #require(try connection.execute(
            """
            SELECT $1 AS big, $2 AS flag, $3 AS ratio, $4 AS bytes, $5 AS nothing, pg_typeof($1)::text AS big_type,
                   $6 AS small, pg_typeof($6)::text AS small_type, substr('abcdef', $6, $7) AS part
            """,
            [.integer(9_007_199_254_740_993), .bool(true), .double(0.1), .bytea(Data([0, 92, 255])), .null,
             .integer(2), .integer(3)]).single)
        #expect(try row.value("big") == .integer(9_007_199_254_740_993), "beyond a double's exact integers")
        #expect(try row.value("flag") == .bool(true))
        #expect(try row.value("ratio") == .double(0.1))
        #expect(try row.value("bytes") == .bytea(Data([0, 92, 255])))
        #expect(try row.value("nothing") == .null)
        #expect(try row.string("big_type") == "bigint")
        #expect(try row.value("small") == .integer(2))
        #expect(try row.string("small_type") == "integer", "small enough for a function taking int4")
        #expect(try row.string("part") == "bcd")
    }

    @Test func textTakesTheTypeTheStatementGivesIt() throws {
        // Sent as "unknown", so a timestamptz or jsonb column takes text as a literal would.
        let connection = try TestServer.connectAsAdministrator()
        let row = try #require(try connection.execute(
            "SELECT $1::timestamptz AT TIME ZONE 'UTC' AS moment, ($2::jsonb)->>'a' AS field",
            [.text("2026-11-23 10:00:00+00"), .text(#"{"a": "ü"}"#)]).single)
        #expect(try row.string("moment") == "2026-11-23 10:00:00")
        #expect(try row.string("field") == "ü")
    }

    @Test func aParameterIsNeverSplicedIntoTheSQL() throws {
        try withScratchSchema { schema in
            let connection = try schema.connect()
            try connection.execute("CREATE TABLE note (body text)")
            let hostile = "x'); DROP TABLE note; --"
            try connection.execute("INSERT INTO note VALUES ($1)", [.text(hostile)])
            #expect(try connection.execute("SELECT body FROM note").single?.string("body") == hostile)
        }
    }

    @Test func textWithANULIsRefusedRatherThanCutShort() throws {
        try withScratchSchema { schema in
            let connection = try schema.connect()
            try connection.execute("CREATE TABLE note (body text)")
            let error = #expect(throws: PostgresError.self) {
                try connection.execute("INSERT INTO note VALUES ($1)", [.text("before\u{0}after")])
            }
            #expect(error?.kind == .usage)
            #expect(try connection.execute("SELECT count(*) FROM note").single?.int("count") == 0, "nothing half-sent")
        }
    }

    @Test func readingACellAsTheWrongTypeThrowsInsteadOfGuessing() throws {
        let connection = try TestServer.connectAsAdministrator()
        let row = try #require(try connection.execute(
            #"SELECT 'abc' AS word, 'yes' AS answer, 3000000000 AS big, '\x4G' AS not_hex, 'a\9' AS not_escape"#).single)
        #expect(throws: PostgresError.self) { try row.int64("word") }
        #expect(throws: PostgresError.self) { try row.int("word") }
        #expect(throws: PostgresError.self) { try row.bool("answer") }
        #expect(throws: PostgresError.self) { try row.data("not_hex") }
        #expect(throws: PostgresError.self) { try row.data("not_escape") }
        #expect(try row.data("word") == Data("abc".utf8), "plain text is valid bytea escape format")
        #expect(try row.int64("big") == 3_000_000_000)
        let missing = #expect(throws: PostgresError.self) { try row.string("absent") }
        #expect(missing?.kind == .decoding)
        #expect(throws: PostgresError.self) { try row.string(5) }  // five columns: 0 to 4
    }

    @Test func affectedRowsAndTheCommandTagAreReported() throws {
        try withScratchSchema { schema in
            let connection = try schema.connect()
            try connection.execute("CREATE TABLE item (n int)")
            let insert = try connection.execute("INSERT INTO item SELECT generate_series(1, 5)")
            #expect(insert.affectedRowCount == 5 && insert.commandTag == "INSERT 0 5")
            #expect(try connection.execute("UPDATE item SET n = n + 1 WHERE n > $1", [.integer(2)]).affectedRowCount == 3)
            #expect(try connection.execute("DELETE FROM item WHERE n = $1", [.integer(100)]).affectedRowCount == 0)
            let rows = try connection.execute("SELECT n FROM item ORDER BY n")
            #expect(try rows.map { try $0.int(0)! } == [1, 2, 4, 5, 6])
        }
    }

    @Test func aScriptRunsSeveralStatements() throws {
        try withScratchSchema { schema in
            let connection = try schema.connect()
            let last = try connection.executeScript("""
                CREATE TABLE a (n int); INSERT INTO a VALUES (1), (2);
                CREATE TABLE b AS SELECT n * 10 AS m FROM a; SELECT sum(m) AS total FROM b;
                """)
            #expect(try last.single?.int64("total") == 30)
        }
    }
}

@Suite(.enabled(if: TestServer.isConfigured, TestServer.disabledReason))
struct ServerErrorTests {
    @Test func aUniqueViolationCarriesItsSQLStateMessageDetailAndStatement() throws {
        try withScratchSchema { schema in
            let connection = try schema.connect()
            try connection.execute("CREATE TABLE decision (reference text CONSTRAINT decision_reference_key UNIQUE)")
            let insert = "INSERT INTO decision VALUES ($1)"
            try connection.execute(insert, [.text("KD-2026-001")])
            let error = try #require(#expect(throws: PostgresError.self) {
                try connection.execute(insert, [.text("KD-2026-001")])
            })
            #expect(error.kind == .server)
            #expect(error.sqlState == "23505" && error.isUniqueViolation)
            #expect(!error.isSerializationFailure && !error.isConnectionLost)
            #expect(error.message.contains("decision_reference_key"), "\(error.message)")
            #expect(error.detail == "Key (reference)=(KD-2026-001) already exists.")
            #expect(error.statement == insert)
            #expect(String(describing: error).contains("23505"))
            // The connection is usable after a failed statement outside a transaction.
            #expect(try connection.execute("SELECT count(*) FROM decision").single?.int(0) == 1)
        }
    }

    @Test func aSyntaxErrorAndAMissingTableHaveTheirOwnCodes() throws {
        let connection = try TestServer.connectAsAdministrator()
        let syntax = #expect(throws: PostgresError.self) { try connection.execute("SELEC 1") }
        #expect(syntax?.sqlState == "42601")
        let missing = #expect(throws: PostgresError.self) { try connection.execute("SELECT * FROM no_such_table_here") }
        #expect(missing?.sqlState == SQLState.undefinedTable)
    }

    @Test func anErrorRaisedInPlpgsqlCarriesItsHintAndContext() throws {
        let connection = try TestServer.connectAsAdministrator()
        let error = try #require(#expect(throws: PostgresError.self) {
            try connection.execute("""
                DO $$ BEGIN RAISE EXCEPTION 'the call-in period has not ended' USING ERRCODE = 'check_violation',
                  DETAIL = 'five clear working days', HINT = 'wait until Monday'; END $$
                """)
        })
        #expect(error.sqlState == SQLState.checkViolation)
        #expect(error.message == "the call-in period has not ended")
        #expect(error.detail == "five clear working days")
        #expect(error.hint == "wait until Monday")
        #expect(error.serverContext?.contains("PL/pgSQL") == true, "\(error.serverContext ?? "no context")")
    }

    @Test func serializationFailureAndDeadlockAreToldApartFromOtherErrors() throws {
        let connection = try TestServer.connectAsAdministrator()
        for (code, retryable) in [("40001", true), ("40P01", true), ("23505", false), ("22012", false)] {
            let error = #expect(throws: PostgresError.self) {
                try connection.execute("DO $$ BEGIN RAISE EXCEPTION 'raised' USING ERRCODE = '\(code)'; END $$")
            }
            #expect(error?.sqlState == code)
            #expect(error?.isSerializationFailure == retryable, "\(code)")
        }
    }
}
