import Foundation
import PostgresClient
import Testing

@Suite(.enabled(if: TestServer.isConfigured, TestServer.disabledReason))
struct TransactionTests {
    private func count(_ connection: PostgresConnection, _ table: String) throws -> Int? {
        try connection.execute("SELECT count(*) FROM \(table)").single?.int(0)
    }

    @Test func aThrowRollsBackEverythingAndAReturnCommits() throws {
        try withScratchSchema { schema in
            let writer = try schema.connect(), reader = try schema.connect()
            try writer.execute("CREATE TABLE act (reference text)")
            #expect(throws: ThrownOnPurpose.self) {
                try writer.transaction { connection in
                    try connection.execute("INSERT INTO act VALUES ($1), ($2)", [.text("A1"), .text("A2")])
                    #expect(try count(connection, "act") == 2, "seen inside the transaction")
                    #expect(try count(reader, "act") == 0, "not seen outside it before COMMIT")
                    throw ThrownOnPurpose()
                }
            }
            #expect(!writer.isInTransaction)
            #expect(try count(reader, "act") == 0, "rolled back")
            #expect(try count(writer, "act") == 0)

            let returned = try writer.transaction { connection in
                try connection.execute("INSERT INTO act VALUES ($1)", [.text("B1")])
                return "kept"
            }
            #expect(returned == "kept")
            #expect(try count(reader, "act") == 1)
        }
    }

    @Test func aStatementErrorCaughtInsideTheTransactionIsNotReportedAsCommitted() throws {
        try withScratchSchema { schema in
            let connection = try schema.connect()
            try connection.execute("CREATE TABLE act (reference text PRIMARY KEY)")
            let error = #expect(throws: PostgresError.self) {
                try connection.transaction { connection in
                    try connection.execute("INSERT INTO act VALUES ('A1')")
                    _ = try? connection.execute("INSERT INTO act VALUES ('A1')")  // fails, and is swallowed
                }
            }
            #expect(error?.message.contains("rolled back") == true)
            #expect(!connection.isInTransaction)
            #expect(try count(connection, "act") == 0)
        }
    }

    @Test func aTransactionInsideATransactionIsRefused() throws {
        let connection = try TestServer.connectAsAdministrator()
        let error = #expect(throws: PostgresError.self) {
            try connection.transaction { connection in
                try connection.transaction { _ in }
            }
        }
        #expect(error?.kind == .usage)
        #expect(!connection.isInTransaction, "the outer one was rolled back")
    }

    @Test func theIsolationLevelAndReadOnlyModeAreTheOnesAskedFor() throws {
        try withScratchSchema { schema in
            let connection = try schema.connect()
            try connection.execute("CREATE TABLE act (reference text)")
            for level in IsolationLevel.allCases {
                let shown = try connection.transaction(level) { connection in
                    try connection.execute("SHOW transaction_isolation").single?.string(0)
                }
                #expect(shown == level.rawValue.lowercased())
            }
            let error = #expect(throws: PostgresError.self) {
                try connection.transaction(.repeatableRead, readOnly: true) { connection in
                    try connection.execute("INSERT INTO act VALUES ('A1')")
                }
            }
            #expect(error?.sqlState == "25006", "read_only_sql_transaction")
        }
    }

    @Test func aSerializationFailureIsDetectedAndNothingOfTheLoserIsWritten() throws {
        // Write skew: each transaction reads that two officers are on duty and takes one off.
        // Either alone is fine; both together would leave nobody, and SERIALIZABLE refuses one.
        try withScratchSchema { schema in
            let first = try schema.connect(), second = try schema.connect()
            try first.execute("CREATE TABLE on_call (officer text PRIMARY KEY, on_duty boolean NOT NULL)")
            try first.execute("INSERT INTO on_call VALUES ('ada', true), ('bo', true)")
            let onDuty = "SELECT count(*) FROM on_call WHERE on_duty"

            let error = try #require(#expect(throws: PostgresError.self) {
                try first.transaction(.serializable) { first in
                    #expect(try first.execute(onDuty).single?.int(0) == 2)
                    try second.transaction(.serializable) { second in
                        #expect(try second.execute(onDuty).single?.int(0) == 2)
                        try second.execute("UPDATE on_call SET on_duty = false WHERE officer = 'bo'")
                    }
                    try first.execute("UPDATE on_call SET on_duty = false WHERE officer = 'ada'")
                }
            })
            #expect(error.sqlState == SQLState.serializationFailure)
            #expect(error.isSerializationFailure && !error.isConnectionLost)
            #expect(!first.isInTransaction)
            let states = try first.execute("SELECT officer, on_duty FROM on_call ORDER BY officer")
            #expect(try states.map { [try $0.string("officer")!: try $0.bool("on_duty")!] } == [["ada": true], ["bo": false]])

            // Run again, the loser now sees the winner's write and decides otherwise.
            let tookOff = try first.transaction(.serializable) { first in
                guard try first.execute(onDuty).single?.int(0) == 2 else { return false }
                try first.execute("UPDATE on_call SET on_duty = false WHERE officer = 'ada'")
                return true
            }
            #expect(tookOff == false)
        }
    }
}
