import Foundation
import Testing

/// `cabinet import --explain`, `--keep-going`, the size check before reading, and `rules infer`.
@Suite struct ImportCommandTests {
    static let page = """
        Decision Maker: Cabinet
        Decision status: Recommendations Approved
        Is subject to call in?: Yes
        1. That the report be noted.
        To keep the register true.
        None.
        A paragraph the importer cannot place.
        Publication date: 05/01/2026
        Effective from: 13/01/2026
        """

    func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func explainPrintsEachFieldWithItsLineAndWhatWasNotUnderstood() throws {
        let dir = CabinetProcess.scratch()
        let file = try write(Self.page, "page.txt", in: dir)
        let result = try CabinetProcess.run(["import", "--explain", file], store: dir.appendingPathComponent("s.sqlite").path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("line 1    decision maker ← Decision Maker: Cabinet"))
        #expect(result.stdout.contains("line 9    effective from ← Effective from: 13/01/2026"))
        #expect(result.stdout.contains("line 7: A paragraph the importer cannot place."))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("s.sqlite").path), "explain writes nothing")
    }

    @Test func keepGoingImportsTheGoodFilesAndListsTheRefused() throws {
        let dir = CabinetProcess.scratch()
        let store = dir.appendingPathComponent("s.sqlite").path
        let good = try write(Self.page, "good.txt", in: dir)
        let bad = try write("Decision Maker: Cabinet\nDate of decision: 31/02/2026\n", "bad.txt", in: dir)
        let together = try CabinetProcess.run(["import", good, bad], store: store)
        #expect(together.status != 0)
        #expect(together.stderr.contains("bad.txt:2"))
        let each = try CabinetProcess.run(["import", "--keep-going", good, bad], store: store)
        #expect(each.status == 1)
        #expect(each.stdout.contains("Imported 1 of 2 files; 1 refused:"))
        #expect(each.stdout.contains("bad.txt:2: field 'Date of decision': invalid date"))
        let listed = try CabinetProcess.run(["list", "--format", "json"], store: store)
        #expect(listed.stdout.contains("That the report be noted"))
    }

    @Test func aFileOverTheLimitIsRefusedBeforeItIsRead() throws {
        let dir = CabinetProcess.scratch()
        let huge = dir.appendingPathComponent("huge.txt").path
        // Sparse: 3 GB on paper, no disk used; read, it would take minutes and all the memory.
        #expect(FileManager.default.createFile(atPath: huge, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: huge))
        try handle.truncate(atOffset: 3 * 1024 * 1024 * 1024)
        try handle.close()
        let result = try CabinetProcess.run(["import", huge], store: dir.appendingPathComponent("s.sqlite").path)
        #expect(result.status != 0)
        #expect(result.stderr.contains("the file is 3072 MB; files over 64 MB are refused"))
        try? FileManager.default.removeItem(atPath: huge)
    }

    @Test func rulesInferProposesTheRuleTheHistoryFitsAndApplySetsIt() throws {
        let dir = CabinetProcess.scratch()
        let store = dir.appendingPathComponent("s.sqlite").path
        // Three decisions effective 3 working days + 1 after publication; one that is not.
        let pairs = [("05/01/2026", "09/01/2026"), ("12/01/2026", "16/01/2026"), ("20/01/2026", "24/01/2026"), ("02/02/2026", "20/02/2026")]
        var files: [String] = []
        for (n, pair) in pairs.enumerated() {
            files.append(try write("Decision details\nItem \(n)\nDecision Maker: Cabinet\nDecision status: Recommendations Approved\nIs subject to call in?: Yes\nPublication date: \(pair.0)\nEffective from: \(pair.1)\n", "p\(n).txt", in: dir))
        }
        #expect(try CabinetProcess.run(["import"] + files, store: store).status == 0)
        let inferred = try CabinetProcess.run(["rules", "infer"], store: store)
        #expect(inferred.status == 0, "\(inferred.stderr)")
        #expect(inferred.stdout.contains("Proposed call-in rule: 3 working days counted from the publication date"))
        #expect(inferred.stdout.contains("fits 3 of 4 published pairs"))
        #expect(inferred.stdout.contains("effective 2026-02-20 (rule gives 2026-02-06): Item 3"))
        #expect(try CabinetProcess.run(["rules", "show"], store: store).stdout.contains("call-in-period            5 "))
        let applied = try CabinetProcess.run(["rules", "infer", "--apply"], store: store)
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(applied.stdout.contains("Set call-in-period = 3, effective-from = day-after-period-ends"))
    }
}
