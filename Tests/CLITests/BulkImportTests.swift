import Foundation
import Testing

/// `cabinet import --bulk`: large files of new records, streamed, in one transaction, with one
/// audit entry per file; a bad record anywhere leaves the register exactly as it was.
@Suite struct BulkImportTests {
    /// A query through Python's sqlite3 module, as someone with a shell would look.
    func query(_ store: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sqlite3,sys; print('|'.join(str(v) for row in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]) for v in row))", store, sql]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func decisions(_ file: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [[String: Any]])
    }

    func write(_ records: [[String: Any]], to file: String) throws {
        try JSONSerialization.data(withJSONObject: records).write(to: URL(fileURLWithPath: file))
    }

    /// A store with `count` generated decisions, and their export.
    func exported(_ count: Int, seed: Int, in dir: URL) throws -> String {
        let file = dir.appendingPathComponent("generated-\(seed).json").path
        let made = try CabinetProcess.run(["demo", "--count", String(count), "--seed", String(seed), "--years", "5", "--output", file])
        #expect(made.status == 0, "\(made.stderr)")
        return file
    }

    @Test func aLargeFileIsAddedWithOneAuditEntryAndTheRegisterMatchesIt() throws {
        let dir = CabinetProcess.scratch()
        let store = dir.appendingPathComponent("s.sqlite").path
        let file = try exported(3_000, seed: 1, in: dir)
        let result = try CabinetProcess.run(["import", "--bulk", file], store: store)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Added 3000 decisions from 1 file"), "\(result.stdout)")
        #expect(try query(store, "SELECT count(*) FROM decision") == "3000")
        #expect(try query(store, "SELECT count(*) FROM audit WHERE action LIKE 'import%'") == "0", "no per-record history")
        #expect(try query(store, "SELECT count(*) FROM audit WHERE action = 'bulk-import'") == "1")
        #expect(try query(store, "SELECT reason FROM audit WHERE action = 'bulk-import'") == "bulk import of \(file)")
        #expect(try CabinetProcess.run(["audit", "verify"], store: store).status == 0)
        // The indexes and kept counts an empty register's load builds at the end are all there and true.
        #expect(try query(store, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name LIKE 'decision\\_%' ESCAPE '\\'") == "10")
        #expect(try query(store, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'decision_tally_%'") == "3")
        #expect(try query(store, "SELECT sum(n) FROM decision_tally WHERE is_key = 1") == query(store, "SELECT count(*) FROM decision WHERE is_key = 1"))
        // Every record as it was in the file: exported again, the same titles, texts and flags.
        let again = dir.appendingPathComponent("again.json").path
        #expect(try CabinetProcess.run(["export", "--format", "json", "--output", again], store: store).status == 0)
        let fields = ["title", "decision_maker", "purpose", "resolutions", "is_key_decision", "exempt_paragraphs", "decision_date", "contact", "stage"]
        func comparable(_ records: [[String: Any]]) throws -> [String] {
            try records.map { record in
                String(decoding: try JSONSerialization.data(withJSONObject: fields.map { record[$0] ?? NSNull() }, options: [.sortedKeys]), as: UTF8.self)
            }.sorted()
        }
        #expect(try comparable(decisions(again)) == comparable(decisions(file)))
    }

    @Test func aRecordAlreadyThereRefusesEveryFileAndNamesItsPlace() throws {
        let dir = CabinetProcess.scratch()
        let store = dir.appendingPathComponent("s.sqlite").path
        let first = try exported(500, seed: 2, in: dir)
        #expect(try CabinetProcess.run(["import", "--bulk", first], store: store).status == 0)
        let fresh = try exported(700, seed: 3, in: dir)
        var repeated = Array(try decisions(try exported(40, seed: 6, in: dir)))
        repeated.append(try decisions(first)[123])
        let second = dir.appendingPathComponent("second.json").path
        try write(repeated, to: second)
        let auditBefore = try query(store, "SELECT count(*) FROM audit")
        let result = try CabinetProcess.run(["import", "--bulk", fresh, second], store: store)
        #expect(result.status != 0)
        #expect(result.stderr.contains("\(second): field '[40]'"), "\(result.stderr)")
        #expect(result.stderr.contains("is already in the register"), "\(result.stderr)")
        #expect(try query(store, "SELECT count(*) FROM decision") == "500", "the good file before it was not kept either")
        #expect(try query(store, "SELECT count(*) FROM audit") == auditBefore)
        #expect(try CabinetProcess.run(["audit", "verify"], store: store).status == 0)
    }

    @Test func aBadRecordDeepInTheFileLeavesAnEmptyRegisterEmptyAndWhole() throws {
        let dir = CabinetProcess.scratch()
        let store = dir.appendingPathComponent("s.sqlite").path
        var records = try decisions(try exported(2_600, seed: 4, in: dir))
        records[2_345]["decision_date"] = "31/02/2026"
        let file = dir.appendingPathComponent("bad.json").path
        try write(records, to: file)
        let result = try CabinetProcess.run(["import", "--bulk", file], store: store)
        #expect(result.status != 0)
        #expect(result.stderr.contains("\(file): field '[2345].decision_date'"), "\(result.stderr)")
        #expect(try query(store, "SELECT count(*) FROM decision") == "0")
        // The load had dropped the indexes to build them once; the rollback put them back.
        #expect(try query(store, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name LIKE 'decision\\_%' ESCAPE '\\'") == "10")
        #expect(try query(store, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'decision_tally_%'") == "3")
        // A date outside those Cabinet Desk works with is refused as in any import, by its place.
        records[2_345]["decision_date"] = "2026-02-01"
        records[17]["decision_date"] = "1850-01-01"
        try write(records, to: file)
        let old = try CabinetProcess.run(["import", "--bulk", file], store: store)
        #expect(old.status != 0)
        #expect(old.stderr.contains("\(file): field '[17]'") && old.stderr.contains("1850-01-01"), "\(old.stderr)")
        #expect(try query(store, "SELECT count(*) FROM decision") == "0")
    }

    @Test func aDryRunChecksEverythingAndWritesNothing() throws {
        let dir = CabinetProcess.scratch()
        let store = dir.appendingPathComponent("s.sqlite").path
        let file = try exported(1_200, seed: 5, in: dir)
        let result = try CabinetProcess.run(["import", "--bulk", "--dry-run", file], store: store)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Dry run, nothing written: would add 1200 decisions"), "\(result.stdout)")
        #expect(try query(store, "SELECT count(*) FROM decision") == "0")
        #expect(try query(store, "SELECT count(*) FROM audit WHERE action = 'bulk-import'") == "0")
    }

    @Test func onlyCabinetDeskJSONIsTakenAndNotWithOptionsThatCannotHold() throws {
        let dir = CabinetProcess.scratch()
        let store = dir.appendingPathComponent("s.sqlite").path
        let page = dir.appendingPathComponent("page.txt").path
        try "Decision Maker: Cabinet\nDecision status: Recommendations Approved\n".write(toFile: page, atomically: true, encoding: .utf8)
        let text = try CabinetProcess.run(["import", "--bulk", page], store: store)
        #expect(text.status != 0)
        #expect(text.stderr.contains("\(page): --bulk reads Cabinet Desk JSON only"), "\(text.stderr)")
        let mixed = try CabinetProcess.run(["import", "--bulk", "--keep-going", page], store: store)
        #expect(mixed.status != 0)
        #expect(mixed.stderr.contains("cannot be combined with --keep-going"), "\(mixed.stderr)")
        let missing = try CabinetProcess.run(["import", "--bulk", dir.appendingPathComponent("nowhere.json").path], store: store)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("nowhere.json: cannot read the file"), "\(missing.stderr)")
    }
}
