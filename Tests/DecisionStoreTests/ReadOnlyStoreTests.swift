import Foundation
import GRDB
import Testing
import Decisions
@testable import DecisionStore

/// A store someone may read but not write: reads work, writes are refused and change nothing.
@Suite struct ReadOnlyStoreTests {
    /// A store with one decision and one extra person, closed again.
    func writtenStore() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cabinet-tests-\(UUID().uuidString)")
        let path = dir.appendingPathComponent("cabinet.sqlite").path
        let store = try DecisionStore(path: path, creator: "alice")
        try store.importRecords([ImportedRecords(decisions: [sampleDecision()])], login: "alice")
        try store.setPerson(Actor(login: "bob", role: .officer), by: try store.actor(login: "alice"))
        return path
    }

    func expectRefusedAsReadOnly(_ path: String, _ body: () throws -> Void) {
        #expect {
            try body()
        } throws: { error in
            guard let error = error as? StoreError, case .readOnly(let named) = error else { return false }
            return named == path && error.description.contains("read-only for this login")
                && error.description.contains("nothing was changed")
        }
    }

    func expectWritesRefused(_ store: DecisionStore) throws {
        let alice = try store.actor(login: "alice")
        let peopleBefore = try store.people()
        expectRefusedAsReadOnly(store.path) { try store.setPerson(Actor(login: "carol", role: .viewer), by: alice) }
        expectRefusedAsReadOnly(store.path) {
            try store.importRecords([ImportedRecords(decisions: [sampleDecision("Another decision")])], login: "alice")
        }
        expectRefusedAsReadOnly(store.path) { _ = try store.updateRules(by: alice) { $0.callInPeriodWorkingDays += 1 } }
        #expect(try store.people() == peopleBefore)
        #expect(try store.count(DecisionFilter()) == 1)
    }

    @Test func openedReadOnlyReadsButRefusesEveryWrite() throws {
        let path = try writtenStore()
        let store = try DecisionStore(path: path, readOnly: true)
        #expect(store.isReadOnly)
        #expect(try store.decision(id: 1)?.title == "Award of the Waste Collection Contract")
        #expect(try store.people().map(\.login) == ["alice", "bob"])
        guard case .intact = try store.verifyAudit() else { Issue.record("audit does not verify read-only"); return }
        try expectWritesRefused(store)
        #expect(try DecisionStore(path: path).isReadOnly == false)
    }

    @Test func anOlderSchemaIsNotMigratedByAReader() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cabinet-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("cabinet.sqlite").path
        // A store from before any of today's migrations: a database with none of them recorded.
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "CREATE TABLE decision (id INTEGER PRIMARY KEY)") }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect {
            try DecisionStore(path: path, readOnly: true)
        } throws: { error in
            let text = "\(error)"
            return text.contains(path) && text.contains("older version") && text.contains("write access to open it once")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "nothing was written")
    }

    @Test func nothingToReadIsSaidPlainly() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cabinet-tests-\(UUID().uuidString)/none.sqlite").path
        #expect(throws: StoreError.cannotOpen(path: path, reason: "there is no store there to read")) {
            try DecisionStore(path: path, readOnly: true)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    /// File modes decide it: root ignores them, so this runs for other logins (the CLI tests
    /// cover root by running the binary as real unprivileged users).
    @Test(.enabled(if: geteuid() != 0, "root may write any file; SharedStoreTests covers this as real users"))
    func aFileThisLoginCannotWriteOpensReadOnly() throws {
        let path = try writtenStore()
        let directory = (path as NSString).deletingLastPathComponent
        // SQLite removed -wal and -shm on close; a reader needs them present.
        for sidecar in [path + "-wal", path + "-shm"] { _ = FileManager.default.createFile(atPath: sidecar, contents: nil) }
        for file in [path, path + "-wal", path + "-shm"] { chmod(file, 0o444) }
        chmod(directory, 0o555)
        defer { chmod(directory, 0o755) }
        let store = try DecisionStore(path: path)
        #expect(store.isReadOnly)
        #expect(try store.count(DecisionFilter()) == 1)
        try expectWritesRefused(store)
    }

    @Test(.enabled(if: geteuid() != 0, "root may read any file"))
    func aFileThisLoginCannotReadNamesWhomToAsk() throws {
        let path = try writtenStore()
        chmod(path, 0o000)
        defer { chmod(path, 0o600) }
        #expect {
            try DecisionStore(path: path)
        } throws: { error in
            guard let error = error as? StoreError, case .noPermission(path, _) = error else { return false }
            return error.description.contains("no permission to read") && error.description.contains("owner ")
        }
    }
}
