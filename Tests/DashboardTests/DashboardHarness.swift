import Foundation
import Decisions
import DecisionStore
import Dashboard
import Desk
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

/// The dashboard on a real store, through a Desk acting as "tester" with `role` on `today`.
@MainActor
func makeApp(_ store: DecisionStore, role: Role = .officer, width: Int = 80, height: Int = 24, keymap: Keymap = .standard,
             colour: Bool = false) -> DashboardApp {
    let desk = try! makeDesk(store, role: role)
    let app = DashboardApp(service: desk, context: DashboardContext(keymap: keymap, colour: colour), width: width, height: height)
    app.start()
    return app
}

func makeDesk(_ store: DecisionStore, login: String = "tester", role: Role) throws -> Desk {
    try store.setPerson(Actor(login: login, role: role, makers: role == .decisionMaker ? ["Cabinet"] : []),
                        by: Actor(login: "officer1", role: .admin))
    return try Desk(store: store, login: login, viewingDate: today, clock: FixedClock(today), calendar: .englandAndWales)
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
