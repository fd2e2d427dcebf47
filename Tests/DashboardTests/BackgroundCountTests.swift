import Foundation
import Testing
import Decisions
import DecisionStore
import Dashboard
import Desk
import Terminal

/// The dashboard as it runs in a terminal: the window is drawn first and the count follows
/// from the background, for each role (a search's count respects what the role may search).
@MainActor
@Suite struct BackgroundCountTests {
    @Test(arguments: [Role.officer, .viewer])
    func theWindowComesFirstAndTheExactCountFollows(_ role: Role) throws {
        let store = try makeRegister(count: 3000)
        let desk = try makeDesk(store, role: role)
        let app = DashboardApp(service: desk, context: DashboardContext(keymap: .standard, colour: false), width: 100, height: 30,
                               counting: .background)
        app.start()
        // The whole register's count is kept: it is there with the first frame.
        #expect(!app.state.registerCounting && app.state.register.total == 3000)
        #expect(app.state.register.rows.count > 0)

        // A search is counted in the background: the first frame already has its first rows.
        app.type(.char("/"))
        app.type(text: "council")
        #expect(!app.state.register.rows.isEmpty, "the first page is drawn before the count")
        app.settle()
        #expect(!app.state.registerCounting)
        let expected = try desk.count(app.state.filter)
        #expect(app.state.register.total == expected && expected > 0)

        // Typing on supersedes the count for each shorter word: only the last one's lands.
        app.type(.backspace, .backspace, .backspace, .backspace)
        app.type(text: "zzzqqq")
        app.settle()
        #expect(app.state.register.total == 0 && !app.state.registerCounting)
        app.type(.enter)
        #expect(app.screenText.contains("0 decisions"))
    }

    @Test func aFilterCountIsALookupWithNoWait() throws {
        let store = try makeRegister(count: 2000)
        let desk = try makeDesk(store, role: .officer)
        let app = DashboardApp(service: desk, context: DashboardContext(keymap: .standard, colour: false), width: 100, height: 30,
                               counting: .background)
        app.start()
        app.type(.char("K"))
        // No settle: a kept count arrives in line with the window.
        let keyCount = try desk.count(DecisionFilter(keyOnly: true))
        #expect(!app.state.registerCounting && app.state.register.total == keyCount)
        #expect(!app.isCounting)
    }
}
