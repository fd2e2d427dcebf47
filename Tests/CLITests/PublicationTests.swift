import Foundation
import Testing

/// `cabinet publish`: each statutory document from the demo register, printed to PDF by a real
/// browser engine (Debian's chromium, headless) and read back with pdftotext, as the public
/// would read the printed notice.
@Suite(.serialized)
struct PublicationTests {
    /// The demo register as a first run makes it: the seed records, Data/demo-register.json and
    /// the meetings its decisions were taken at.
    struct Register {
        var dir: URL
        var store: String
        var meetingID: String
    }

    static func makeRegister() throws -> Register {
        let dir = CabinetProcess.scratch()
        let created = try CabinetProcess.run(["list", "--format", "json"], environment: ["XDG_DATA_HOME": dir.path])
        #expect(created.status == 0, "\(created.stderr)")
        let store = dir.appendingPathComponent("cabinet-desk/cabinet.sqlite").path
        // The Cabinet of 2 December 2026, whose agenda has an exempt item ("#39  2026-12-02 18:00  Cabinet ...").
        let meetings = try CabinetProcess.run(["meeting", "list"], store: store).stdout
        let line = try #require(meetings.split(separator: "\n").first { $0.contains("2026-12-02") }, "\(meetings)")
        return Register(dir: dir, store: store, meetingID: String(line.split(separator: " ")[0].dropFirst()))
    }

    static func json(_ text: String) throws -> [[String: Any]] {
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
        if let list = value as? [[String: Any]] { return list }
        if let one = value as? [String: Any] { return [one] }
        return []
    }

    // MARK: Printing in a real browser engine

    static var browser: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Prints `html` to A4 PDF in headless chromium and reads it back with `pdftotext -layout`.
    static func printed(_ htmlFile: URL) throws -> String {
        let browser = try #require(browser, "chromium is needed (.ci/run installs it)")
        let pdf = htmlFile.deletingPathExtension().appendingPathExtension("pdf")
        let profile = htmlFile.deletingLastPathComponent().appendingPathComponent("chromium-profile-\(UUID().uuidString)")
        let print = try tool(browser, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                       "--user-data-dir=\(profile.path)", "--print-to-pdf=\(pdf.path)", htmlFile.absoluteString])
        #expect(FileManager.default.fileExists(atPath: pdf.path), "chromium printed no PDF: \(print)")
        _ = try tool("/usr/bin/pdftotext", ["-layout", pdf.path, pdf.deletingPathExtension().appendingPathExtension("txt").path])
        return try String(contentsOf: pdf.deletingPathExtension().appendingPathExtension("txt"), encoding: .utf8)
    }

    @discardableResult
    static func tool(_ path: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let result = try CabinetProcess.execute(process, environment: ProcessInfo.processInfo.environment.merging(["HOME": "/tmp"]) { $1 })
        return result.stdout + result.stderr
    }

    /// Text with every run of whitespace made one space: a printed line break is a space.
    static func flattened(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]

    /// "2026-12-07" as a published notice writes it: "7 December 2026".
    static func longDate(_ iso: String) -> String {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        return "\(parts[2]) \(monthNames[parts[1] - 1]) \(parts[0])"
    }

    // MARK: The forward plan

    @Test func forwardPlanListsExactlyTheKeyDecisionsDueInThePeriod() throws {
        let register = try Self.makeRegister()
        // The period, reckoned here with Foundation's calendar: four months from 23 November 2026, less a day.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.date(from: DateComponents(year: 2026, month: 11, day: 23))!
        let end = calendar.date(byAdding: DateComponents(month: 4, day: -1), to: start)!
        let formatter = DateFormatter()
        formatter.calendar = calendar
        formatter.timeZone = calendar.timeZone
        formatter.dateFormat = "yyyy-MM-dd"
        let (first, last) = ("2026-11-23", formatter.string(from: end))
        // Every key decision still to be taken whose date (scheduled, else meeting) is in the period.
        let keyDecisions = try Self.json(try CabinetProcess.run(["list", "--key", "--format", "json"], store: register.store).stdout)
        var expected: Set<String> = []
        for d in keyDecisions where ["proposed", "deferred"].contains(d["stage"] as? String ?? "") {
            let procedure = d["procedure"] as? [String: Any] ?? [:]
            let meeting = d["meeting"] as? [String: Any] ?? [:]
            guard let date = (procedure["scheduled_for"] as? String) ?? (meeting["date"] as? String) else { continue }
            if date >= first && date <= last { expected.insert("\(d["reference"] as! String) \(Self.longDate(date))") }
        }
        #expect(!expected.isEmpty, "the demo register has key decisions due in the period")
        #expect(keyDecisions.count > expected.count, "and others that are not")

        let html = register.dir.appendingPathComponent("forward-plan.html")
        let published = try CabinetProcess.run(["publish", "forward-plan", "--from", first, "--months", "4", "--format", "html",
                                                "--output", html.path], store: register.store)
        #expect(published.status == 0, "\(published.stderr)")
        let text = try Self.printed(html)
        // Each entry prints "Reference  X" then "Decision due  D" on lines of their own.
        var listed: [String] = []
        var reference: String?
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            if words.first == "Reference", words.count == 2 { reference = words[1] }
            if words.starts(with: ["Decision", "due"]), let reference {
                listed.append("\(reference) \(words.dropFirst(2).joined(separator: " "))")
            }
        }
        #expect(listed.count == expected.count, "each key decision once:\n\(text)")
        #expect(Set(listed) == expected, "the plan lists exactly the key decisions due in the period:\n\(text)")
        #expect(Self.flattened(text).contains("Key decisions to be taken from 23 November 2026 to \(Self.longDate(last))"))
    }

    @Test func publishingTheForwardPlanRecordsTheNoticeDateTheGuardReads() throws {
        let register = try Self.makeRegister()
        let secret = "Marrowgate"
        let fixture = register.dir.appendingPathComponent("new-key.json")
        let today = RoleMatrixTests.today()
        let scheduled = Self.dateString(daysFrom: today, 40)
        let record: [String: Any] = [
            "reference": "PLAN-NEW", "title": "Sale of the depot site", "decision_maker": "Cabinet", "stage": "proposed",
            "status": "For Determination", "is_key_decision": true, "is_subject_to_call_in": true, "is_urgent": false,
            "exempt_paragraphs": [3], "wards": ["Central"], "purpose": "To sell the depot to \(secret) Holdings.",
            "key_reason": "Expenditure over the threshold with \(secret)", "reasons": "Best value from \(secret).",
            "procedure": ["scheduled_for": scheduled], "meeting": ["body": "Cabinet", "date": scheduled],
            "documents": [["title": "Valuation by \(secret)", "url": "https://example.gov.uk/\(secret).pdf"]], "source": "plan-test",
        ]
        // And one due too soon for this notice to give 28 clear days.
        let soon = Self.dateString(daysFrom: today, 10)
        let hurried: [String: Any] = [
            "reference": "PLAN-SOON", "title": "Emergency roof repairs", "decision_maker": "Cabinet", "stage": "proposed",
            "status": "For Determination", "is_key_decision": true, "is_subject_to_call_in": true, "is_urgent": false,
            "exempt_paragraphs": [], "procedure": ["scheduled_for": soon], "source": "plan-test",
        ]
        try JSONSerialization.data(withJSONObject: [record, hurried]).write(to: fixture)
        #expect(try CabinetProcess.run(["import", fixture.path], store: register.store).status == 0)
        let id = try #require(try Self.json(CabinetProcess.run(["list", "--search", "depot site", "--format", "json"], store: register.store).stdout)
            .first?["id"] as? Int)
        let before = try Self.json(CabinetProcess.run(["show", String(id), "--format", "json"], store: register.store).stdout)[0]
        #expect((before["procedure"] as? [String: Any])?["notice_date"] is NSNull)

        let html = register.dir.appendingPathComponent("plan.html")
        let r = try CabinetProcess.run(["publish", "forward-plan", "--from", today, "--today", today, "--output", html.path],
                                       store: register.store)
        #expect(r.status == 0, "\(r.stderr)")
        // The officer is told which entry this notice reaches too late, and only that one.
        let notes = r.stderr.split(separator: "\n").filter { $0.hasPrefix("Note:") }
        #expect(notes.count == 1 && notes[0].contains("PLAN-SOON") && notes[0].contains("R-KEY-NOTICE-28"), "\(r.stderr)")
        let after = try Self.json(CabinetProcess.run(["show", String(id), "--format", "json"], store: register.store).stdout)[0]
        #expect((after["procedure"] as? [String: Any])?["notice_date"] as? String == today, "the act dates the notice by the system clock")
        let history = try CabinetProcess.run(["history", String(id)], store: register.store).stdout
        #expect(history.contains("forward-plan-notice"), "\(history)")
        // The guard now reads that date: the decision may not be taken 28 clear days sooner.
        let approve = try CabinetProcess.run(["transition", String(id), "approve", "--today", today], store: register.store)
        #expect(approve.status != 0 && approve.stderr.contains("R-KEY-NOTICE-28"), "\(approve.stderr)")

        let printed = try Self.printed(html)
        let flat = Self.flattened(printed)
        #expect(flat.contains("Sale of the depot site"), "\(printed)")
        #expect(flat.contains("Schedule 12A paragraph 3"), "the private part is named with its paragraph:\n\(printed)")
        let source = try String(contentsOf: html, encoding: .utf8)
        #expect(!printed.contains(secret) && !source.contains(secret), "exempt text never appears in the published plan")
        // Its record is not published before it is taken; nothing of it is printed.
        let early = try CabinetProcess.run(["publish", "record-of-decision", String(id)], store: register.store)
        #expect(early.status != 0 && early.stderr.contains("R-RECORD-DECISION") && early.stdout.isEmpty, "\(early.stderr)")
        // Published again, the first notice date stands.
        #expect(try CabinetProcess.run(["publish", "forward-plan", "--from", today, "--format", "text"], store: register.store).status == 0)
        let again = try Self.json(CabinetProcess.run(["show", String(id), "--format", "json"], store: register.store).stdout)[0]
        #expect((again["procedure"] as? [String: Any])?["notice_date"] as? String == today)
    }

    static func dateString(daysFrom iso: String, _ days: Int) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: formatter.date(from: iso)!.addingTimeInterval(Double(days) * 86_400))
    }

    // MARK: Exempt information

    @Test func noExemptTextAppearsInAnyPublishedDocument() throws {
        let register = try Self.makeRegister()
        let all = try Self.json(try CabinetProcess.run(["export", "--format", "json"], store: register.store).stdout)
        let exempt = all.filter { !(($0["exempt_paragraphs"] as? [Int]) ?? []).isEmpty }
        #expect(!exempt.isEmpty)
        // What the public may read anywhere: the texts of decisions that are not exempt.
        let openTexts = Self.flattened(all.filter { (($0["exempt_paragraphs"] as? [Int]) ?? []).isEmpty }
            .flatMap(Self.texts).joined(separator: "\n"))
        // A member declares an interest in the exempt item of the Cabinet of 2 December: who, and
        // the kind, are on its record; what the interest is stays with the exempt matter.
        let agendaText = try CabinetProcess.run(["meeting", "show", register.meetingID], store: register.store).stdout
        let itemLine = try #require(agendaText.split(separator: "\n").first { $0.contains("private") }, "\(agendaText)")
        let item = String(try #require(itemLine.split(separator: "[").last?.split(separator: "]").first?.split(separator: " ").last))
        let exemptID = String(try #require(itemLine.split(separator: "#").last?.split(separator: " ").first))
        let interest = "Shareholder in Quillmere Developments"
        #expect(try CabinetProcess.run(["meeting", "declare", item, "--member", "Cllr Dana Whitlock", "--kind", "disclosable-pecuniary",
                                        "--detail", interest], store: register.store).status == 0)
        let declared = try CabinetProcess.run(["publish", "record-of-decision", exemptID, "--preview", "--format", "text"], store: register.store)
        #expect(declared.stdout.contains("Cllr Dana Whitlock: disclosable pecuniary interest") && !declared.stdout.contains("Quillmere"),
                "\(declared.stdout)")
        var documents: [(String, String)] = []
        for format in ["html", "text"] {
            let plan = register.dir.appendingPathComponent("plan-\(format).\(format == "html" ? "html" : "txt")")
            #expect(try CabinetProcess.run(["publish", "forward-plan", "--from", "2026-01-01", "--months", "12", "--format", format,
                                            "--output", plan.path], store: register.store).status == 0)
            documents.append(("forward plan (\(format))", try Self.read(plan, format)))
            let agenda = register.dir.appendingPathComponent("agenda-\(format).\(format == "html" ? "html" : "txt")")
            #expect(try CabinetProcess.run(["publish", "agenda", register.meetingID, "--format", format, "--output", agenda.path],
                                           store: register.store).status == 0)
            documents.append(("agenda (\(format))", try Self.read(agenda, format)))
        }
        for decision in exempt {
            let id = String(decision["id"] as! Int)
            // The withheld texts as an administrator reads them.
            let full = try Self.json(CabinetProcess.run(["show", id, "--format", "json"], store: register.store).stdout)[0]
            let secrets = Self.texts(full).map(Self.flattened).filter { $0.count >= 12 && !openTexts.contains($0) }
            #expect(!secrets.isEmpty, "decision \(id) has withheld text of its own")
            var published: [(String, String)] = documents
            for kind in ["record-of-decision", "special-urgency", "general-exception"] {
                for format in ["html", "text"] {
                    let file = register.dir.appendingPathComponent("\(kind)-\(id).\(format == "html" ? "html" : "txt")")
                    var r = try CabinetProcess.run(["publish", kind, id, "--format", format, "--output", file.path], store: register.store)
                    if r.stderr.contains("R-RECORD-DECISION") {
                        // Not yet taken: its record is not published yet, and is previewed as it will be.
                        r = try CabinetProcess.run(["publish", kind, id, "--preview", "--format", format, "--output", file.path], store: register.store)
                    }
                    // Every HTML source is searched; the first exempt decision's is printed too.
                    let print = decision["id"] as? Int == exempt.first?["id"] as? Int
                    if r.status == 0 { published.append(("\(kind) \(id) (\(format))", try Self.read(file, format, printing: print))) }
                    else { #expect(kind != "record-of-decision", "\(r.stderr)") }
                }
            }
            for (name, text) in published {
                let flat = Self.flattened(text)
                for secret in secrets { #expect(!flat.contains(secret), "\(name) shows withheld text of decision \(id): \(secret)") }
            }
            let record = Self.flattened(published.first { $0.0.hasPrefix("record-of-decision") }!.1)
            #expect(record.contains("Schedule 12A"), "the record says why its text is withheld")
        }
        // The agenda lists the restricted item by title and paragraph only.
        let agenda = Self.flattened(documents.first { $0.0 == "agenda (html)" }!.1)
        #expect(agenda.contains("Disposal of land at Millbrook Estate"), "\(agenda)")
        #expect(agenda.contains("Part II"), "\(agenda)")
    }

    /// Reads a published file: its source, and for HTML what the browser prints of it.
    static func read(_ file: URL, _ format: String, printing: Bool = true) throws -> String {
        let source = try String(contentsOf: file, encoding: .utf8)
        return format == "html" && printing ? try printed(file) + source : source
    }

    /// The texts of a decision as JSON carries them.
    static func texts(_ d: [String: Any]) -> [String] {
        var texts = ["purpose", "decision_text", "reasons", "alternatives", "interests", "urgency_reason", "key_reason"]
            .compactMap { d[$0] as? String }
        texts += (d["resolutions"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        texts += (d["documents"] as? [[String: Any]] ?? []).flatMap { [$0["title"] as? String, $0["url"] as? String].compactMap { $0 } }
        return texts
    }

    // MARK: Council templates

    @Test func aCouncilsReplacementTemplateIsUsed() throws {
        let register = try Self.makeRegister()
        let council = register.dir.appendingPathComponent("council-templates")
        try FileManager.default.createDirectory(at: council, withIntermediateDirectories: true)
        try """
            <!DOCTYPE html><html><head><meta charset="utf-8"><style>@page { size: A4; }</style></head><body>
            <h1>Borough of Testshire: Forward Plan</h1><p>Our own wording, {{periodStart}} to {{periodEnd}}.</p>
            {{#entries}}<p>Item {{reference}} on {{dateToBeTaken}}</p>{{/entries}}</body></html>
            """.write(to: council.appendingPathComponent("forward-plan.html.mustache"), atomically: true, encoding: .utf8)
        try "TESTSHIRE LOGO LINE\n".write(to: council.appendingPathComponent("masthead.txt.mustache"), atomically: true, encoding: .utf8)
        let html = register.dir.appendingPathComponent("council.html")
        let r = try CabinetProcess.run(["publish", "forward-plan", "--from", "2026-11-23", "--templates", council.path, "--output", html.path],
                                       store: register.store)
        #expect(r.status == 0, "\(r.stderr)")
        let text = Self.flattened(try Self.printed(html))
        #expect(text.contains("Borough of Testshire: Forward Plan"), "\(text)")
        #expect(text.contains("Our own wording, 23 November 2026 to 22 March 2027"), "\(text)")
        #expect(!text.contains("Notice of key decisions"), "the shipped wording is replaced: \(text)")
        // The council's directory in the configuration home is used too, file by file: its masthead,
        // the shipped record of decision.
        let config = register.dir.appendingPathComponent("config/cabinet-desk/templates")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: council.appendingPathComponent("masthead.txt.mustache"),
                                         to: config.appendingPathComponent("masthead.txt.mustache"))
        let record = try CabinetProcess.run(["publish", "record-of-decision", "34", "--format", "text", "--preview"], store: register.store,
                                            environment: ["XDG_CONFIG_HOME": register.dir.appendingPathComponent("config").path])
        #expect(record.status == 0, "\(record.stderr)")
        #expect(record.stdout.hasPrefix("TESTSHIRE LOGO LINE") && record.stdout.contains("RECORD OF DECISION"), "\(record.stdout)")
        // A template that does not parse is refused with its file and line, and nothing is written.
        try "{{#entries}}\n{{/wrong}}".write(to: council.appendingPathComponent("forward-plan.html.mustache"), atomically: true, encoding: .utf8)
        let broken = register.dir.appendingPathComponent("broken.html")
        let bad = try CabinetProcess.run(["publish", "forward-plan", "--templates", council.path, "--output", broken.path], store: register.store)
        #expect(bad.status != 0 && bad.stderr.contains("forward-plan.html.mustache:2:"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: broken.path))
    }

    // MARK: Golden text

    /// The plain-text documents from the demo register, against `Golden/publications/*.txt`.
    /// UPDATE_GOLDEN=1 swift test --filter PublicationTests rewrites them.
    @Test func goldenTextOfEachDocument() throws {
        let register = try Self.makeRegister()
        // A general exception recorded on a key decision to come, dated as the notice was given.
        let youth = try #require(try Self.json(CabinetProcess.run(["list", "--search", "Youth Services", "--key", "--format", "json"],
                                                                 store: register.store).stdout).first { $0["stage"] as? String == "proposed" })
        let youthID = String(youth["id"] as! Int)
        let exception = try CabinetProcess.run(["transition", youthID, "record-general-exception", "--reason",
                                                "The contract must be let before the current provider withdraws in January.",
                                                "--date", "2026-11-20", "--late-because", "notice sent by post"], store: register.store)
        #expect(exception.status == 0, "\(exception.stderr)")
        // Decision 34 was taken at the Cabinet of 19 November 2026: a member declared an interest
        // in its item, with a dispensation, and another sent apologies.
        let meetings = try CabinetProcess.run(["meeting", "list"], store: register.store).stdout
        let meeting = String(try #require(meetings.split(separator: "\n").first { $0.contains("2026-11-19") }).split(separator: " ")[0].dropFirst())
        let agenda = try CabinetProcess.run(["meeting", "show", meeting], store: register.store).stdout
        let itemLine = try #require(agenda.split(separator: "\n").first { $0.contains("decision #34 ") }, "\(agenda)")
        let item = try #require(itemLine.split(separator: "[").last?.split(separator: "]").first?.split(separator: " ").last)
        let declared = try CabinetProcess.run(["meeting", "declare", String(item), "--member", "Cllr Priya Shah", "--kind", "other-registrable",
                                               "--detail", "Trustee of the Thornbury Fields Trust",
                                               "--dispensation", "Standards Committee, 2026-11-01"], store: register.store)
        #expect(declared.status == 0, "\(declared.stderr)")
        for (name, flag) in [("Cllr Priya Shah", "--present"), ("Cllr Omar Ahmed", "--apologies")] {
            let attended = try CabinetProcess.run(["meeting", "attend", meeting, name, flag], store: register.store)
            #expect(attended.status == 0, "\(attended.stderr)")
        }
        let urgent = try #require(try Self.json(CabinetProcess.run(["list", "--key", "--urgent", "--format", "json"], store: register.store).stdout)
            .first { ($0["procedure"] as? [String: Any])?["special_urgency_consent"] is String })
        let documents: [(String, [String])] = [
            ("forward-plan", ["forward-plan", "--from", "2026-11-23", "--months", "4", "--preview"]),
            ("record-of-decision-34", ["record-of-decision", "34", "--preview"]),
            ("general-exception", ["general-exception", youthID, "--preview"]),
            ("special-urgency", ["special-urgency", String(urgent["id"] as! Int), "--preview"]),
            ("agenda", ["agenda", register.meetingID, "--preview"]),
        ]
        for (name, args) in documents {
            let r = try CabinetProcess.run(["publish"] + args + ["--format", "text"], store: register.store)
            #expect(r.status == 0, "\(name): \(r.stderr)")
            #expect(try Self.matchesGolden(r.stdout, name), "\(name) differs from Golden/publications/\(name).txt (see .actual.txt)")
        }
    }

    static func matchesGolden(_ text: String, _ name: String) throws -> Bool {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/publications/\(name).txt")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
            return true
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if expected != text {
            try text.write(to: url.deletingPathExtension().appendingPathExtension("actual.txt"), atomically: true, encoding: .utf8)
            return false
        }
        return true
    }
}

/// Who may publish: anyone may preview a document; only an officer or administrator publishes
/// it (rule P-PUBLISH), and a refusal changes nothing, each role a real OS login.
@Suite(.serialized, .enabled(if: OperatingSystemUsers.isRoot, "acting as other logins needs root (CI runs as root)"))
struct PublicationRoleTests {
    static let roles: [(role: String, login: String)] = [
        ("officer", "cdtest-officer"), ("decision_maker", "cdtest-maker"), ("scrutiny_chair", "cdtest-chair"),
        ("member", "cdtest-member1"), ("viewer", "cdtest-viewer"),
    ]

    @Test func membersAndViewersMayPreviewButNotPublish() throws {
        let dir = "/tmp/cabinet-publish-roles-\(UUID().uuidString)"
        // The store is created in a directory of its own before every test login is let in
        // (a store is never created in a directory others may write).
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let store = dir + "/register.sqlite"
        func run(_ args: [String], as login: String?) throws -> CabinetProcess.Result {
            try OperatingSystemUsers.run(args, as: login, store: store, home: dir, environment: ["CABINET_TODAY": "2026-11-23"])
        }
        let demo = CabinetProcess.packageRoot.appendingPathComponent("Data/demo-register.json").path
        // A key decision to come with no notice yet: publishing the plan would give it one.
        let fixture = dir + "/unnoticed.json"
        try JSONSerialization.data(withJSONObject: [[
            "reference": "ROLES-NEW", "title": "New waste contract", "decision_maker": "Cabinet", "stage": "proposed",
            "status": "For Determination", "is_key_decision": true, "is_subject_to_call_in": true, "is_urgent": false,
            "exempt_paragraphs": [], "procedure": ["scheduled_for": "2027-01-20"], "source": "roles-test",
        ]]).write(to: URL(fileURLWithPath: fixture))
        chmod(fixture, 0o644)
        let meeting = CabinetProcess.packageRoot.appendingPathComponent("Tests/InterchangeTests/Fixtures/getmeeting-cabinet.xml").path
        #expect(try run(["import", demo, fixture, meeting], as: nil).status == 0)
        chmod(dir, 0o777)
        for suffix in ["", "-wal", "-shm"] { chmod(store + suffix, 0o666) }
        for (role, login) in Self.roles {
            try OperatingSystemUsers.ensure(login)
            if role != "viewer" {
                var args = ["users", "add", login, "--role", role]
                if role == "decision_maker" { args += ["--maker", "Cabinet"] }
                #expect(try run(args, as: nil).status == 0)
            }
        }
        let unnoticed = try #require(try PublicationTests.json(run(["list", "--search", "waste contract", "--format", "json"], as: nil).stdout)
            .first { $0["reference"] as? String == "ROLES-NEW" }?["id"] as? Int)
        let documents: [[String]] = [
            ["forward-plan", "--from", "2026-11-23"], ["record-of-decision", "34"], ["agenda", "1"],
        ]
        for (role, login) in Self.roles where role != "officer" {
            for document in documents {
                let preview = try run(["publish"] + document + ["--preview", "--format", "text"], as: login)
                #expect(preview.status == 0 && preview.stdout.contains("DEMOCRATIC SERVICES"), "\(role) may preview \(document[0]): \(preview.stderr)")
                let before = try run(["audit", "verify"], as: nil).stdout
                let output = dir + "/\(role)-\(document[0]).html"
                let refused = try run(["publish"] + document + ["--output", output], as: login)
                #expect(refused.status != 0, "\(role) published \(document[0])")
                #expect(refused.stderr.contains("refused") && refused.stderr.contains("P-PUBLISH")
                        && refused.stderr.contains("officer or admin") && refused.stderr.contains("nothing was changed"),
                        "\(role): \(refused.stderr)")
                #expect(try run(["audit", "verify"], as: nil).stdout == before, "\(role)'s refused publication changed the register")
                #expect(!FileManager.default.fileExists(atPath: output), "\(role)'s refused publication wrote \(output)")
            }
        }
        let untouched = try PublicationTests.json(run(["show", String(unnoticed), "--format", "json"], as: nil).stdout)[0]
        #expect((untouched["procedure"] as? [String: Any])?["notice_date"] is NSNull, "refusals recorded no notice date")
        // An officer publishes: the plan is written and its new entry has its notice date.
        let output = dir + "/officer-plan.html"
        let published = try run(["publish", "forward-plan", "--from", "2026-11-23", "--output", output], as: "cdtest-officer")
        #expect(published.status == 0, "\(published.stderr)")
        #expect(FileManager.default.fileExists(atPath: output))
        let noticed = try PublicationTests.json(run(["show", String(unnoticed), "--format", "json"], as: nil).stdout)[0]
        #expect((noticed["procedure"] as? [String: Any])?["notice_date"] as? String == RoleMatrixTests.today())
        let trail = try run(["history", String(unnoticed)], as: nil).stdout
        #expect(trail.contains("forward-plan-notice") && trail.contains("cdtest-officer"), "\(trail)")
    }
}
