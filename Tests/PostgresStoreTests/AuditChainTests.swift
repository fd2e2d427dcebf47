import Foundation
import GRDB
import PostgresClient
import PostgresStore
@testable import DecisionStore
import Decisions
import Testing

@Suite(.enabled(if: TestServer.isConfigured, TestServer.disabledReason))
struct AuditChainTests {
    static func entry(_ row: PostgresRow) throws -> AuditEntry {
        let changes = try JSONDecoder().decode([FieldChange].self, from: Data((try row.string("changes") ?? "[]").utf8))
        return AuditEntry(
            sequence: try row.int64("sequence") ?? -1, decisionID: try row.int64("decision_id"), at: try row.string("at") ?? "",
            login: try row.string("login") ?? "", action: try row.string("action") ?? "", stageBefore: try row.string("stage_before"),
            stageAfter: try row.string("stage_after"), reason: try row.string("reason"), changes: changes,
            previousHash: try row.string("previous_hash") ?? "", hash: try row.string("hash") ?? "")
    }

    @Test func theServerComputesTheHashTheSwiftCodeDoes() throws {
        try withTestRegister { register in
            let officer = try register.login(.officer)
            let decision = try officer.insert(DecisionRow(title: "Café licence – Ünïcode ✓"))
            // Text with multi-byte characters, a nil before, a newline: the byte counts must agree.
            let changes = [FieldChange(field: "stage", before: nil, after: "decided"),
                           FieldChange(field: "resolutions", before: "(a) old\nline", after: "(a) Café – approved ✓")]
            let inserted = try officer.execute("""
                INSERT INTO audit (decision_id, action, stage_before, stage_after, reason, changes)
                VALUES ($1, 'decide', 'proposed', 'decided', $2, $3) RETURNING *
                """, [.integer(decision), .text("Ünïcode reason ✓"), .text(DecisionColumns.json(changes))])
            let stored = try Self.entry(try #require(inserted.single))
            #expect(stored.hash.count == 64)
            #expect(stored.computedHash == stored.hash, "payload:\n\(stored.canonicalPayload)")
            #expect(stored.changes == changes)
            // Chained to the entries before it (the installer's, and the officer's login given by
            // register_add_login), and written as the officer.
            let earlier = try officer.execute("SELECT * FROM audit WHERE sequence < $1 ORDER BY sequence", [.integer(stored.sequence)])
                .map(Self.entry)
            #expect(earlier.map(\.sequence) == [1, 2])
            #expect(earlier.map(\.previousHash) == ["", earlier[0].hash])
            #expect(earlier.allSatisfy { $0.computedHash == $0.hash })
            #expect(stored.sequence == 3 && stored.previousHash == earlier[1].hash)
            #expect(stored.login == (try officer.strings("SELECT session_user::text").first ?? nil))
            #expect(try officer.strings("SELECT value FROM setting WHERE key = 'audit-head'") == ["3:\(stored.hash)"])
        }
    }

    @Test func aSQLiteTrailCopiesWithItsOwnHashesAndAnAlteredEntryIsRefused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(TestServer.uniqueName("audit"))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("register.sqlite").path
        let store = try DecisionStore(path: path, creator: "clerk")
        try store.importRecords([ImportedRecords(decisions: [
            Decision(title: "Mobile library – Ünïcode", decisionMaker: "Cabinet", status: "Approved", decisionDate: CivilDate(iso: "2026-11-02"),
                     purpose: "A route", resolutions: [Resolution(label: "(a)", text: "Approve ✓")]),
        ])], login: "clerk")
        try store.setPerson(Actor(login: "jsmith", role: .officer), by: Actor(login: "clerk", role: .admin))
        let sqlite = try DatabaseQueue(path: path)
        let trail = try sqlite.read { db in try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY sequence") }
        #expect(trail.count >= 3)

        try withTestRegister { register in
            let server = try register.connectAsSuperuser()
            // Start from an empty trail: only the owner role may, which is what it is for.
            try server.executeScript("""
                SET ROLE \(register.roles.owner); TRUNCATE audit; UPDATE audit_chain_head SET sequence = 0, hash = '';
                DELETE FROM setting WHERE key = 'audit-head'; RESET ROLE;
                """)
            let insert = """
                INSERT INTO audit (sequence, decision_id, at, login, action, stage_before, stage_after, reason, changes, previous_hash, hash)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                """
            func values(_ row: Row, reason: String? = nil) -> [PostgresValue] {
                [.integer(row["sequence"] as Int64), .optional(row["decision_id"] as Int64?), .text(row["at"]), .text(row["login"]),
                 .text(row["action"]), .optional(row["stage_before"] as String?), .optional(row["stage_after"] as String?),
                 .optional(reason ?? row["reason"] as String?), .text(row["changes"]), .text(row["previous_hash"]), .text(row["hash"])]
            }
            // The last entry with one word changed but its hash kept: the server's hash differs.
            let altered = server.failure(insert, values(trail[0], reason: "rewritten"))
            #expect(altered?.sqlState == "23000", "\(altered.map(String.init(describing:)) ?? "accepted")")
            for row in trail { try server.execute(insert, values(row)) }
            #expect(try server.strings("SELECT hash FROM audit ORDER BY sequence") == trail.map { $0["hash"] as String })
        }
    }

    @Test func aForgedSequenceOrPreviousHashIsRefused() throws {
        try withTestRegister { register in
            let officer = try register.login(.officer)
            let forged = String(repeating: "f", count: 64)
            let previous = officer.failure("INSERT INTO audit (action, previous_hash) VALUES ('decide', $1)", [.text(forged)])
            #expect(previous?.sqlState == "23000")
            let sequence = officer.failure("INSERT INTO audit (sequence, action) VALUES (99, 'decide')")
            #expect(sequence?.sqlState == "23000")
            let hash = officer.failure("INSERT INTO audit (action, hash) VALUES ('decide', $1)", [.text(forged)])
            #expect(hash?.sqlState == "23000")
            let someoneElse = officer.failure("INSERT INTO audit (action, login) VALUES ('decide', 'the-chief-executive')")
            #expect(someoneElse?.sqlState == SQLState.insufficientPrivilege)
            let backdated = officer.failure("INSERT INTO audit (action, at) VALUES ('decide', '2020-01-01T00:00:00Z')")
            #expect(backdated?.sqlState == "23000")
            // Nor can the head be moved by hand.
            #expect(officer.failure("UPDATE setting SET value = '1:x' WHERE key = 'audit-head'")?.sqlState == SQLState.insufficientPrivilege)
            #expect(officer.failure("UPDATE audit_chain_head SET sequence = 0")?.sqlState == SQLState.insufficientPrivilege)
            // With nothing forged, the server fills in the chain.
            try officer.execute("INSERT INTO audit (action) VALUES ('decide')")
            #expect(try officer.strings("SELECT sequence::text FROM audit ORDER BY sequence") == ["1", "2", "3"])
        }
    }

    @Test(arguments: [Role.admin, .officer, .viewer])
    func nobodyChangesOrDeletesAnEntry(role: Role) throws {
        try withTestRegister { register in
            let login = try register.login(role)
            for sql in ["UPDATE audit SET reason = 'rewritten'", "DELETE FROM audit", "TRUNCATE audit"] {
                let error = login.failure(sql)
                #expect(error?.sqlState == SQLState.insufficientPrivilege, "\(role): \(sql) gave \(error.map(String.init(describing:)) ?? "success")")
            }
            // Not even a superuser, unless they become the owner role on purpose.
            let superuser = try register.connectAsSuperuser()
            for sql in ["UPDATE audit SET reason = 'rewritten'", "DELETE FROM audit", "TRUNCATE audit"] {
                #expect(superuser.failure(sql)?.sqlState == SQLState.insufficientPrivilege, "superuser: \(sql)")
            }
            #expect(try superuser.strings("SELECT count(*)::text FROM audit WHERE reason IS DISTINCT FROM 'rewritten'") == ["2"])
        }
    }
}

/// Writers at once: the chain stays one unbroken line, each entry's hash the Swift one.
@Suite(.enabled(if: TestServer.isConfigured, TestServer.disabledReason))
struct ConcurrentAuditTests {
    @Test func concurrentWritersKeepOneChain() throws {
        try withTestRegister { register in
            let writers = try (0..<4).map { _ in try register.makeLogin(.officer) }
            let failures = Failures()
            DispatchQueue.concurrentPerform(iterations: writers.count) { index in
                do {
                    let connection = try PostgresConnection(info: writers[index])
                    for n in 0..<25 {
                        try connection.transaction { connection -> Void in
                            try connection.execute("INSERT INTO audit (action, reason) VALUES ('decide', $1)", [.text("writer \(index) entry \(n)")])
                        }
                    }
                } catch {
                    failures.add("\(error)")
                }
            }
            #expect(failures.all.isEmpty, "\(failures.all)")
            let server = try register.connectAsSuperuser()
            let trail = try server.execute("SELECT * FROM audit ORDER BY sequence").map(AuditChainTests.entry)
            #expect(trail.count == 1 + 4 + 100)
            #expect(trail.map(\.sequence) == Array(1...Int64(trail.count)))
            for (index, entry) in trail.enumerated() {
                #expect(entry.previousHash == (index == 0 ? "" : trail[index - 1].hash), "entry \(entry.sequence) is not chained")
                #expect(entry.computedHash == entry.hash, "entry \(entry.sequence)")
            }
        }
    }
}

private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []
    func add(_ message: String) { lock.withLock { messages.append(message) } }
    var all: [String] { lock.withLock { messages } }
}
