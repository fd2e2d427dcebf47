import Foundation
import GRDB
import Testing
import Decisions
@testable import DecisionStore

/// A directory of its own for one test, mode 700 unless told otherwise.
private func directory(mode: mode_t = 0o700) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cabinet-safety-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    chmod(dir.path, mode)
    return dir
}

private func expectUnsafe(_ path: String, mentioning words: [String], _ open: () throws -> Void) {
    #expect {
        try open()
    } throws: { error in
        guard case StoreError.unsafeFiles(let refused, let reason) = error, refused == path else { return false }
        return words.allSatisfy { reason.contains($0) }
    }
}

/// Issue 16: stores are opened safely.
@Suite(.serialized) struct StoreSafetyTests {
    @Test func anEmptyStoreFileIsSetUpWithItsAdministratorNotTakenAsAStoreWithout() throws {
        let path = try directory().appendingPathComponent("s.sqlite").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o644]))
        let store = try DecisionStore(path: path, creator: "alice")
        #expect(try store.people().map { "\($0.login) \($0.role)" } == ["alice admin"])
        #expect(try store.verifyAudit() == .intact(entries: 1))
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
    }

    @Test func aStoreIsNotCreatedWhereOthersCanWrite() throws {
        for mode: mode_t in [0o777, 0o1777, 0o770] {
            let dir = try directory(mode: mode)
            let path = dir.appendingPathComponent("s.sqlite").path
            expectUnsafe(path, mentioning: ["may be written by"]) { _ = try DecisionStore(path: path) }
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "nothing was created (mode \(String(mode, radix: 8)))")
        }
        // A shared store's own directory (setgid, closed to others) is where `store share` keeps one.
        let shared = try directory(mode: 0o2770)
        #expect(try DecisionStore(path: shared.appendingPathComponent("s.sqlite").path).damage == nil)
    }

    @Test func aWALOrSHMWaitingBesideANewStoreIsNotAdopted() throws {
        for sidecar in ["-wal", "-shm"] {
            let dir = try directory()
            let path = dir.appendingPathComponent("s.sqlite").path
            #expect(FileManager.default.createFile(atPath: path + sidecar, contents: Data("planted".utf8)))
            expectUnsafe(path, mentioning: [path + sidecar, "will not be adopted"]) { _ = try DecisionStore(path: path) }
            #expect(!FileManager.default.fileExists(atPath: path))
            #expect(try Data(contentsOf: URL(fileURLWithPath: path + sidecar)) == Data("planted".utf8), "left as it was found")
        }
    }

    @Test(.enabled(if: geteuid() == 0, "needs root to give a file to another login"))
    func anEmptyFileOrWALBelongingToSomeoneElseIsRefused() throws {
        let nobody: uid_t = 65534
        let dir = try directory()
        let path = dir.appendingPathComponent("s.sqlite").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o666]))
        chown(path, nobody, gid_t(nobody))
        expectUnsafe(path, mentioning: ["empty", "not you"]) { _ = try DecisionStore(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)

        // An existing store with a -wal from a login that does not share it.
        let other = try directory().appendingPathComponent("s.sqlite").path
        do { _ = try DecisionStore(path: other) }
        #expect(FileManager.default.createFile(atPath: other + "-wal", contents: nil, attributes: [.posixPermissions: 0o666]))
        chown(other + "-wal", nobody, gid_t(nobody))
        expectUnsafe(other, mentioning: ["does not share this store"]) { _ = try DecisionStore(path: other) }
    }

    /// A store of some thousands of records, closed, with a page in the middle overwritten.
    func damagedStore() throws -> String {
        let path = try directory().appendingPathComponent("s.sqlite").path
        do {
            let store = try DecisionStore(path: path, creator: "alice")
            let register = SyntheticRegister(today: CivilDate(iso: "2026-11-23")!)
            try store.bulkInsert(login: "alice", reason: "test") { batch in batch < 2 ? (0..<1000).map { register.decision(batch * 1000 + $0) } : nil }
        }
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal") || size > 1_000_000, "checkpointed into the file on close")
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seek(toOffset: UInt64(size / 2 / 4096 * 4096))
        try handle.write(contentsOf: Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }))
        try handle.close()
        return path
    }

    @Test func aDamagedStoreOpensForReadingAndRefusesWritesSayingHowToRecover() throws {
        let path = try damagedStore()
        let store = try DecisionStore(path: path, creator: "alice")
        let damage = try #require(store.damage)
        #expect(damage.hasPrefix("quick_check: "))
        #expect(try store.people().map(\.login) == ["alice"], "what is undamaged can still be read")
        let alice = Actor(login: "alice", role: .admin)
        for write in [{ _ = try store.importRecords([ImportedRecords(decisions: [sampleDecision()])], login: "alice") },
                      { try store.setPerson(Actor(login: "bob", role: .officer), by: alice) },
                      { _ = try store.updateRules(by: alice) { $0.callInPeriodWorkingDays = 4 } }] {
            #expect {
                try write()
            } throws: { error in
                let text = "\(error)"
                return text.contains("is damaged") && text.contains(".recover") && text.contains("backup") && text.contains("nothing was changed")
            }
        }
    }

    @Test func rulesEditedIntoTheStoreAreRefusedWhenReadAndCanBePutRight() throws {
        let store = try makeStore()
        try store.pool.write { db in
            try db.execute(sql: "INSERT INTO setting (key, value) VALUES ('rules', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [#"{"callInPeriodWorkingDays": 100000000, "scrutinyMeetingWithinWorkingDays": 5}"#])
        }
        #expect {
            try store.rules()
        } throws: { "\($0)".contains("call-in-period: 100000000 is not accepted") && "\($0)".contains("cabinet rules set") }
        #expect(throws: StoreError.self) { try store.dueDeadlines(today: CivilDate(iso: "2026-11-23")!) }
        let admin = Actor(login: "admin", role: .admin)
        // Another key is refused while the bad one stands; setting the bad one right repairs it.
        #expect(throws: StoreError.self) { try store.updateRules(by: admin) { try $0.set("call-in-members", "4") } }
        let fixed = try store.updateRules(by: admin) { try $0.set("call-in-period", "5") }
        #expect(fixed.callInPeriodWorkingDays == 5 && fixed.scrutinyMeetingWithinWorkingDays == 5)
        #expect(try store.rules() == fixed)
    }
}

/// Issue 16: the audit trail covers roles and rules, and a checkpoint kept outside the store
/// proves the trail up to it was not rewritten, truncated or rolled back.
@Suite struct AuditAnchorTests {
    func storeWithHistory() throws -> (DecisionStore, Actor) {
        let store = try makeStore()
        let admin = try store.actor(login: "admin")
        try store.importRecords([ImportedRecords(decisions: [sampleDecision(), sampleDecision("Second")])], login: "admin")
        try store.setPerson(Actor(login: "bob", role: .officer), by: admin)
        _ = try store.updateRules(by: admin) { $0.callInPeriodWorkingDays = 4 }
        return (store, admin)
    }

    @Test func rolesChangedOutsideTheApplicationAreCaught() throws {
        let (store, _) = try storeWithHistory()
        #expect(try store.verifyAudit() == .intact(entries: 5))
        try store.pool.write { db in try db.execute(sql: "UPDATE person SET role = 'admin' WHERE login = 'bob'") }
        guard case .broken(_, let reason) = try store.verifyAudit() else { Issue.record("a role raised by hand went unseen"); return }
        #expect(reason.contains("bob has the role admin"))

        let (other, _) = try storeWithHistory()
        try other.pool.write { db in try db.execute(sql: "INSERT INTO person (login, role, makers) VALUES ('mallory', 'admin', '[]')") }
        guard case .broken(_, let added) = try other.verifyAudit() else { Issue.record("a person added by hand went unseen"); return }
        #expect(added.contains("mallory"))
    }

    @Test func rulesAndStagesChangedOutsideTheApplicationAreCaught() throws {
        let (store, _) = try storeWithHistory()
        try store.pool.write { db in
            try db.execute(sql: "UPDATE setting SET value = '{\"callInPeriodWorkingDays\": 9}' WHERE key = 'rules'")
        }
        guard case .broken(_, let reason) = try store.verifyAudit() else { Issue.record("rules edited by hand went unseen"); return }
        #expect(reason.contains("call-in-period is 9"))

        let (staged, _) = try storeWithHistory()
        try staged.pool.write { db in try db.execute(sql: "UPDATE decision SET stage = 'effective' WHERE id = 1") }
        guard case .broken(_, let moved) = try staged.verifyAudit() else { Issue.record("a stage edited by hand went unseen"); return }
        #expect(moved.contains("decision #1 is at the stage effective"))
    }

    /// What a script with write access can do: rewrite an entry and recompute every hash after
    /// it and the recorded head, so that the chain alone is consistent again.
    func rewriteFrom(_ store: DecisionStore, sequence: Int64, login: String) throws {
        try store.pool.write { db in
            try db.execute(sql: "DROP TRIGGER audit_is_append_only_update")
            var previous = try String.fetchOne(db, sql: "SELECT hash FROM audit WHERE sequence = ?", arguments: [sequence - 1]) ?? ""
            for row in try Row.fetchAll(db, sql: "SELECT * FROM audit WHERE sequence >= ? ORDER BY sequence", arguments: [sequence]) {
                var entry = DecisionStore.auditRecord(row)
                if entry.sequence == sequence { entry.login = login }
                entry.previousHash = previous
                entry.hash = entry.computedHash
                try db.execute(sql: "UPDATE audit SET login = ?, previous_hash = ?, hash = ? WHERE sequence = ?",
                               arguments: [entry.login, entry.previousHash, entry.hash, entry.sequence])
                try db.execute(sql: "UPDATE setting SET value = ? WHERE key = 'audit-head'", arguments: ["\(entry.sequence):\(entry.hash)"])
                previous = entry.hash
            }
        }
    }

    @Test func aRewrittenAndRehashedTrailPassesAloneButNotAgainstTheCheckpoint() throws {
        let (store, _) = try storeWithHistory()
        let checkpoint = try #require(try store.auditCheckpoint())
        #expect(checkpoint.sequence == 5 && AuditCheckpoint(text: checkpoint.description) == checkpoint)
        #expect(try store.verifyAudit(since: checkpoint) == .intact(entries: 5))
        try rewriteFrom(store, sequence: 2, login: "mallory")
        #expect(try store.verifyAudit() == .intact(entries: 5), "the chain alone cannot tell")
        guard case .broken(let at, let reason) = try store.verifyAudit(since: checkpoint) else {
            Issue.record("a rewritten trail passed against its checkpoint"); return
        }
        #expect(at == 5 && reason.contains("rewritten"))
    }

    @Test func aTruncatedOrRolledBackTrailFailsAgainstTheCheckpoint() throws {
        let (store, admin) = try storeWithHistory()
        try store.setPerson(Actor(login: "carol", role: .member), by: admin)
        let checkpoint = try #require(try store.auditCheckpoint())
        // Roll back: the newest entry and its effect removed, and the head made to agree.
        try store.pool.write { db in
            try db.execute(sql: "DROP TRIGGER audit_is_append_only_delete")
            try db.execute(sql: "DELETE FROM audit WHERE sequence = ?", arguments: [checkpoint.sequence])
            try db.execute(sql: "DELETE FROM person WHERE login = 'carol'")
            let head = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit ORDER BY sequence DESC LIMIT 1")!
            try db.execute(sql: "UPDATE setting SET value = ? WHERE key = 'audit-head'",
                           arguments: ["\(head["sequence"] as Int64):\(head["hash"] as String)"])
        }
        #expect(try store.verifyAudit() == .intact(entries: Int(checkpoint.sequence) - 1), "the chain alone cannot tell")
        guard case .broken(_, let reason) = try store.verifyAudit(since: checkpoint) else {
            Issue.record("a rolled-back trail passed against its checkpoint"); return
        }
        #expect(reason.contains("rolled back"))
    }

    @Test func checkpointsAreReadOnlyInTheirOwnForm() {
        let hash = String(repeating: "ab", count: 32)
        #expect(AuditCheckpoint(text: "12:" + hash) == AuditCheckpoint(sequence: 12, hash: hash))
        #expect(AuditCheckpoint(text: "12:" + hash.uppercased())?.hash == hash)
        for bad in ["", "12", "0:" + hash, "-1:" + hash, "12:" + hash.dropLast(), "12:" + hash + "ff", "x:" + hash, "12:" + String(repeating: "g", count: 64)] {
            #expect(AuditCheckpoint(text: bad) == nil, "\(bad)")
        }
    }
}

/// Issue 16: what was stored before the date limits (a year-10000 action, a 2^63-week
/// recurrence) is read without a crash, and cannot be rolled forward.
@Suite struct LegacyDatesTests {
    @Test func anActionDueInTheYear10000IsReadAndAHugeRecurrenceIsRefusedNotCrashed() throws {
        let store = try makeStore()
        try store.pool.write { db in
            try db.execute(sql: "INSERT INTO action (text, due, recurrence, proposed) VALUES ('Monthly report', '10000-01-31', 'm:1', 1)")
            try db.execute(sql: "INSERT INTO action (text, due, recurrence, proposed) VALUES ('Huge', '2026-11-30', 'w:9223372036854775807', 0)")
        }
        let today = CivilDate(iso: "2026-11-23")!
        let actions = try store.actions(today: today)
        #expect(actions.map(\.due.iso).sorted() == ["10000-01-31", "2026-11-30"])
        _ = try store.dueDeadlines(today: today)
        let huge = try #require(actions.first { $0.text == "Huge" }?.id)
        #expect(throws: RecurrenceError.self) {
            try store.completeAction(id: huge, on: CivilDate(iso: "2026-12-01")!, by: Actor(login: "admin", role: .admin))
        }
        #expect(try store.actions(.open, today: today).contains { $0.id == huge }, "nothing was changed")
    }
}
