import Foundation
import Testing

/// keys.conf as a person edits it: a rebinding that would lose to a screen's own key stops the
/// dashboard at start-up with the line, the key and both commands; once fixed, it starts and obeys.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct KeysConfStartupTests {
    @Test func aClashingRebindingIsReportedAtStartupAndTheFixedFileApplies() throws {
        let dir = CabinetProcess.scratch()
        let store = dir.appendingPathComponent("s.sqlite").path
        let imported = try CabinetProcess.run(["import", CabinetProcess.packageRoot.appendingPathComponent("Data/demo-register.json").path], store: store)
        #expect(imported.status == 0, "\(imported.stderr)")
        let config = dir.appendingPathComponent("cabinet-desk/keys.conf")
        try FileManager.default.createDirectory(at: config.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("# my keys\nmove-down = x, down\n".utf8).write(to: config)
        let env = ["LANG": "C.UTF-8", "TZ": "Europe/London", "CABINET_TODAY": "2026-11-23", "TERM": "xterm-256color",
                   "XDG_CONFIG_HOME": dir.path, "CABINET_STORE": store]

        let refused = try TmuxSession(command: [CabinetProcess.binary.path], width: 160, height: 24, environment: env)
        defer { refused.kill() }
        // The message wraps at the pane's edge; read it as one line.
        let screen = try refused.waitFor("[exited 1]").replacingOccurrences(of: "\n", with: "")
        #expect(screen.contains("keys.conf:2: key x for move-down (everywhere) is the register screen's own key for clear-filters"), "\(screen)")
        #expect(screen.contains("register.move-down = x"), "says how to have it: \(screen)")

        try Data("# my keys\nregister.clear-filters = X\nmove-down = x, down\n".utf8).write(to: config)
        let started = try TmuxSession(command: [CabinetProcess.binary.path], environment: env)
        defer { started.kill() }
        try started.waitFor("decisions · 1/")
        try started.send("x", "x")
        try started.waitFor("decisions · 3/")
        try started.send("q")
        try started.waitFor("[exited 0]")
    }
}
