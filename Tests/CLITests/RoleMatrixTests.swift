import Foundation
import Testing

/// Every command as each of the six roles, each a real operating-system login, against a
/// register holding an exempt decision whose texts carry a unique secret word: the secret
/// never reaches a role that may not read it, and every write a role may not make is refused
/// with nothing changed.
@Suite(.serialized, .enabled(if: OperatingSystemUsers.isRoot, "acting as other logins needs root (CI runs as root)"))
struct RoleMatrixTests {
    static let secret = "Quillfeather"
    /// login (nil: the store's creator, its administrator) for each role.
    static let logins: [(role: String, login: String?)] = [
        ("admin", nil), ("officer", "cdtest-officer"), ("decision_maker", "cdtest-maker"),
        ("scrutiny_chair", "cdtest-chair"), ("member", "cdtest-member1"), ("viewer", "cdtest-viewer"),
    ]
    static let mayReadExempt: Set<String> = ["admin", "officer", "decision_maker", "scrutiny_chair"]

    struct Register {
        var dir: String
        var store: String
        var exemptID: Int
        var publicID: Int
    }

    static func today() -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London")!
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    static func decisionJSON(reference: String, title: String, maker: String, exempt: Bool, stage: String, decided: String?) -> [String: Any] {
        let secretText = exempt ? " \(secret)" : ""
        return [
            "reference": reference, "title": title, "decision_maker": maker, "stage": stage,
            "status": stage == "proposed" ? "For Determination" : "Recommendations Approved",
            "is_key_decision": false, "is_subject_to_call_in": true, "is_urgent": false,
            "exempt_paragraphs": exempt ? [3] : [], "wards": ["Central"],
            "purpose": "To award the contract\(secretText).",
            "reasons": "Best value\(secretText).", "alternatives": "Not to award\(secretText): rejected.",
            "resolutions": [["label": "1.", "text": "That the\(secretText) tender be awarded and that a further report\(secretText) be received by 31 March 2027."]],
            "decision_date": decided ?? NSNull(), "documents": [["title": "Report\(secretText)", "url": "https://example.gov.uk/\(exempt ? secret : "open").pdf"]],
            "source": "matrix-test",
        ]
    }

    func run(_ args: [String], as login: String?, _ register: Register) throws -> CabinetProcess.Result {
        try OperatingSystemUsers.run(args, as: login, store: register.store, home: register.dir)
    }

    func makeRegister() throws -> Register {
        for (_, login) in Self.logins { if let login { try OperatingSystemUsers.ensure(login) } }
        for extra in ["cdtest-member2", "cdtest-member3"] { try OperatingSystemUsers.ensure(extra) }
        let dir = "/tmp/cabinet-matrix-\(UUID().uuidString)"
        // Made private: a store is never created where others could plant its files first.
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let store = dir + "/register.sqlite"
        var register = Register(dir: dir, store: store, exemptID: 0, publicID: 0)
        let fixture = dir + "/fixture.json"
        let records = [
            Self.decisionJSON(reference: "MATRIX-EXEMPT", title: "Award of the depot contract", maker: "Cabinet Member for Finance",
                              exempt: true, stage: "proposed", decided: nil),
            Self.decisionJSON(reference: "MATRIX-PUBLIC", title: "Library opening hours", maker: "Cabinet", exempt: false,
                              stage: "decided", decided: Self.today()),
        ]
        try JSONSerialization.data(withJSONObject: records).write(to: URL(fileURLWithPath: fixture))
        let demo = CabinetProcess.packageRoot.appendingPathComponent("Data/demo-register.json").path
        #expect(try run(["import", demo, fixture], as: nil, register).status == 0)
        // OS file modes let every test login write: the roles alone must hold.
        chmod(dir, 0o777)
        for suffix in ["", "-wal", "-shm"] { chmod(store + suffix, 0o666) }
        let users: [(String, [String])] = [
            ("cdtest-officer", ["--role", "officer"]), ("cdtest-maker", ["--role", "decision_maker", "--maker", "Cabinet Member for Finance"]),
            ("cdtest-chair", ["--role", "scrutiny_chair"]), ("cdtest-member1", ["--role", "member"]),
            ("cdtest-member2", ["--role", "member"]), ("cdtest-member3", ["--role", "member"]),
        ]
        for (login, role) in users { #expect(try run(["users", "add", login] + role, as: nil, register).status == 0) }
        let listed = try run(["list", "--search", "Award depot", "--format", "json"], as: nil, register)
        let found = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]] ?? []
        register.exemptID = try #require(found.first?["id"] as? Int)
        let open = try JSONSerialization.jsonObject(with: Data(try run(["list", "--search", "Library opening", "--format", "json"], as: nil, register).stdout.utf8)) as? [[String: Any]] ?? []
        register.publicID = try #require(open.first?["id"] as? Int)
        // The exempt decision is on a meeting's agenda, with a declaration of interest whose detail is secret.
        #expect(try run(["meeting", "new", "--body", "Cabinet", "--date", Self.today()], as: nil, register).status == 0)
        #expect(try run(["meeting", "add-item", "1", "--decision", String(register.exemptID)], as: nil, register).status == 0)
        let declared = try run(["meeting", "declare", "1", "--member", "Cllr Matrix", "--kind", "other-registrable",
                                "--detail", "Director of \(Self.secret) Ltd"], as: nil, register)
        #expect(declared.status == 0, "\(declared.stderr)")
        // The exempt decision is taken with an amendment carrying the secret, then published.
        let amend = try run(["transition", String(register.exemptID), "approve-with-amendments", "--amendments", "Add the \(Self.secret) clause"], as: nil, register)
        #expect(amend.status == 0, "\(amend.stderr)")
        #expect(try run(["transition", String(register.exemptID), "publish"], as: nil, register).status == 0)
        #expect(try run(["transition", String(register.publicID), "publish"], as: nil, register).status == 0)
        for suffix in ["", "-wal", "-shm"] { chmod(store + suffix, 0o666) }
        return register
    }

    /// What changes when anything is written: every write is audited, so the audit trail's length.
    func auditLength(_ register: Register) throws -> String {
        try run(["audit", "verify"], as: nil, register).stdout
    }

    /// The whole register as its administrator exports it.
    func export(_ register: Register) throws -> String {
        try run(["export", "--format", "json"], as: nil, register).stdout
    }

    @Test func secretNeverReachesThoseWhoMayNotReadIt() throws {
        let register = try makeRegister()
        let e = String(register.exemptID)
        let reads: [[String]] = [
            ["list"], ["list", "--format", "json"], ["list", "--format", "csv"], ["list", "--exempt", "--format", "json"],
            ["list", "--search", Self.secret, "--format", "json"], ["show", e], ["show", e, "--format", "json"],
            ["history", e], ["history", e, "--format", "json"], ["export", "--format", "json"], ["export", "--format", "csv"],
            ["export", "--format", "ics"], ["due"], ["due", "--format", "json"], ["actions"], ["actions", "--format", "json"],
            ["measures"], ["call-in", "show", e], ["transition", e, "call-in", "--reason", "x"], ["transition", e, "reject", "--reason", "x"],
            ["transition", e, "implement"], ["rules", "show"], ["users", "list"], ["audit", "verify"], ["meeting", "show", "1"],
        ]
        for (role, login) in Self.logins {
            var sawSecret = false
            for args in reads {
                let r = try run(args, as: login, register)
                let text = r.stdout + r.stderr
                if Self.mayReadExempt.contains(role) {
                    sawSecret = sawSecret || text.contains(Self.secret)
                } else {
                    #expect(!text.contains(Self.secret), "\(role) read the secret through `cabinet \(args.joined(separator: " "))`:\n\(text.prefix(600))")
                }
            }
            if Self.mayReadExempt.contains(role) {
                #expect(sawSecret, "\(role) may read the exempt decision but never saw its text")
            } else {
                let show = try run(["show", e], as: login, register).stdout
                #expect(show.contains("Schedule 12A, paragraph 3"), "\(role) is told what is withheld and why:\n\(show.prefix(800))")
            }
        }
    }

    @Test func everyWriteARoleMayNotMakeIsRefusedWithNothingChanged() throws {
        let register = try makeRegister()
        let e = String(register.exemptID), p = String(register.publicID)
        let importFile = register.dir + "/rewrite.json"
        var rewrite = Self.decisionJSON(reference: "MATRIX-PUBLIC", title: "Library opening hours", maker: "Cabinet", exempt: false,
                                        stage: "effective", decided: Self.today())
        rewrite["title"] = "Rewritten by import"
        try JSONSerialization.data(withJSONObject: [rewrite]).write(to: URL(fileURLWithPath: importFile))
        chmod(importFile, 0o644)
        let bulkFile = register.dir + "/bulk.json"
        let bulkRecord = Self.decisionJSON(reference: "MATRIX-BULK", title: "A record only a bulk load brings", maker: "Cabinet",
                                           exempt: false, stage: "proposed", decided: nil)
        try JSONSerialization.data(withJSONObject: [bulkRecord]).write(to: URL(fileURLWithPath: bulkFile))
        chmod(bulkFile, 0o644)
        let measures = ["measures", "add", "--plan", "Matrix", "--name", "Test measure", "--target", "10"]
        // (command, roles that may)
        var writes: [([String], Set<String>)] = [
            (["import", importFile], ["admin", "officer"]),
            (["import", "--bulk", bulkFile], ["admin", "officer"]),
            (["users", "add", "cdtest-viewer", "--role", "officer"], ["admin"]),
            (["rules", "set", "call-in-members", "4"], ["admin", "officer"]),
            (["actions", "add", "--decision", p, "--text", "Report back", "--due", "2027-06-01"], ["admin", "officer"]),
            (["actions", "confirm", "1"], ["admin", "officer"]),
            (["actions", "done", "1"], ["admin", "officer"]),
            (measures, ["admin", "officer"]),
            (["call-in", "record", p, "--member", "Cllr Paper", "--reason", "by post"], ["admin", "officer"]),
            (["call-in", "sign", p, "--grounds", "Test"], ["member", "scrutiny_chair"]),
            (["transition", p, "call-in", "--reason", "typed names", "--member", "Cllr A", "--member", "Cllr B", "--member", "Cllr C"], ["admin", "officer"]),
            (["demo", "--count", "1"], []),
            (["new", "--title", "Matrix decision", "--maker", "Cabinet", "--date", "2027-06-01"], ["admin", "officer"]),
            (["edit", p, "--report-author", "Someone else", "--reason", "matrix"], ["admin", "officer"]),
            (["meeting", "new", "--body", "Cabinet", "--date", "2027-06-03"], ["admin", "officer"]),
            (["meeting", "attend", "1", "Cllr Matrix", "--apologies"], ["admin", "officer"]),
            // The administrator may remove a duplicate, but not this one: it has acts recorded.
            (["remove", p, "--reason", "duplicate"], ["admin"]),
        ]
        // Every transition, as those its roles exclude (from either decision's stage, the role is checked first).
        let transitionRoles: [String: Set<String>] = [
            "schedule": ["officer", "admin"], "record-papers": ["officer", "admin"], "record-general-exception": ["officer", "admin"],
            "publish": ["officer", "admin"], "mark-effective": ["officer", "admin"],
            "record-special-urgency": ["scrutiny_chair", "officer", "admin"], "waive-call-in": ["scrutiny_chair", "officer", "admin"],
            "resolve-call-in": ["scrutiny_chair", "officer", "admin"],
            "approve": ["decision_maker", "officer", "admin"], "approve-with-amendments": ["decision_maker", "officer", "admin"],
            "reject": ["decision_maker", "officer", "admin"], "reconsider": ["decision_maker", "officer", "admin"],
            "defer": ["decision_maker", "officer", "admin"], "withdraw": ["decision_maker", "officer", "admin"],
            "call-in": ["scrutiny_chair", "officer", "admin"], "implement": ["officer", "decision_maker", "admin"],
        ]
        for (kind, roles) in transitionRoles {
            writes.append((["transition", e, kind, "--reason", "matrix", "--scheduled-for", "2027-12-01", "--amendments", "x",
                            "--outcome", "refer-back", "--consent-by", "Chair"], roles))
        }
        // Backdating: only officers and administrators, with a reason.
        writes.append((["transition", p, "call-in", "--reason", "late", "--date", "2020-01-06"], []))
        let registerBefore = try export(register)
        for (role, login) in Self.logins {
            for (args, allowed) in writes where !allowed.contains(role) {
                let before = try auditLength(register)
                let r = try run(args, as: login, register)
                #expect(r.status != 0, "\(role) was allowed `cabinet \(args.joined(separator: " "))`:\n\(r.stdout)")
                #expect(r.stderr.contains("refused") || r.stderr.contains("not permitted"),
                        "\(role): `cabinet \(args.joined(separator: " "))` was not refused as such:\n\(r.stderr)")
                #expect(try auditLength(register) == before, "\(role) changed the register with `cabinet \(args.joined(separator: " "))`")
            }
        }
        #expect(try export(register) == registerBefore, "refused writes left the register as it was")
        // The same write by a role that may make it does change it (the checks above can fail).
        let allowed = try run(["import", importFile], as: "cdtest-officer", register)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(try export(register) != registerBefore)
        // A refusal names the rule and the role needed.
        let imported = try run(["import", importFile], as: "cdtest-member1", register)
        #expect(imported.stderr.contains("P-IMPORT") && imported.stderr.contains("officer or admin"))
        let demo = try run(["demo", "--count", "1"], as: nil, register)
        #expect(demo.stderr.contains("A-DEMO-STORE"), "demo refuses a real register even for its administrator: \(demo.stderr)")
    }

    @Test func membersCallInBySigningAsThemselves() throws {
        let register = try makeRegister()
        let p = String(register.publicID)
        // The request is opened with its grounds: a first signature without them records nothing.
        let bare = try run(["call-in", "sign", p], as: "cdtest-member1", register)
        #expect(bare.status != 0 && bare.stderr.contains("R-REASON-REQUIRED"), "\(bare.stderr)")
        #expect(try run(["call-in", "show", p], as: nil, register).stdout.contains("No call-in request is pending"))
        let first = try run(["call-in", "sign", p, "--grounds", "Consultation was inadequate"], as: "cdtest-member1", register)
        #expect(first.status == 0 && first.stdout.contains("1 of 3"), "\(first.stdout)\(first.stderr)")
        let again = try run(["call-in", "sign", p], as: "cdtest-member1", register)
        #expect(again.status != 0 && again.stderr.contains("already signed"))
        #expect(try run(["call-in", "sign", p], as: "cdtest-member2", register).stdout.contains("2 of 3"))
        // A signatory withdraws; the count falls; then signs again.
        #expect(try run(["call-in", "withdraw", p], as: "cdtest-member2", register).stdout.contains("1 signatures"))
        #expect(try run(["call-in", "sign", p], as: "cdtest-member2", register).stdout.contains("2 of 3"))
        // A member cannot type other members' names, nor call in directly.
        let typed = try run(["transition", p, "call-in", "--reason", "x", "--member", "Cllr A", "--member", "Cllr B"], as: "cdtest-member3", register)
        #expect(typed.status != 0 && typed.stderr.contains("P-PAPER-CALL-IN"))
        let direct = try run(["transition", p, "call-in", "--reason", "x"], as: "cdtest-member3", register)
        #expect(direct.status != 0 && direct.stderr.contains("P-SIGN-CALL-IN"))
        let third = try run(["call-in", "sign", p], as: "cdtest-member3", register)
        #expect(third.status == 0 && third.stdout.contains("Called in"), "\(third.stdout)\(third.stderr)")
        let show = try run(["show", p, "--format", "json"], as: nil, register).stdout
        #expect(show.contains("\"stage\" : \"called_in\"") || show.contains("\"stage\": \"called_in\""), "\(show.prefix(400))")
        let history = try run(["history", p], as: nil, register).stdout
        #expect(history.contains("call-in-sign") && history.contains("cdtest-member3"))
    }

    @Test func actsAreDatedByTheSystemClockWhateverTodaySays() throws {
        let register = try makeRegister()
        let p = String(register.publicID)
        // --today in the future does not let a member act after the period: the act is dated today.
        let viewing = try OperatingSystemUsers.run(["call-in", "sign", p, "--grounds", "Late consultation", "--today", "2099-01-01"], as: "cdtest-member1",
                                                   store: register.store, home: register.dir)
        #expect(viewing.status == 0, "signing is dated by the system clock, not --today: \(viewing.stderr)")
        let history = try run(["history", p, "--format", "json"], as: nil, register).stdout
        #expect(history.contains(Self.today()) && !history.contains("2099-01-01"))
        // An officer records a paper act late, with the date it happened and why; both are kept.
        let late = try run(["call-in", "record", p, "--member", "Cllr Paper", "--signed-on", Self.today(), "--reason", "Received by post on Friday"],
                           as: "cdtest-officer", register)
        #expect(late.status == 0, "\(late.stderr)")
        let missingReason = try run(["transition", p, "mark-effective", "--date", "2020-01-06"], as: "cdtest-officer", register)
        #expect(missingReason.status != 0 && missingReason.stderr.contains("P-BACKDATE"))
    }
}
