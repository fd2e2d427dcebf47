import Foundation
import Testing

/// A council's register is a legal record: these tests attack it the way faults and people do.
@Suite(.serialized) struct TrustTests {
    func freshStore() throws -> (URL, String) {
        let dir = CabinetProcess.scratch()
        let store = dir.appendingPathComponent("s.sqlite").path
        let r = try CabinetProcess.run(["import", CabinetProcess.packageRoot.appendingPathComponent("Data/demo-register.json").path], store: store)
        #expect(r.status == 0, "\(r.stderr)")
        return (dir, store)
    }

    func sqlite(_ path: String, _ sql: String) throws {
        // Python's sqlite3 module stands in for someone with the sqlite3 shell.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()", path, sql]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func newStoreIsPrivateToItsOwner() throws {
        let (_, store) = try freshStore()
        let attributes = try FileManager.default.attributesOfItem(atPath: store)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func twoSimultaneousTransitionsOneWinsNothingLost() throws {
        let (_, store) = try freshStore()
        let decided = try CabinetProcess.run(["list", "--stage", "decided", "--format", "json", "--limit", "1"], store: store)
        let records = try #require(try JSONSerialization.jsonObject(with: Data(decided.stdout.utf8)) as? [[String: Any]])
        let id = try #require(records.first?["id"] as? Int)
        // Start both at once.
        let results = try (0..<2).map { _ -> Process in
            let p = Process()
            p.executableURL = CabinetProcess.binary
            p.arguments = ["transition", String(id), "publish", "--store", store]
            var env = ProcessInfo.processInfo.environment
            env["CABINET_TODAY"] = "2026-11-23"
            p.environment = env
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            return p
        }.map { p -> Int32 in p.waitUntilExit(); return p.terminationStatus }
        #expect(results.filter { $0 == 0 }.count == 1, "exactly one wins: \(results)")
        let history = try CabinetProcess.run(["history", String(id), "--format", "json"], store: store)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
        #expect(entries.filter { $0["action"] as? String == "publish" }.count == 1)
        #expect(try CabinetProcess.run(["audit", "verify"], store: store).status == 0)
    }

    @Test func loserIsToldTheRecordChanged() throws {
        // Sequential stand-in for the race: the second sees the new stage and is refused cleanly.
        let (_, store) = try freshStore()
        let decided = try CabinetProcess.run(["list", "--stage", "decided", "--format", "json", "--limit", "1"], store: store)
        let id = try #require((try JSONSerialization.jsonObject(with: Data(decided.stdout.utf8)) as? [[String: Any]])?.first?["id"] as? Int)
        #expect(try CabinetProcess.run(["transition", String(id), "publish"], store: store).status == 0)
        let second = try CabinetProcess.run(["transition", String(id), "publish"], store: store)
        #expect(second.status != 0)
        #expect(second.stderr.contains("nothing was changed"))
    }

    @Test func killedImportLeavesAllOrNothing() throws {
        let (dir, store) = try freshStore()
        let before = try CabinetProcess.run(["list", "--format", "json", "--limit", "100000"], store: store).stdout
        // A large import, under the 64 MiB limit so that it really runs: 20,000 new decisions.
        let big = dir.appendingPathComponent("big.json")
        try CabinetProcess.run(["demo", "--count", "20000", "--seed", "99", "--output", big.path])
        let size = (try FileManager.default.attributesOfItem(atPath: big.path)[.size] as? Int) ?? 0
        #expect(size < 64 << 20, "the file is importable (\(size) bytes)")
        let p = Process()
        p.executableURL = CabinetProcess.binary
        p.arguments = ["import", big.path, "--store", store]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Kill it midway: once its transaction has written a good part of the write-ahead log.
        let wal = store + "-wal"
        var waited = 0
        while waited < 60_000, p.isRunning,
              ((try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0) < 4 << 20 {
            Thread.sleep(forTimeInterval: 0.01)
            waited += 10
        }
        #expect(p.isRunning, "the import was still writing when killed")
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal, "killed, not finished")
        let after = try CabinetProcess.run(["list", "--format", "json", "--limit", "100000"], store: store)
        #expect(after.status == 0, "the store still opens: \(after.stderr)")
        let count = (try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [Any])?.count ?? -1
        #expect(after.stdout == before || count == 243 + 20000, "all or none: \(count)")
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", "-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])", store]
        let out = Pipe()
        check.standardOutput = out
        try check.run()
        let result = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        check.waitUntilExit()
        #expect(result.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
        #expect(try CabinetProcess.run(["audit", "verify"], store: store).status == 0)
    }

    @Test func tamperingWithTheFileIsDetected() throws {
        let (_, store) = try freshStore()
        try CabinetProcess.run(["transition", "1", "withdraw", "--reason", "No longer needed"], store: store)
        #expect(try CabinetProcess.run(["audit", "verify"], store: store).status == 0)
        // Edit a past entry directly, bypassing the application and its triggers.
        try sqlite(store, "DROP TRIGGER audit_is_append_only_update; UPDATE audit SET login = 'mallory' WHERE sequence = 5;")
        let edited = try CabinetProcess.run(["audit", "verify"], store: store)
        #expect(edited.status != 0)
        #expect(edited.stderr.contains("entry 5"))
    }

    @Test func deletingOrReorderingEntriesIsDetected() throws {
        let (_, deleted) = try freshStore()
        try sqlite(deleted, "DROP TRIGGER audit_is_append_only_delete; DELETE FROM audit WHERE sequence = 7;")
        let r1 = try CabinetProcess.run(["audit", "verify"], store: deleted)
        #expect(r1.status != 0 && r1.stderr.contains("entry 7"))

        let (_, truncated) = try freshStore()
        try sqlite(truncated, "DROP TRIGGER audit_is_append_only_delete; DELETE FROM audit WHERE sequence = (SELECT max(sequence) FROM audit);")
        #expect(try CabinetProcess.run(["audit", "verify"], store: truncated).status != 0)

        let (_, reordered) = try freshStore()
        try sqlite(reordered, """
            DROP TRIGGER audit_is_append_only_update;
            UPDATE audit SET sequence = -1 WHERE sequence = 3; UPDATE audit SET sequence = 3 WHERE sequence = 4;
            UPDATE audit SET sequence = 4 WHERE sequence = -1;
            """)
        let r3 = try CabinetProcess.run(["audit", "verify"], store: reordered)
        #expect(r3.status != 0 && r3.stderr.contains("entry 3"))
    }

    @Test func hostileTextNeverReachesTheTerminalRaw() throws {
        let dir = CabinetProcess.scratch()
        let store = dir.appendingPathComponent("s.sqlite").path
        let file = dir.appendingPathComponent("hostile.json")
        let json = #"[{"title":"Clear \u001b[2J\u001b]0;owned\u0007 screen","decision_maker":"=cmd|' /C calc'!A0","decision_text":"line\u001b[31m red"}]"#
        try Data(json.utf8).write(to: file)
        #expect(try CabinetProcess.run(["import", file.path], store: store).status == 0)
        for args in [["list"], ["show", "1"], ["history", "1"], ["due"]] {
            let out = try CabinetProcess.run(args, store: store).stdout
            #expect(!out.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(args)")
        }
        #expect(try CabinetProcess.run(["list"], store: store).stdout.contains("␛[2J"))
        let csv = try CabinetProcess.run(["export", "--format", "csv"], store: store).stdout
        #expect(csv.contains("'=cmd"), "formula neutralised")
        let exported = try CabinetProcess.run(["export", "--format", "json"], store: store).stdout
        #expect(exported.contains(#"\u001b[2J"#), "JSON keeps the data exactly, escaped")
    }

    @Test func malformedImportsAreRefusedAndChangeNothing() throws {
        let (dir, store) = try freshStore()
        let before = try CabinetProcess.run(["export", "--format", "json"], store: store).stdout
        let cases: [(String, Data, String)] = [
            ("truncated.json", Data(#"[{"title": "A", "decision_maker": "#.utf8), "not valid JSON"),
            ("types.json", Data(#"[{"title": 12, "decision_maker": "Cabinet"}]"#.utf8), "[0].title"),
            ("junk.bin", Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) }), "junk.bin"),
            ("bad-utf8.txt", Data([0x44, 0x65, 0x63, 0x0A, 0xFF, 0xFE, 0x0A]), "invalid UTF-8"),
            ("date.txt", Data("Decision details\nT\nDate of decision: 31/02/2024\n".utf8), "31/02/2024"),
            ("xxe.xml", Data(#"<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><meeting>&x;</meeting>"#.utf8), "xxe.xml"),
        ]
        for (name, data, expected) in cases {
            let file = dir.appendingPathComponent(name)
            try data.write(to: file)
            let result = try CabinetProcess.run(["import", file.path], store: store)
            #expect(result.status != 0, "\(name) refused")
            #expect(result.stderr.contains(expected), "\(name): \(result.stderr)")
            #expect(!result.stderr.contains("root:x:0"), "external entities are never fetched")
        }
        #expect(try CabinetProcess.run(["export", "--format", "json"], store: store).stdout == before)
    }
}
