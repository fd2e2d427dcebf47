import Foundation
import Testing
import Decisions
import DecisionStore
@testable import Dashboard
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

/// While a slow count runs, an estimate may stand in for it: shown as such, replaced by the
/// exact count, and never kept from an older keystroke.
@MainActor
@Suite struct CountEstimateTests {
    @Test func anEstimateIsShownUntilTheExactCountReplacesIt() throws {
        var state = loadedState(total: 5000)
        _ = Reducer.update(&state, .key(.char("K")), keymap: .standard)
        _ = Reducer.update(&state, .key(.char("/")), keymap: .standard)
        for c in "council" { _ = Reducer.update(&state, .key(.char(c)), keymap: .standard) }
        let generation = state.registerGeneration
        #expect(state.registerCounting)
        _ = Reducer.update(&state, .registerEstimated(total: 999, generation: generation - 1), keymap: .standard)
        #expect(state.registerEstimate == nil, "an older keystroke's estimate is ignored")
        _ = Reducer.update(&state, .registerEstimated(total: 1234, generation: generation), keymap: .standard)
        #expect(Render.statusText(state).contains("counting… ≈1234"), "\(Render.statusText(state))")
        _ = Reducer.update(&state, .registerCounted(total: 1187, generation: generation), keymap: .standard)
        #expect(Render.statusText(state).contains("1187 decisions") && !Render.statusText(state).contains("≈"))
        // The next keystroke starts again from "counting…", without the last estimate.
        _ = Reducer.update(&state, .key(.char("s")), keymap: .standard)
        #expect(state.registerCounting && state.registerEstimate == nil)
    }

    @Test(arguments: [Role.officer, .viewer])
    func theStoresEstimateIsCloseAndNeverGivenWhereTextIsWithheld(_ role: Role) throws {
        let store = try makeRegister(count: 3000)
        let desk = try makeDesk(store, role: role)
        let narrowed = DecisionFilter(keyOnly: true, search: "council")
        let estimate = try desk.estimatedCount(narrowed, cancellation: nil)
        if role == .viewer {
            #expect(estimate == nil, "a viewer's estimate would count matches in exempt text")
        } else {
            let exact = try desk.count(narrowed)
            let estimated = try #require(estimate)
            #expect(exact > 100)
            #expect(abs(estimated - exact) <= exact / 4, "estimate \(estimated), exact \(exact)")
        }
        // Nothing to estimate: no search, or a search counted exactly as cheaply.
        #expect(try desk.estimatedCount(DecisionFilter(keyOnly: true), cancellation: nil) == nil)
        #expect(try desk.estimatedCount(DecisionFilter(search: "council"), cancellation: nil) == nil)
    }
}
