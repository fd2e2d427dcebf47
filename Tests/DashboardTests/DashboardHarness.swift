import Foundation
import Decisions
import DecisionStore
import Dashboard
import Terminal

let today = CivilDate(iso: "2026-11-23")!

/// A store with the deterministic synthetic register, in its own temporary directory.
func makeRegister(count: Int = 120) throws -> DecisionStore {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cabinet-dash-\(UUID().uuidString)")
    let store = try DecisionStore(path: dir.appendingPathComponent("s.sqlite").path, creator: "officer1", today: today)
    let register = SyntheticRegister(seed: 7, today: today, spanDays: 365)
    try store.bulkInsert(login: "officer1", reason: "test register") { batch in
        batch == 0 ? (0..<count).map(register.decision) : nil
    }
    return store
}

@MainActor
func makeApp(_ store: DecisionStore, role: Role = .officer, width: Int = 80, height: Int = 24, keymap: Keymap = .standard,
             colour: Bool = false) -> DashboardApp {
    let context = DashboardContext(rules: CouncilRules(), calendar: .englandAndWales, keymap: keymap, colour: colour)
    let app = DashboardApp(store: store, actor: Actor(login: "tester", role: role), today: today, context: context,
                           width: width, height: height)
    app.start()
    return app
}

extension DashboardApp {
    /// Types keys as a person would.
    func type(_ keys: Key...) { for key in keys { handle(.key(key)) } }
    func type(text: String) { for c in text { handle(.key(.char(c))) } }
    var screenText: String { render().text }
}

/// Compares a screen with its golden file; UPDATE_GOLDEN=1 rewrites the file.
func matchesGolden(_ text: String, _ name: String) throws -> Bool {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name).txt")
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
        try (text + "\n").write(to: url, atomically: true, encoding: .utf8)
        return true
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    if expected != text + "\n" {
        try (text + "\n").write(to: url.deletingPathExtension().appendingPathExtension("actual.txt"), atomically: true, encoding: .utf8)
        return false
    }
    return true
}
