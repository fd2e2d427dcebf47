import Foundation
import Testing

/// `cabinet new`, `edit`, `remove`, `init` and `meeting` as a script or a person at a shell uses them.
@Suite struct AuthoringCommandTests {
    /// A day to come, whatever day the tests run.
    static let later = AuthoringEndToEndTests.iso(Date().addingTimeInterval(60 * 86_400))
    static let muchLater = AuthoringEndToEndTests.iso(Date().addingTimeInterval(90 * 86_400))

    func register() throws -> (store: String, dir: URL) {
        let dir = CabinetProcess.scratch()
        let store = dir.appendingPathComponent("r.sqlite").path
        let started = try CabinetProcess.run(["init"], store: store)
        #expect(started.status == 0, "\(started.stderr)")
        return (store, dir)
    }

    func auditLength(_ store: String) throws -> String { try CabinetProcess.run(["audit", "verify"], store: store).stdout }

    @Test func badInputIsRefusedWithTheFieldNamedAndNothingWritten() throws {
        let (store, _) = try register()
        let base = ["new", "--title", "Award of the leisure contract", "--maker", "Cabinet"]
        let cases: [([String], String)] = [
            (base + ["--date", "2027-02-30"], "date: \"2027-02-30\" is not a date"),
            (base + ["--date", Self.later, "--set", "colour=blue"], "colour: no such field"),
            (base + ["--date", Self.later, "--key", "yes"], "key-reason: a key decision needs its reason"),
            (base + ["--meeting", "9"], "meeting: there is no meeting #9"),
            (base + ["--date", Self.later, "--exempt", "3,9"], "exempt: \"9\" is not a Schedule 12A paragraph"),
            (["new", "--maker", "Cabinet", "--date", Self.later], "title: a decision needs a title"),
        ]
        let before = try auditLength(store)
        for (args, message) in cases {
            let r = try CabinetProcess.run(args, store: store)
            #expect(r.status != 0, "accepted: \(args)")
            #expect(r.stderr.contains(message), "`cabinet \(args.joined(separator: " "))` said:\n\(r.stderr)")
            #expect(r.stderr.contains("nothing was written"))
        }
        #expect(try auditLength(store) == before, "nothing was written")
        let good = try CabinetProcess.run(base + ["--date", Self.later, "--key", "yes", "--key-reason", "wards", "--wards", "Abbey, Hollins",
                                                  "--recommendations", "1. Award the contract\\n2. Delegate the terms", "--document",
                                                  "Report | https://example.gov.uk/report.pdf"], store: store)
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("Recorded decision #1: Award of the leisure contract — to be taken \(Self.later)"))
        let shown = try CabinetProcess.run(["show", "1"], store: store).stdout
        #expect(shown.contains("Significant effect on two or more wards") && shown.contains("2. Delegate the terms"))
        #expect(shown.contains("Report"))
    }

    @Test func withNoFieldsNewOpensTheEditorOnATemplate() throws {
        let (store, dir) = try register()
        let editor = dir.appendingPathComponent("fill.sh")
        try """
            #!/bin/sh
            sed -i -e 's/^title: $/title: Library strategy 2027-2032/' -e 's/^maker: $/maker: Cabinet Member for Culture/' \\
                   -e 's/^date: $/date: \(Self.later)/' -e 's/^purpose:$/purpose:\\n  Why the strategy is needed,\\n  over two lines./' "$1"
            """.write(to: editor, atomically: true, encoding: .utf8)
        chmod(editor.path, 0o755)
        let made = try CabinetProcess.run(["new"], store: store, environment: ["EDITOR": editor.path, "VISUAL": ""])
        #expect(made.status == 0, "\(made.stderr)")
        let shown = try CabinetProcess.run(["show", "1"], store: store).stdout
        #expect(shown.contains("Library strategy 2027-2032"))
        #expect(shown.contains("Why the strategy is needed,") && shown.contains("over two lines."))
        // An editor that writes nonsense: refused by line, nothing written, the text kept.
        let bad = dir.appendingPathComponent("bad.sh")
        try "#!/bin/sh\nprintf 'title: Parks\\ncolour: green\\n' > \"$1\"\n".write(to: bad, atomically: true, encoding: .utf8)
        chmod(bad.path, 0o755)
        let refused = try CabinetProcess.run(["new"], store: store, environment: ["EDITOR": bad.path, "VISUAL": ""])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("line 2: colour: no such field"), "\(refused.stderr)")
        let kept = try #require(refused.stderr.split(separator: " ").first { $0.hasSuffix(".cabinet.txt") }.map(String.init))
        #expect(try String(contentsOfFile: kept, encoding: .utf8).contains("colour: green"), "what was typed is kept")
        #expect(try CabinetProcess.run(["show", "2"], store: store).status != 0)
        // An empty template records nothing.
        let empty = try CabinetProcess.run(["new"], store: store, environment: ["EDITOR": "true", "VISUAL": ""])
        #expect(empty.status != 0 && empty.stdout.contains("Nothing recorded"))
    }

    @Test func anEditNeedsTheVersionItWasMadeFromAndAPublishedRecordIsCorrected() throws {
        let (store, dir) = try register()
        #expect(try CabinetProcess.run(["new", "--title", "Depot contract", "--maker", "Cabinet", "--date", Self.later], store: store).status == 0)
        let first = try CabinetProcess.run(["edit", "1", "--report-author", "A. Patel", "--expect-version", "0"], store: store)
        #expect(first.status == 0, "\(first.stderr)")
        let stale = try CabinetProcess.run(["edit", "1", "--report-author", "B. Jones", "--expect-version", "0"], store: store)
        #expect(stale.status != 0 && stale.stderr.contains("was changed by someone else"), "\(stale.stderr)")
        #expect(try CabinetProcess.run(["show", "1"], store: store).stdout.contains("A. Patel"))
        // Through $EDITOR: the record as text, a changed line saved.
        let editor = dir.appendingPathComponent("author.sh")
        try "#!/bin/sh\nsed -i 's/^report-author:.*/report-author: Sam Okafor/' \"$1\"\n".write(to: editor, atomically: true, encoding: .utf8)
        chmod(editor.path, 0o755)
        let viaEditor = try CabinetProcess.run(["edit", "1"], store: store, environment: ["EDITOR": editor.path, "VISUAL": ""])
        #expect(viaEditor.stdout.contains("changed report_author"), "\(viaEditor.stdout)\(viaEditor.stderr)")
        // Taken and published (acts are dated today): a change is then a correction with a reason.
        let outcome = try CabinetProcess.run(["edit", "1", "--reasons", "Best value", "--alternatives", "Do nothing: rejected"], store: store)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(try CabinetProcess.run(["transition", "1", "approve"], store: store).status == 0)
        let moved = try CabinetProcess.run(["edit", "1", "--date", Self.muchLater], store: store)
        #expect(moved.status != 0 && moved.stderr.contains("A-RESCHEDULE"), "a decision taken is not moved: \(moved.stderr)")
        #expect(try CabinetProcess.run(["transition", "1", "publish"], store: store).status == 0)
        let silent = try CabinetProcess.run(["edit", "1", "--reasons", "Better value"], store: store)
        #expect(silent.status != 0 && silent.stderr.contains("A-CORRECTION"), "\(silent.stderr)")
        let corrected = try CabinetProcess.run(["edit", "1", "--reasons", "Better value", "--reason", "typing error in the published reasons"], store: store)
        #expect(corrected.status == 0, "\(corrected.stderr)")
        let history = try CabinetProcess.run(["history", "1"], store: store).stdout
        #expect(history.contains("correct") && history.contains("typing error in the published reasons"))
        #expect(history.contains("reasons: Best value → Better value"), "\(history)")
    }

    @Test func meetingsAgendasAttendanceDeclarationsAndRemoval() throws {
        let (store, _) = try register()
        #expect(try CabinetProcess.run(["init"], store: store).stderr.contains("already exists"))
        let made = try CabinetProcess.run(["meeting", "new", "--body", "Cabinet", "--date", Self.later, "--time", "18:00", "--place", "Council Chamber"], store: store)
        #expect(made.stdout.contains("Created meeting #1"), "\(made.stderr)")
        #expect(try CabinetProcess.run(["meeting", "new", "--body", "Cabinet", "--date", Self.later, "--time", "25:00"], store: store).stderr.contains("time"))
        #expect(try CabinetProcess.run(["new", "--title", "Leisure contract", "--maker", "Cabinet", "--meeting", "1"], store: store).status == 0)
        #expect(try CabinetProcess.run(["new", "--title", "Leisure contract (again)", "--maker", "Cabinet", "--date", Self.later], store: store).status == 0)
        #expect(try CabinetProcess.run(["meeting", "add-item", "1", "--title", "Apologies for absence", "--position", "1"], store: store).status == 0)
        #expect(try CabinetProcess.run(["meeting", "attend", "1", "Cllr Ahmed", "--apologies"], store: store).status == 0)
        #expect(try CabinetProcess.run(["meeting", "attend", "1", "Cllr Jones"], store: store).status == 0)
        let declared = try CabinetProcess.run(["meeting", "declare", "1", "--member", "Cllr Jones", "--kind", "pecuniary",
                                               "--dispensation", "Standards Committee, 2026-10-01"], store: store)
        #expect(declared.status == 0, "\(declared.stderr)")
        var shown = try CabinetProcess.run(["meeting", "show", "1"], store: store).stdout
        #expect(shown.contains("1   Apologies for absence"), "\(shown)")
        #expect(shown.contains("2   Leisure contract  [item 1]  decision #1 proposed"), "\(shown)")
        #expect(shown.contains("interest: Cllr Jones, disclosable pecuniary interest; dispensation: Standards Committee, 2026-10-01"))
        #expect(shown.contains("Apologies: Cllr Ahmed") && shown.contains("Present: Cllr Jones"))
        let record = try CabinetProcess.run(["show", "1"], store: store).stdout
        #expect(record.contains("Declarations of interest")
                && record.contains("Cllr Jones: disclosable pecuniary interest; dispensation: Standards Committee, 2026-10-01"), "\(record)")
        #expect(try CabinetProcess.run(["meeting", "move-item", "1", "--to", "1"], store: store).status == 0)
        shown = try CabinetProcess.run(["meeting", "show", "1"], store: store).stdout
        #expect(shown.contains("1   Leisure contract") && shown.contains("2   Apologies for absence"), "\(shown)")
        // The duplicate, removed by the administrator with a reason, is kept as removed.
        let removed = try CabinetProcess.run(["remove", "2", "--reason", "duplicate of #1"], store: store)
        #expect(removed.status == 0, "\(removed.stderr)")
        let gone = try CabinetProcess.run(["show", "2"], store: store)
        #expect(gone.status != 0 && gone.stderr.contains("was removed from the register") && gone.stderr.contains("duplicate of #1"))
        #expect(try CabinetProcess.run(["history", "2"], store: store).stdout.contains("remove"))
        #expect(try CabinetProcess.run(["remove", "1"], store: store).stderr.contains("give the reason"))
        #expect(try CabinetProcess.run(["audit", "verify"], store: store).status == 0)
    }

    @Test func aWrittenRecordsContactSurvivesExportAndImport() throws {
        let (store, dir) = try register()
        #expect(try CabinetProcess.run(["new", "--title", "Parks strategy", "--maker", "Cabinet", "--date", Self.later,
                                        "--contact", "parks@example.gov.uk"], store: store).status == 0)
        let file = dir.appendingPathComponent("export.json").path
        #expect(try CabinetProcess.run(["export", "--format", "json", "--output", file], store: store).status == 0)
        let other = dir.appendingPathComponent("other.sqlite").path
        #expect(try CabinetProcess.run(["init"], store: other).status == 0)
        let imported = try CabinetProcess.run(["import", file], store: other)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try CabinetProcess.run(["show", "1"], store: other).stdout.contains("Contact           parks@example.gov.uk"))
    }
}
