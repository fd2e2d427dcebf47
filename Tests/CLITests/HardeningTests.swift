import Foundation
import Testing

/// Issue 16, from the outside: the faults a hostile but ordinary week of use found, each as
/// the command or keystroke that found it.
@Suite(.serialized) struct HardeningTests {
    static let escape: Unicode.Scalar = "\u{1B}"

    func demoStore() throws -> (URL, String) {
        let dir = CabinetProcess.scratch()
        let store = dir.appendingPathComponent("s.sqlite").path
        let r = try CabinetProcess.run(["import", CabinetProcess.packageRoot.appendingPathComponent("Data/demo-register.json").path], store: store)
        #expect(r.status == 0, "\(r.stderr)")
        return (dir, store)
    }

    func hasRawControls(_ text: String) -> Bool {
        text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\r" && $0 != "\t") || (0x7F...0x9F).contains($0.value) }
    }

    // MARK: Item 1: bounded date work, a documented range

    @Test func farDatesAreRefusedWhereTheyComeInAndHugeSpansReturn() throws {
        let (dir, store) = try demoStore()
        let far = try CabinetProcess.run(["calendar", "--add-working-days", "100000000", "--from", "2026-01-01"])
        #expect(far.status != 0 && far.stderr.contains("1900-01-01 to 2199-12-31"), "\(far.stderr)")
        let today = try CabinetProcess.run(["list", "--today", "9999-12-01"], store: store)
        #expect(today.status != 0 && today.stderr.contains("--today: 9999-12-01 is outside the dates Cabinet Desk works with"))
        let within = try CabinetProcess.run(["due", "--within", "1000000000", "--format", "json"], store: store)
        #expect(within.status == 0, "\(within.stderr)")
        let transition = try CabinetProcess.run(["transition", "1", "publish", "--date", "1066-10-14", "--late-because", "Hastings"], store: store)
        #expect(transition.status != 0 && transition.stderr.contains("1066-10-14 is outside"), "\(transition.stderr)")
        let recurrence = try CabinetProcess.run(["actions", "add", "--text", "Report", "--due", "2026-12-01",
                                                 "--every", "9223372036854775807 weeks"], store: store)
        #expect(recurrence.status != 0)

        // A decision of December 9999 that commits to monthly reports: refused, naming the file and field.
        let file = dir.appendingPathComponent("far.json")
        try Data(#"[{"title":"Far","decision_maker":"Cabinet","decision_date":"9999-12-01","resolutions":[{"text":"That there be monthly reports on progress."}]}]"#.utf8).write(to: file)
        let before = try CabinetProcess.run(["actions", "--format", "json"], store: store).stdout
        let imported = try CabinetProcess.run(["import", file.path], store: store)
        #expect(imported.status != 0)
        #expect(imported.stderr.contains(file.path) && imported.stderr.contains("decision date") && imported.stderr.contains("nothing was imported"))
        #expect(try CabinetProcess.run(["actions", "--format", "json"], store: store).stdout == before)
        for command in [["actions"], ["due"], ["list"]] {
            #expect(try CabinetProcess.run(command, store: store).status == 0, "\(command)")
        }
    }

    // MARK: Item 4: nothing raw reaches a terminal

    @Test func errorMessagesAndTheImportReportAreNeutralised() throws {
        let (dir, store) = try demoStore()
        let stage = try CabinetProcess.run(["list", "--stage", "\u{1B}]0;owned\u{07}\u{9B}31m"], store: store)
        #expect(stage.status != 0)
        #expect(!hasRawControls(stage.stderr), "raw controls in: \(stage.stderr.debugDescription)")
        #expect(stage.stderr.contains("␛]0;owned␇"))
        let missing = try CabinetProcess.run(["import", dir.appendingPathComponent("x\u{1B}[2J.json").path], store: store)
        #expect(missing.status != 0 && !hasRawControls(missing.stderr) && missing.stderr.contains("x␛[2J.json"))

        let file = dir.appendingPathComponent("hostile.json")
        try Data(#"[{"title":"Report \u001b[2J\u001b]0;owned\u0007 \u009b31m \u202etxet","decision_maker":"Cabinet"}]"#.utf8).write(to: file)
        let report = try CabinetProcess.run(["import", file.path], store: store)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(!hasRawControls(report.stdout) && !report.stdout.unicodeScalars.contains("\u{202E}"))
        #expect(report.stdout.contains("Report ␛[2J␛]0;owned␇"))
        let csv = try CabinetProcess.run(["export", "--format", "csv"], store: store).stdout
        #expect(!hasRawControls(csv.replacingOccurrences(of: "\r\n", with: "\n")))
        let json = try CabinetProcess.run(["export", "--format", "json"], store: store).stdout
        #expect(!hasRawControls(json) && json.contains(#"\u009b31m \u202etxet"#))
    }

    // MARK: Item 6: files the program writes are owner-only unless asked

    @Test func exportsAreWrittenForTheirOwnerOnlyUnlessAsked() throws {
        let (dir, store) = try demoStore()
        for (arguments, mode) in [([String](), 0o600), (["--file-mode", "640"], 0o640)] {
            let out = dir.appendingPathComponent("export-\(mode).json").path
            let r = try CabinetProcess.run(["export", "--output", out] + arguments, store: store)
            #expect(r.status == 0, "\(r.stderr)")
            #expect((try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int) == mode)
        }
        #expect(try CabinetProcess.run(["export", "--output", dir.appendingPathComponent("x").path, "--file-mode", "9"], store: store).status != 0)
    }

    // MARK: Item 7: a checkpoint kept outside the store

    @Test func checkpointThenVerifySince() throws {
        let (_, store) = try demoStore()
        let checkpoint = try CabinetProcess.run(["audit", "checkpoint"], store: store)
        #expect(checkpoint.status == 0)
        let line = checkpoint.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line.range(of: #"^[0-9]+:[0-9a-f]{64}$"#, options: .regularExpression) != nil, "\(line)")
        let verified = try CabinetProcess.run(["audit", "verify", "--since", line], store: store)
        #expect(verified.status == 0 && verified.stdout.contains("is the one checkpointed"), "\(verified.stderr)")
        #expect(try CabinetProcess.run(["audit", "verify", "--since", "not-a-checkpoint"], store: store).status != 0)
        let sequence = Int(line.split(separator: ":")[0])!
        let ahead = "\(sequence + 10):" + String(repeating: "0", count: 64)
        let rolledBack = try CabinetProcess.run(["audit", "verify", "--since", ahead], store: store)
        #expect(rolledBack.status != 0 && rolledBack.stderr.contains("rolled back"))
    }

    @Test func aCommittedImportSurvivesItsWALBeingDeletedUnderAHolder() throws {
        let (dir, store) = try demoStore()
        let checkpoint = try CabinetProcess.run(["audit", "checkpoint"], store: store).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        // Someone keeps the store open (so no one's close folds the -wal into the file)...
        let marker = dir.appendingPathComponent("holding").path
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", "import sqlite3,sys,time; c=sqlite3.connect(sys.argv[1]); "
                            + "c.execute('select count(*) from decision').fetchall(); open(sys.argv[2], 'w').close(); time.sleep(60)", store, marker]
        try holder.run()
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: marker) && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(FileManager.default.fileExists(atPath: marker), "the holder has the store open")
        let file = dir.appendingPathComponent("one.json")
        try Data(#"[{"title":"Committed before the WAL went","decision_maker":"Cabinet","reference":"WAL-1"}]"#.utf8).write(to: file)
        #expect(try CabinetProcess.run(["import", file.path], store: store).status == 0)
        // ...the -wal is deleted under them, and they are killed.
        try? FileManager.default.removeItem(atPath: store + "-wal")
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        let listed = try CabinetProcess.run(["list", "--search", "Committed WAL"], store: store)
        #expect(listed.stdout.contains("Committed before the WAL went"), "the import was in the store file, not only the -wal")
        #expect(try CabinetProcess.run(["audit", "verify", "--since", checkpoint], store: store).status == 0)
    }

    // MARK: Item 3: the terminal is given back on every way out

    /// The dashboard under tmux, with the mouse on, and its process id.
    func dashboard() throws -> (TmuxSession, pid_t) {
        let (dir, store) = try demoStore()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("cabinet-desk"), withIntermediateDirectories: true)
        try Data("mouse = on\n".utf8).write(to: dir.appendingPathComponent("cabinet-desk/keys.conf"))
        let session = try TmuxSession(command: [CabinetProcess.binary.path], environment: [
            "LANG": "C.UTF-8", "TZ": "Europe/London", "CABINET_TODAY": "2026-11-23", "TERM": "xterm-256color",
            "XDG_CONFIG_HOME": dir.path, "CABINET_STORE": store])
        try session.waitFor("decisions · 1/")
        #expect(try session.tmux(["display", "-p", "-t", session.name, "#{cursor_flag},#{alternate_on},#{mouse_any_flag}"])
            .trimmingCharacters(in: .whitespacesAndNewlines) == "0,1,1", "the dashboard holds the screen")
        let shell = Int32(try session.tmux(["display", "-p", "-t", session.name, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines))!
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        let pid = try #require(children.split(separator: " ").compactMap { Int32($0) }.first)
        return (session, pid)
    }

    func terminalState(_ session: TmuxSession) throws -> String {
        try session.tmux(["display", "-p", "-t", session.name, "#{cursor_flag},#{alternate_on},#{mouse_any_flag}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(.enabled(if: TmuxSession.isAvailable, "needs tmux"), arguments: [SIGINT, SIGTERM, SIGHUP, SIGQUIT])
    func aSignalGivesTheTerminalBackWhole(_ signal: Int32) throws {
        let (session, pid) = try dashboard()
        defer { session.kill() }
        kill(pid, signal)
        let after = try session.waitFor("[exited", timeout: 10)
        #expect(try terminalState(session) == "1,0,0", "cursor shown, alternate screen left, mouse reporting off")
        #expect(!after.contains("NEXT DUE"), "the dashboard is gone from the screen")
    }

    @Test(.enabled(if: TmuxSession.isAvailable, "needs tmux"))
    func aCrashPrintsItsReportAfterTheScreenIsGivenBackAndDoesNotWait() throws {
        let (session, pid) = try dashboard()
        defer { session.kill() }
        let started = Date()
        kill(pid, SIGSEGV)
        let after = try session.waitFor("[exited", timeout: 10)
        #expect(Date().timeIntervalSince(started) < 10, "no interactive backtrace prompt")
        #expect(!after.contains("Press space to interact"))
        #expect(try terminalState(session) == "1,0,0")
        let history = try session.tmux(["capture-pane", "-p", "-t", session.name, "-S", "-2000"])
        #expect(history.contains("crashed"), "the report is printed, on the restored screen")
        #expect(!history.contains("NEXT DUE"))
    }
}
