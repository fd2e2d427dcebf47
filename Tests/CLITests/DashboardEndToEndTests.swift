import Foundation
import Testing

/// The dashboard as a person uses it: the real binary under tmux at 80x24.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct DashboardEndToEndTests {
    func start(width: Int = 80, height: Int = 24, extra: [String: String] = [:]) throws -> (TmuxSession, String) {
        let dir = CabinetProcess.scratch()
        let store = dir.appendingPathComponent("s.sqlite").path
        let imported = try CabinetProcess.run(["import", CabinetProcess.packageRoot.appendingPathComponent("Data/demo-register.json").path,
                                               CabinetProcess.seed("000_e74d8115df5e2211.txt")], store: store)
        #expect(imported.status == 0, "\(imported.stderr)")
        var env = ["LANG": "C.UTF-8", "TZ": "Europe/London", "CABINET_TODAY": "2026-11-23", "TERM": "xterm-256color",
                   "XDG_CONFIG_HOME": dir.path, "CABINET_STORE": store]
        for (k, v) in extra { env[k] = v }
        let session = try TmuxSession(command: [CabinetProcess.binary.path], width: width, height: height, environment: env)
        return (session, store)
    }

    @Test func browseOpenSearchAndQuit() throws {
        let (tui, _) = try start()
        defer { tui.kill() }
        let register = try tui.waitFor("decisions · 1/")
        #expect(register.contains("Cabinet Desk · Register"))
        #expect(register.contains("KUCE"))
        try tui.send("j", "j", "Enter")
        let detail = try tui.waitFor("Deadlines")
        #expect(detail.contains("Decision #"))
        try tui.send("Escape")
        try tui.waitFor("Cabinet Desk · Register")
        try tui.send("/", "r", "a", "v", "e", "n", "s")
        try tui.waitFor("/ravens")
        try tui.send("Enter")
        let searched = try tui.waitFor("search:ravens")
        #expect(!searched.contains("243 decisions"), "the search narrows the register")
        try tui.send("K")
        try tui.waitFor("key search:ravens")
        try tui.send("x", "?")
        let help = try tui.waitFor("Keys in force")
        #expect(help.contains("Move down"))
        try tui.send("Escape", "q")
        let after = try tui.waitFor("[exited 0]")
        #expect(!after.contains("Cabinet Desk ·"), "the screen is restored on quit")
    }

    /// Screen readers and braille displays follow the terminal cursor: it must sit on the
    /// selected row, and at the caret (shown) where text is typed, at 60x15 too.
    @Test func theCursorFollowsTheSelectionAndTheCaret() throws {
        let (tui, _) = try start()
        defer { tui.kill() }
        try tui.waitFor("decisions · 1/")
        func cursor() throws -> String {
            try tui.tmux(["display", "-p", "-t", tui.name, "#{cursor_x},#{cursor_y},#{cursor_flag}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        func waitForCursor(_ expected: String) throws {
            let deadline = Date().addingTimeInterval(10)
            var seen = ""
            while Date() < deadline {
                seen = try cursor()
                if seen == expected { return }
                Thread.sleep(forTimeInterval: 0.05)
            }
            Issue.record("cursor at \(seen), expected \(expected)")
        }
        try waitForCursor("0,2,0")
        try tui.send("j", "j")
        try tui.waitFor("decisions · 3/")
        try waitForCursor("0,4,0")
        try tui.send("/", "r", "a", "v")
        try tui.waitFor("/rav")
        try waitForCursor("4,22,1")
        try tui.send("Escape")
        try tui.waitFor("no filters")
        try waitForCursor("0,2,0")
        try tui.tmux(["resize-window", "-t", tui.name, "-x", "60", "-y", "15"])
        try tui.waitFor("NEXT DUE")
        try tui.send("t")
        let menu = try tui.waitFor("Press a letter")
        #expect(menu.contains("a  "))
        try tui.send("a")
        let dialog = try tui.waitFor("Reason (")
        #expect(dialog.contains("Enter to confirm"), "the input and how to confirm fit at 60x15:\n\(dialog)")
        let position = try cursor().split(separator: ",")
        #expect(position.last == "1", "the caret is shown")
        let row = Int(position[1]) ?? -1
        let lines = dialog.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.indices.contains(row) && lines[row].contains("Reason ("), "the cursor is on the line being typed:\n\(dialog)")
        try tui.send("Escape", "Escape", "q")
    }

    @Test func escapeIsImmediateAndResizeRelayouts() throws {
        let (tui, _) = try start()
        defer { tui.kill() }
        try tui.waitFor("decisions · 1/")
        try tui.send("Enter")
        try tui.waitFor("Deadlines")
        let started = Date()
        try tui.send("Escape")
        try tui.waitFor("NEXT DUE", timeout: 2)
        #expect(Date().timeIntervalSince(started) < 0.9, "Esc does not wait a second")
        try tui.tmux(["resize-window", "-t", tui.name, "-x", "60", "-y", "15"])
        let small = try tui.waitFor("NEXT DUE")
        let lines = small.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 60 })
        try tui.send("q")
        try tui.waitFor("[exited 0]")
    }

    @Test func sigtermRestoresTheTerminal() throws {
        let (tui, _) = try start()
        defer { tui.kill() }
        try tui.waitFor("decisions · 1/")
        let pid = try tui.tmux(["list-panes", "-t", tui.name, "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        // The pane runs a shell; its child is cabinet.
        let pkill = Process()
        pkill.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        pkill.arguments = ["pkill", "-TERM", "-P", pid, "-x", "cabinet"]
        try pkill.run()
        pkill.waitUntilExit()
        let after = try tui.waitFor("[exited")
        #expect(!after.contains("Cabinet Desk ·"))
    }

    @Test func monochromeWithNoColorAndDumbTerminal() throws {
        let (tui, _) = try start(extra: ["NO_COLOR": "1", "TERM": "dumb"])
        defer { tui.kill() }
        let screen = try tui.waitFor("decisions · 1/")
        #expect(screen.contains("KUCE"))
        try tui.send("q")
        try tui.waitFor("[exited 0]")
    }
}
