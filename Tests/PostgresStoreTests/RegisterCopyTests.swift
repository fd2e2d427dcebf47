import Foundation
import GRDB
import PostgresClient
import PostgresStore
import DecisionStore
import Decisions
import Desk
import Testing

@Suite(.enabled(if: TestServer.isConfigured, TestServer.disabledReason))
struct RegisterCopyTests {
    /// A temporary directory for one test's SQLite files, removed at the end.
    final class Directory {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(TestServer.uniqueName("copy"))
        init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: url) }
        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    }

    /// A register with what every table can hold: synthetic decisions (exempt ones among them)
    /// loaded in bulk, a meeting with agenda items and minutes, people, an action, a measure, and
    /// acts through the Desk, so that the trail has entries per record as well as for the load.
    static func makeSource(at path: String, decisions: Int = 200) throws -> (store: DecisionStore, acts: Int) {
        // Dated up to the system's today, which acts are dated by: some decisions are still open to call-in.
        let today = CivilDate.systemToday()
        let store = try DecisionStore(path: path, creator: "clerk")
        let synthetic = SyntheticRegister(seed: 11, today: today, spanDays: 365)
        try store.bulkInsert(login: "clerk", reason: "test register") { batch in batch == 0 ? (0..<decisions).map(synthetic.decision) : nil }
        try store.importRecords([ImportedRecords(decisions: SearchParityTests.decisions, meetings: [SearchParityTests.meeting])], login: "clerk")
        let desk = try Desk(store: store, login: "clerk", clock: SystemClock(), calendar: .englandAndWales)
        try desk.setPerson(Actor(login: "jsmith", role: .officer))
        try desk.setPerson(Actor(login: "cllr.jones", role: .decisionMaker, makers: ["Cabinet"]))
        _ = try desk.addAction(FollowUpAction(text: "Report progress – Ünïcode ✓", due: CivilDate(iso: "2026-12-01")!,
                                              recurrence: .months(2), decisionID: 1))
        _ = try desk.saveMeasure(Measure(plan: "Improvement plan", name: "Days to publish", unit: "days", baseline: 7.5, target: 2,
                                         targetDate: CivilDate(iso: "2027-03-31"), higherIsBetter: false,
                                         readings: [Reading(date: CivilDate(iso: "2026-10-01")!, value: 6.25)]))
        let agendaItem = try DatabaseQueue(path: path).read { db in try Int64.fetchOne(db, sql: "SELECT min(id) FROM agenda_item") }
        _ = try desk.declareInterest(InterestDeclaration(agendaItemID: try #require(agendaItem), member: "Cllr Jones",
                                                         kind: .otherRegistrable, detail: "Allotment holder"))
        let total = Int64(try store.count(DecisionFilter()))
        // Whatever the workflow allows on the first records: each success is an entry on the trail.
        var acts = 0
        for id in Int64(1)...min(40, total) {
            for kind in [TransitionKind.withdraw, .defer, .publish] {
                if case .success = try desk.perform(id: id, Act(kind: kind, reason: "test of the copy")) { acts += 1; break }
            }
        }
        // A signature from a paper request on the first decision still open to call-in, and a
        // duplicate removed (one no act has touched): the workflow decides which qualify.
        for id in 1...total {
            if case .success = try desk.recordPaperSignature(id: id, member: "Cllr Patel", signedOn: nil, reason: "paper request",
                                                             grounds: "Not consulted") { break }
        }
        for id in stride(from: total, through: 1, by: -1) where (try? desk.removeDuplicate(id: id, reason: "entered twice")) != nil { break }
        return (store, acts)
    }

    /// Every copied and derived table of an SQLite register, rows in a stable order.
    static func contents(_ path: String) throws -> [String: [[DatabaseValue]]] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            var tables: [String: [[DatabaseValue]]] = [:]
            for table in RawTables.copied {
                tables[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table)").map { Array($0.databaseValues) }
                    .sorted { $0.description < $1.description }
            }
            // The tally's triggers leave a count of 0 behind where a recount has no row: the same counts.
            tables["decision_tally"] = try Row.fetchAll(db, sql: "SELECT * FROM decision_tally WHERE n <> 0").map { Array($0.databaseValues) }
                .sorted { $0.description < $1.description }
            tables["decision_fts"] = try Row.fetchAll(db, sql: "SELECT rowid, title, purpose, body, minutes FROM decision_fts ORDER BY rowid")
                .map { Array($0.databaseValues) }
            return tables
        }
    }

    static func counts(_ server: PostgresConnection) throws -> [String: Int64] {
        var counts: [String: Int64] = [:]
        for table in RawTables.copied { counts[table] = try server.execute("SELECT count(*) FROM \(table)").single?.int64(0) }
        return counts
    }

    @Test func aRegisterGoesToPostgreSQLAndBackUnchanged() throws {
        let directory = try Directory()
        let (source, acts) = try Self.makeSource(at: directory.path("source.sqlite"))
        #expect(acts > 0, "no act succeeded: the trail would have no per-record entries")
        let sourceHead = try #require(try source.auditCheckpoint())
        let original = try Self.contents(source.path)
        for table in RawTables.copied { #expect(original[table]?.isEmpty == false, "the source has no \(table) rows to copy") }
        #expect(original["decision"]?.contains { $0[17] == 1.databaseValue } == true, "no exempt decision")

        try withTestRegister { register in
            let toServer = try RegisterCopy.copy(from: source, toPostgres: register.url, roles: register.roles)
            #expect(toServer.auditHead == sourceHead)
            #expect(toServer.tables.first { $0.table == "decision" }?.rows == original["decision"]?.count)
            #expect(toServer.tables.first { $0.table == "audit" }?.rows == Int(sourceHead.sequence))

            let server = try register.connectAsSuperuser()
            // The server's own head is the source's, and its trail is whole.
            #expect(try server.strings("SELECT sequence::text || ':' || hash FROM audit_chain_head") == [sourceHead.description])
            #expect(try server.strings("SELECT value FROM setting WHERE key = 'audit-head'") == [sourceHead.description])
            #expect(try server.strings("SELECT count(*)::text FROM audit a WHERE hash <> audit_hash(a)") == ["0"])
            // Unknown register dates arrive as NULL, flags as booleans, the tally and search rebuilt.
            let undated = original["decision"]?.filter { $0[24] == "".databaseValue }.count ?? 0
            #expect(try server.strings("SELECT count(*)::text FROM decision WHERE register_date IS NULL") == ["\(undated)"])
            #expect(try server.strings("SELECT sum(n)::text FROM decision_tally") == ["\(original["decision"]?.count ?? 0)"])
            #expect(try server.strings("SELECT title FROM decision WHERE search_vector @@ search_query('{allotments}')") == ["Allotment rents"])
            for words in [["library"], ["school", "transp"], ["tender"]] {
                let onServer = try server.execute("SELECT id FROM decision d WHERE \(PostgresSearch.condition(readsAllExempt: true, parameter: "$1")) ORDER BY id",
                                                  [.text(PostgresSearch.arrayLiteral(words))]).map { try $0.int64(0) ?? 0 }
                let inFile = try source.page(DecisionFilter(search: words.joined(separator: " ")), offset: 0, limit: 10_000).compactMap(\.id).sorted()
                #expect(!inFile.isEmpty && onServer == inFile, "\(words)")
            }
            // Identities go on past the copied ids.
            let maxMeeting = try server.execute("SELECT max(id) FROM meeting").single?.int64(0) ?? 0
            let next = try server.execute("INSERT INTO meeting (natural_key, body) VALUES ('new', 'Council') RETURNING id").single?.int64(0)
            #expect(next == maxMeeting + 1)
            try server.execute("DELETE FROM meeting WHERE natural_key = 'new'")

            let backPath = directory.path("back.sqlite")
            let back = try RegisterCopy.copy(fromPostgres: register.url, roles: register.roles, toSQLite: backPath)
            #expect(back.auditHead == sourceHead)
            let copy = try DecisionStore(path: backPath)
            #expect(try copy.verifyAudit() == .intact(entries: Int(sourceHead.sequence)))
            #expect(try copy.auditCheckpoint() == sourceHead)
            let returned = try Self.contents(backPath)
            for table in original.keys.sorted() {
                #expect(returned[table] == original[table], "\(table) differs after the round trip")
            }
            for words in ["library", "school transp", "allotments", "tender"] {
                #expect(try copy.page(DecisionFilter(search: words), offset: 0, limit: 10_000).compactMap(\.id)
                    == (try source.page(DecisionFilter(search: words), offset: 0, limit: 10_000).compactMap(\.id)), "\(words)")
            }
            #expect((try? FileManager.default.attributesOfItem(atPath: backPath)[.posixPermissions] as? Int) == 0o600)
        }
    }

    @Test func aTamperedSourceIsRefusedWithNothingWritten() throws {
        let directory = try Directory()
        let (source, _) = try Self.makeSource(at: directory.path("source.sqlite"), decisions: 20)
        // As someone with the sqlite3 shell would: the trigger dropped, an entry's reason rewritten.
        let queue = try DatabaseQueue(path: source.path)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER audit_is_append_only_update")
            try db.execute(sql: "UPDATE audit SET reason = 'rewritten' WHERE sequence = 3")
        }
        try queue.close()
        try withTestRegister { register in
            let server = try register.connectAsSuperuser()
            let before = try Self.counts(server)
            let trailBefore = try server.strings("SELECT hash FROM audit ORDER BY sequence")
            #expect {
                try RegisterCopy.copy(from: source, toPostgres: register.url, roles: register.roles)
            } throws: { error in
                guard case RegisterCopyError.damagedSource(let sequence, _) = error else { return false }
                return sequence == 3 && "\(error)".contains("entry 3")
            }
            #expect(try Self.counts(server) == before)
            #expect(try server.strings("SELECT hash FROM audit ORDER BY sequence") == trailBefore)
        }
    }

    @Test func aDestinationThatHoldsDecisionsIsRefused() throws {
        let directory = try Directory()
        let (first, _) = try Self.makeSource(at: directory.path("first.sqlite"), decisions: 10)
        let (second, _) = try Self.makeSource(at: directory.path("second.sqlite"), decisions: 15)
        let secondDecisions = try second.count(DecisionFilter())
        try withTestRegister { register in
            _ = try RegisterCopy.copy(from: first, toPostgres: register.url, roles: register.roles)
            let server = try register.connectAsSuperuser()
            let before = try Self.counts(server)
            #expect {
                try RegisterCopy.copy(from: second, toPostgres: register.url, roles: register.roles)
            } throws: { error in
                guard case RegisterCopyError.destinationRefused(_, let reason) = error else { return false }
                return reason.contains("\(before["decision"] ?? 0) decisions")
            }
            #expect(try Self.counts(server) == before)

            // And back: an SQLite file already there is never overwritten.
            #expect {
                try RegisterCopy.copy(fromPostgres: register.url, roles: register.roles, toSQLite: second.path)
            } throws: { error in
                guard case RegisterCopyError.destinationRefused(_, let reason) = error else { return false }
                return reason.contains("already holds \(secondDecisions) decisions")
            }
            #expect(try second.count(DecisionFilter()) == secondDecisions)
        }
    }

    @Test func onlyTheRegistersAdministratorCopiesItFromPostgreSQL() throws {
        let directory = try Directory()
        let (source, _) = try Self.makeSource(at: directory.path("source.sqlite"), decisions: 5)
        try withTestRegister { register in
            _ = try RegisterCopy.copy(from: source, toPostgres: register.url, roles: register.roles)
            let officer = try register.makeLogin(.officer)
            let path = directory.path("by-officer.sqlite")
            #expect {
                try RegisterCopy.copy(fromPostgres: officer.connectionString, roles: register.roles, toSQLite: path)
            } throws: { error in
                guard case RegisterCopyError.notAdministrator = error else { return false }
                return "\(error)".contains("P-COPY-STORE")
            }
            #expect(!FileManager.default.fileExists(atPath: path))
            // An administrator's login (no superuser) reads everything a copy needs.
            let admin = try register.makeLogin(.admin)
            let report = try RegisterCopy.copy(fromPostgres: admin.connectionString, roles: register.roles, toSQLite: path)
            let copiedHead = try DecisionStore(path: path).auditCheckpoint()
            #expect(report.auditHead != nil && report.auditHead == copiedHead)
        }
    }

    @Test func aDamagedTrailOnTheServerIsNotCopiedOut() throws {
        let directory = try Directory()
        let (source, _) = try Self.makeSource(at: directory.path("source.sqlite"), decisions: 5)
        try withTestRegister { register in
            _ = try RegisterCopy.copy(from: source, toPostgres: register.url, roles: register.roles)
            // Only the owner role may rewrite an entry, which is what a damaged trail on the server takes.
            try register.connectAsSuperuser().executeScript("""
                SET ROLE \(register.roles.owner); UPDATE audit SET reason = 'rewritten' WHERE sequence = 2; RESET ROLE;
                """)
            let path = directory.path("out.sqlite")
            #expect {
                try RegisterCopy.copy(fromPostgres: register.url, roles: register.roles, toSQLite: path)
            } throws: { error in
                guard case RegisterCopyError.damagedSource(let sequence, _) = error else { return false }
                return sequence == 2
            }
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    /// A DBA who is not a superuser (CREATEROLE, owning the database) installs and copies in,
    /// holding the owner role for the copy's transaction only, as for the installation.
    @Test func aDatabaseOwnerWithCreateRoleCopiesInAndKeepsNoOwnerRole() throws {
        let directory = try Directory()
        let (source, _) = try Self.makeSource(at: directory.path("source.sqlite"), decisions: 5)
        let dba = TestServer.uniqueName("dba"), password = UUID().uuidString
        let superuser = try PostgresConnection(info: try TestServer.info())
        try superuser.execute("CREATE ROLE \(dba) LOGIN CREATEROLE PASSWORD '\(password)'")
        defer { _ = try? superuser.execute("DROP ROLE IF EXISTS \(dba)") }
        try withTestRegister(installed: false) { register in
            try superuser.execute("ALTER DATABASE \(register.database) OWNER TO \(dba)")
            let asDBA = register.info.replacing(["user": dba, "password": password])
            _ = try PostgresInstaller.install(url: asDBA.connectionString, roles: register.roles)
            let report = try RegisterCopy.copy(from: source, toPostgres: asDBA.connectionString, roles: register.roles)
            #expect(report.auditHead == (try source.auditCheckpoint()))
            let connection = try PostgresConnection(info: asDBA)
            #expect(connection.failure("SET ROLE \(register.roles.owner)") != nil, "the DBA kept the owner role")
            #expect(try connection.strings("SELECT count(*)::text FROM decision") == ["\(try source.count(DecisionFilter()))"])
        }
    }
}
