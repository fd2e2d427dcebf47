import Foundation
import Testing

@Suite struct RegisterCommandTests {
    func json(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    @Test func importsSeedsAndListsThem() throws {
        let store = CabinetProcess.scratch().appendingPathComponent("s.sqlite").path
        let imported = try CabinetProcess.run(["import", CabinetProcess.seed("000_e74d8115df5e2211.txt"),
                                               CabinetProcess.seed("002_4fa68843c763d1aa.txt")], store: store)
        #expect(imported.status == 0, "\(imported.stderr)")
        let listed = try CabinetProcess.run(["list", "--format", "json"], store: store)
        #expect(listed.status == 0)
        let records = try json(listed.stdout)
        let seed0 = try #require(records.first { ($0["title"] as? String)?.contains("Sector Led Improvement") == true })
        #expect(seed0["decision_maker"] as? String == "Children and Families Cabinet Member - 2022-2023")
        #expect(seed0["status"] as? String == "Recommendations Approved")
        #expect(seed0["is_urgent"] as? Bool == true)
        #expect(seed0["is_key_decision"] as? Bool == false)
        #expect(seed0["decision_date"] as? String == "2021-02-11")
        #expect((seed0["resolutions"] as? [Any])?.count == 1)
        #expect(seed0["effective_from"] is NSNull, "absent values are null, not missing")
        let deadlines = try #require(seed0["deadlines"] as? [[String: Any]])
        #expect(deadlines.map { $0["kind"] as? String } == ["key_decision_notice", "papers_due", "publication", "call_in_ends",
                                                            "effective_from", "scrutiny_meeting"])
        #expect(deadlines.first { $0["kind"] as? String == "publication" }?["state"] as? String == "met")

        // Re-importing updates rather than duplicates.
        try CabinetProcess.run(["import", CabinetProcess.seed("000_e74d8115df5e2211.txt")], store: store)
        #expect(try json(try CabinetProcess.run(["list", "--format", "json"], store: store).stdout).count == records.count)

        let table = try CabinetProcess.run(["list", "--urgent"], store: store)
        #expect(table.stdout.contains("·U··"))
        #expect(table.stdout.split(separator: "\n").allSatisfy { $0.count <= 120 })
    }

    @Test func failedImportChangesNothing() throws {
        let dir = CabinetProcess.scratch()
        let store = dir.appendingPathComponent("s.sqlite").path
        try CabinetProcess.run(["import", CabinetProcess.seed("000_e74d8115df5e2211.txt")], store: store)
        let before = try CabinetProcess.run(["export", "--format", "json"], store: store).stdout
        let bad = dir.appendingPathComponent("bad.json")
        try Data(#"[{"title": "Half a record", "decision_date": "31/02/2024"}]"#.utf8).write(to: bad)
        let result = try CabinetProcess.run(["import", CabinetProcess.seed("002_4fa68843c763d1aa.txt"), bad.path], store: store)
        #expect(result.status != 0)
        #expect(result.stderr.contains("bad.json"), "the error names the file: \(result.stderr)")
        #expect(try CabinetProcess.run(["export", "--format", "json"], store: store).stdout == before)
    }

    @Test func exportImportRoundTripIsLossless() throws {
        let dir = CabinetProcess.scratch()
        let first = dir.appendingPathComponent("a.sqlite").path
        let second = dir.appendingPathComponent("b.sqlite").path
        try CabinetProcess.run(["demo", "--count", "40", "--today", "2026-11-23"], store: first)
        try CabinetProcess.run(["import", CabinetProcess.seed("000_e74d8115df5e2211.txt")], store: first)
        let exportFile = dir.appendingPathComponent("register.json").path
        let exported = try CabinetProcess.run(["export", "--format", "json", "--output", exportFile], store: first)
        #expect(exported.status == 0, "\(exported.stderr)")
        let imported = try CabinetProcess.run(["import", exportFile], store: second)
        #expect(imported.status == 0, "\(imported.stderr)")
        let again = try CabinetProcess.run(["export", "--format", "json"], store: second).stdout
        let original = try String(contentsOfFile: exportFile, encoding: .utf8)
        func withoutSource(_ text: String) throws -> [[String: Any]] {
            try json(text).map { var r = $0; r.removeValue(forKey: "id"); return r }
        }
        #expect(NSArray(array: try withoutSource(again)) == NSArray(array: try withoutSource(original)))
    }

    @Test func showPrintsResolutionsInOrder() throws {
        let store = CabinetProcess.scratch().appendingPathComponent("s.sqlite").path
        try CabinetProcess.run(["import", CabinetProcess.seed("002_4fa68843c763d1aa.txt")], store: store)
        let shown = try CabinetProcess.run(["show", "1"], store: store)
        #expect(shown.status == 0, "\(shown.stderr)")
        let a = try #require(shown.stdout.range(of: "(a)"))
        let b = try #require(shown.stdout.range(of: "(b)"))
        let c = try #require(shown.stdout.range(of: "(c)"))
        #expect(a.lowerBound < b.lowerBound && b.lowerBound < c.lowerBound)
        let missing = try CabinetProcess.run(["show", "999"], store: store)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no decision with id 999"))
    }

    @Test func badOptionsAreClearErrors() throws {
        let store = CabinetProcess.scratch().appendingPathComponent("s.sqlite").path
        let result = try CabinetProcess.run(["list", "--from", "31/02/2024"], store: store)
        #expect(result.status != 0)
        #expect(result.stderr.contains("--from"))
        let stage = try CabinetProcess.run(["list", "--stage", "pending"], store: store)
        #expect(stage.status != 0)
        #expect(stage.stderr.contains("called_in"), "lists the stages")
    }
}

@Suite struct CalendarExportTests {
    @Test func meetingsAndDeadlinesWithStableUIDs() throws {
        let store = CabinetProcess.scratch().appendingPathComponent("s.sqlite").path
        let xml = CabinetProcess.packageRoot.appendingPathComponent("Tests/InterchangeTests/Fixtures/getmeeting-cabinet.xml").path
        let demo = CabinetProcess.packageRoot.appendingPathComponent("Data/demo-register.json").path
        #expect(try CabinetProcess.run(["import", xml, demo], store: store).status == 0)
        let first = try CabinetProcess.run(["export", "--format", "ics"], store: store)
        #expect(first.status == 0, "\(first.stderr)")
        let text = first.stdout.replacingOccurrences(of: "\r\n ", with: "")
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(text.contains("SUMMARY:Cabinet (6.00 pm)"))
        #expect(text.contains("DTSTART;VALUE=DATE:20240312"))
        #expect(text.contains("CATEGORIES:Deadline,call_in_ends"))
        #expect(first.stdout.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        func uids(_ s: String) -> [String] { s.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") } }
        let again = try CabinetProcess.run(["export", "--format", "ics"], store: store).stdout
        #expect(uids(again) == uids(first.stdout), "re-exports update rather than duplicate")
        #expect(Set(uids(again)).count == uids(again).count, "one event per item")
    }

    @Test func csvExportPastOneBatchIsWhole() throws {
        // Exports go out 500 records a batch; records end in CRLF, which once crashed the second batch.
        let store = CabinetProcess.scratch().appendingPathComponent("csv.sqlite").path
        #expect(try CabinetProcess.run(["demo", "--count", "1234"], store: store).status == 0)
        let export = try CabinetProcess.run(["export", "--format", "csv"], store: store)
        #expect(export.status == 0, "\(export.stderr)")
        let lines = export.stdout.split(separator: "\r\n", omittingEmptySubsequences: true)
        #expect(lines.count == 1235, "a header and every record, once")
        #expect(lines.filter { $0.hasPrefix("id,") }.count == 1, "one header")
    }
}
