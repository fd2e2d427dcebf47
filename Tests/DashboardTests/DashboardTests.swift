import Foundation
import Testing
import Decisions
import DecisionStore
@testable import Dashboard
import Terminal

@MainActor
@Suite struct ScreenTests {
    @Test func registerAt80x24MatchesGolden() throws {
        let app = makeApp(try makeRegister())
        #expect(try matchesGolden(app.screenText, "register-80x24"))
    }

    @Test func nothingOverflowsAtSmallSizes() throws {
        let store = try makeRegister()
        for (width, height) in [(80, 24), (60, 15), (100, 30), (160, 40)] {
            let app = makeApp(store, width: width, height: height)
            for screen: Key in [.char("1"), .enter, .escape, .char("2"), .char("3"), .char("?")] {
                app.type(screen)
                let grid = app.render()
                #expect(grid.width == width && grid.height == height)
                for row in 0..<height {
                    #expect(displayWidth(grid.rowText(row)) == width, "row \(row) at \(width)x\(height) after \(screen)")
                }
            }
        }
        #expect(try matchesGolden(makeApp(store, width: 60, height: 15).screenText, "register-60x15"))
    }

    @Test func wideTerminalShowsListAndDetailSideBySide() throws {
        let app = makeApp(try makeRegister(), width: 160, height: 40)
        let text = app.screenText
        let selected = try #require(app.state.register.selected)
        #expect(text.contains("│"))
        #expect(text.contains("Deadlines"))
        #expect(text.contains(String(selected.title.prefix(30))))
    }

    @Test func detailShowsEveryPartOfTheRecord() throws {
        let app = makeApp(try makeRegister())
        app.type(.enter)
        #expect(app.state.screen == .detail)
        let detail = try #require(app.state.detail)
        #expect(detail.decision.id == app.state.register.selected?.id)
        let lines = DetailView.lines(detail, width: 78, today: today).map(\.text)
        for heading in ["Deadlines", "Resolutions", "Reasons", "Alternative options considered", "Documents", "Audit trail"] {
            #expect(lines.contains(heading), "missing \(heading)")
        }
        #expect(lines.contains("  (no entries)"), "a bulk-loaded record has no trail of its own yet")
        #expect(lines.allSatisfy { displayWidth($0) <= 78 })
        // Scrolling moves through the text.
        app.type(.char("G"))
        #expect(app.state.detailScroll > 0)
        app.type(.escape)
        #expect(app.state.screen == .register)
    }
}

@MainActor
@Suite struct KeySequenceTests {
    @Test func movingKeepsTheCursorVisibleAndFetchesOnlyAWindow() throws {
        let app = makeApp(try makeRegister(count: 400))
        app.type(.char("j"), .char("j"), .down)
        #expect(app.state.register.cursor == 3)
        app.type(.pageDown)
        #expect(app.state.register.cursor == 3 + app.state.listHeight)
        app.type(.char("G"))
        #expect(app.state.register.cursor == 399)
        #expect(app.state.register.rows.count < 400, "only a window of rows is held")
        #expect(app.state.register.scroll == 400 - app.state.listHeight)
        app.type(.char("g"))
        #expect(app.state.register.cursor == 0)
        app.type(.ctrl("d"))
        #expect(app.state.register.cursor == app.state.listHeight / 2)
        app.type(.ctrl("u"), .up)
        #expect(app.state.register.cursor == 0)
    }

    @Test func flagFiltersAndSearchCompose() throws {
        let app = makeApp(try makeRegister())
        let all = try #require(app.state.register.total)
        app.type(.char("K"))
        let key = try #require(app.state.register.total)
        #expect(key < all && key > 0)
        #expect(app.state.register.rows.allSatisfy { $0.isKeyDecision })
        #expect(app.screenText.contains("key"))
        app.type(.char("/"))
        app.type(text: "dispos")
        #expect(app.state.prompt?.purpose == .search)
        let searched = try #require(app.state.register.total)
        #expect(searched <= key)
        #expect(app.state.register.rows.allSatisfy { $0.isKeyDecision && $0.title.lowercased().contains("dispos") })
        app.type(.enter)
        #expect(app.state.prompt == nil)
        #expect(app.state.filter.search == "dispos")
        app.type(.char("n"))
        #expect(app.state.register.cursor == min(1, searched - 1))
        app.type(.char("x"))
        #expect(app.state.register.total == all)
    }

    @Test func stageAndSortCycle() throws {
        let app = makeApp(try makeRegister())
        app.type(.char("S"))
        #expect(app.state.filter.stage == .proposed)
        #expect(app.state.register.rows.allSatisfy { $0.stage == .proposed })
        app.type(.char("o"), .char("o"))
        #expect(app.state.filter.sort == .title)
        let titles = app.state.register.rows.map { $0.title.lowercased() }
        #expect(titles == titles.sorted())
    }

    @Test func makerAndDatePrompts() throws {
        let app = makeApp(try makeRegister())
        app.type(.char("M"))
        app.type(text: "director")
        app.type(.enter)
        #expect(app.state.register.rows.allSatisfy { $0.decisionMaker.lowercased().contains("director") })
        app.type(.char("D"))
        app.type(text: "2026-10-01..2026-10-31")
        app.type(.enter)
        #expect(app.state.register.rows.allSatisfy { ($0.registerDate?.month ?? 0) == 10 })
        app.type(.char("D"))
        app.type(text: "31/02/2024")
        app.type(.enter)
        #expect(app.state.isError)
        #expect(app.screenText.contains("YYYY-MM-DD"))
    }

    @Test func helpIsGeneratedFromTheKeymapInForce() throws {
        var keymap = Keymap.standard
        try keymap.apply(config: "# mine\nmove-down = ctrl-n, down\nregister.filter-key = F2\n", file: "keys.conf")
        let app = makeApp(try makeRegister(), height: 60, keymap: keymap)
        app.type(.ctrl("n"))
        #expect(app.state.register.cursor == 1)
        app.type(.char("j"))
        #expect(app.state.register.cursor == 1, "j no longer moves")
        app.type(.char("?"))
        let help = app.screenText
        #expect(help.contains("Ctrl-n, ↓"))
        #expect(help.contains("F2"))
        #expect(!help.contains("  j, "))
        #expect(throws: KeymapError.self) { try keymap.apply(config: "fly = x", file: "keys.conf") }
    }

    @Test func quitting() throws {
        let app = makeApp(try makeRegister())
        app.type(.char("q"))
        #expect(app.state.quitting)
    }
}

@MainActor
@Suite struct DecidingTests {
    /// The first row at `stage`, selected.
    func select(_ app: DashboardApp, stage: Stage) throws -> Decision {
        app.type(.char("S"))
        while app.state.filter.stage != stage { app.type(.char("S")) }
        return try #require(app.state.register.selected?.decision)
    }

    @Test func officerPublishesThroughTheDialog() throws {
        let store = try makeRegister()
        let app = makeApp(store)
        var target = try select(app, stage: .decided)
        // Find one with reasons and alternatives (all synthetic ones have them).
        target = try #require(try store.decision(id: target.id!))
        app.type(.char("t"))
        let dialog = try #require(app.state.dialog)
        let index = try #require(dialog.choices.firstIndex(of: .publish))
        app.type(.char(TransitionMenu.letter(index)))
        #expect(app.state.dialog?.refusal == nil, "\(app.state.dialog?.refusal ?? "")")
        #expect(app.screenText.contains("Publish"))
        app.type(.enter)
        #expect(app.state.dialog == nil)
        #expect(app.state.message?.contains("now published") == true)
        let after = try #require(try store.decision(id: target.id!))
        #expect(after.stage == .published)
        #expect(try store.history(decisionID: target.id!).last?.action == "publish")
        #expect(try store.history(decisionID: target.id!).last?.login == "tester")
    }

    @Test func reasonIsRequiredAndRefusalsChangeNothing() throws {
        let store = try makeRegister()
        let app = makeApp(store)
        let target = try select(app, stage: .proposed)
        app.type(.char("t"))
        let dialog = try #require(app.state.dialog)
        let index = try #require(dialog.choices.firstIndex(of: .defer))
        app.type(.char(TransitionMenu.letter(index)))
        app.type(.enter)
        #expect(app.state.dialog != nil, "a reason is required")
        #expect(app.state.isError)
        app.type(.escape, .escape)
        #expect(app.state.dialog == nil)
        #expect(try store.decision(id: target.id!)?.stage == .proposed)
    }

    @Test func viewerIsReadOnlyAndSeesNoExemptText() throws {
        let store = try makeRegister()
        let app = makeApp(store, role: .viewer)
        app.type(.char("t"))
        #expect(app.state.dialog == nil)
        #expect(app.state.message?.contains("Read-only") == true)
        #expect(!app.screenText.contains("t decide"))
        app.type(.char("E"))
        let exempt = try #require(app.state.register.selected)
        app.type(.enter)
        let shown = try #require(app.state.detail?.decision)
        #expect(shown.id == exempt.id)
        #expect(shown.resolutions.isEmpty)
        #expect(shown.reasons == nil)
        let detail = try #require(app.state.detail)
        #expect(DetailView.lines(detail, width: 78, today: today).contains { $0.text.contains("Withheld") })
    }

    @Test func changesFromAnotherTerminalAppear() throws {
        let store = try makeRegister()
        let app = makeApp(store)
        let target = try select(app, stage: .decided)
        // Someone else, through another connection.
        let other = try DecisionStore(path: store.path, today: today)
        let result = try other.transition(id: target.id!, TransitionRequest(kind: .publish, actor: Actor(login: "colleague", role: .officer), today: today))
        guard case .success = result else { Issue.record("publish refused: \(result)"); return }
        app.handle(.tick)
        #expect(app.state.register.total == 0 || app.state.register.rows.allSatisfy { $0.id != target.id })
        // A dialog opened on a stale version is refused as a conflict.
        app.type(.char("x"))
        app.type(.char("t"))
        #expect(app.state.message == nil || app.state.dialog != nil || app.state.isError)
    }

    @Test func staleDialogIsAConflict() throws {
        let store = try makeRegister()
        let app = makeApp(store)
        let target = try select(app, stage: .decided)
        app.type(.char("t"))
        let index = try #require(app.state.dialog?.choices.firstIndex(of: .publish))
        app.type(.char(TransitionMenu.letter(index)))
        let other = try DecisionStore(path: store.path, today: today)
        _ = try other.transition(id: target.id!, TransitionRequest(kind: .publish, actor: Actor(login: "colleague", role: .officer), today: today))
        app.type(.enter)
        #expect(app.state.dialog?.refusal?.contains("changed by someone else") == true)
        #expect(try store.history(decisionID: target.id!).filter { $0.action == "publish" }.count == 1)
    }
}

@MainActor
@Suite struct SafetyTests {
    @Test func controlCharactersInRecordsAreShownHarmlessly() throws {
        let store = try makeRegister(count: 3)
        var hostile = SyntheticRegister(seed: 1, today: today).decision(0)
        hostile.reference = "hostile"
        hostile.title = "Evil \u{1B}[2J\u{1B}]0;pwned\u{07} title"
        try store.bulkInsert(login: "t", reason: "t") { $0 == 0 ? [hostile] : nil }
        let app = makeApp(store, width: 120)
        let text = app.screenText
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(text.contains("Evil ␛[2J"))
    }
}

@MainActor
@Suite struct FollowUpScreenTests {
    @Test func officerAddsAnActionFromTheDetailAndItIsDue() throws {
        let store = try makeRegister()
        let app = makeApp(store)
        app.type(.enter)
        let id = try #require(app.state.detail?.decision.id)
        app.type(.char("a"))
        #expect(app.state.prompt?.purpose == .action)
        app.type(text: "2026-12-01 every bi-monthly Report progress to Cabinet")
        app.type(.enter)
        #expect(app.state.message?.contains("added to decision #\(id)") == true, "\(app.state.message ?? "")")
        let actions = try store.actions(.open, today: today)
        #expect(actions.count == 1)
        #expect(actions.first?.recurrence == .months(2) && actions.first?.text == "Report progress to Cabinet")
        app.type(.char("3"))
        #expect(app.state.due.rows.contains { $0.kind.hasPrefix("action #") && $0.decisionID == id })
    }

    @Test func viewersCannotAddActions() throws {
        let app = makeApp(try makeRegister(), role: .viewer)
        app.type(.enter, .char("a"))
        #expect(app.state.prompt == nil && app.state.isError)
    }

    @Test func plansScreenShowsMeasuresWithProgressAndTrend() throws {
        let store = try makeRegister(count: 5)
        try store.saveMeasure(Measure(plan: "SEND Written Statement of Action", name: "EHCPs within 20 weeks", unit: "%", baseline: 20,
                                      target: 59, targetDate: CivilDate(iso: "2027-03-31"), readings: [
                                        Reading(date: CivilDate(iso: "2026-03-31")!, value: 20),
                                        Reading(date: CivilDate(iso: "2026-09-30")!, value: 45)]),
                              by: Actor(login: "o", role: .officer))
        let app = makeApp(store, width: 100)
        app.type(.char("4"))
        let text = app.screenText
        #expect(text.contains("SEND Written Statement of Action"))
        #expect(text.contains("EHCPs within 20 weeks"))
        #expect(text.contains("45% 2026-09"))
        #expect(text.contains("59% by 2027-03"))
        #expect(text.contains("on track"))
        #expect(text.contains("▁█"))
    }
}

@MainActor
@Suite struct ProposedActionTests {
    @Test func importerProposesOfficerConfirmsOnTheDueScreen() throws {
        let store = try makeRegister(count: 3)
        let decision = Decision(title: "SEND update", decisionMaker: "Cabinet", status: "Resolved", stage: .decided,
                                decisionDate: CivilDate(iso: "2026-11-10"), resolutions: [
                                    Resolution(label: "(c)", text: "That there be regular bi-monthly reporting on progress.")])
        try store.importRecords([ImportedRecords(decisions: [decision])], login: "officer1")
        let app = makeApp(store)
        app.type(.char("3"))
        let index = try #require(app.state.due.rows.firstIndex { $0.isProposed })
        app.type(.char("g"))
        for _ in 0..<index { app.type(.char("j")) }
        #expect(app.screenText.contains("proposed action #"))
        app.type(.char("c"))
        #expect(app.state.message?.hasSuffix("confirmed") == true, "\(app.state.message ?? "")")
        #expect(try store.actions(.proposed, today: today).isEmpty)
        let open = try #require(try store.actions(.open, today: today).first)
        #expect(open.recurrence == .months(2) && open.resolutionLabel == "(c)")
        // The record lists its actions.
        app.type(.char("1"), .char("/"))
        app.type(text: "SEND update")
        app.type(.enter, .enter)
        let detail = try #require(app.state.detail)
        #expect(detail.actions.count == 1)
        #expect(DetailView.lines(detail, width: 78, today: today).contains { $0.text.contains("resolution (c)") })
    }
}

@MainActor
@Suite struct AgendaTests {
    @Test func aMeetingReadsAsAnAgendaWithAttendance() throws {
        let store = try makeRegister(count: 2)
        let meeting = Meeting(reference: "moderngov:9", body: "Cabinet", date: CivilDate(iso: "2026-11-18"), time: "6.00 pm",
                              attendees: [Attendee(name: "Cllr Jane Smith", role: "Chair", attendance: "Present")], items: [
            AgendaItem(number: "1.", title: "Apologies", minutes: "None."),
            AgendaItem(number: "6.", title: "Budget", minutes: "RESOLVED – (a) That the budget be approved.",
                       decision: Decision(reference: "moderngov-ai:1", title: "Budget", decisionMaker: "Cabinet", status: "Resolved",
                                          stage: .decided, decisionDate: CivilDate(iso: "2026-11-18"),
                                          resolutions: [Resolution(label: "(a)", text: "That the budget be approved.")])),
            AgendaItem(number: "9.", title: "Mill Lane", text: "Confidential report", isRestricted: true),
        ])
        try store.importRecords([ImportedRecords(meetings: [meeting])], login: "officer1")
        let viewer = makeApp(store, role: .viewer, width: 100, height: 40)
        viewer.type(.char("2"), .enter)
        let text = viewer.screenText
        #expect(text.contains("Attendance: Cllr Jane Smith (Chair, Present)"))
        let apologies = try #require(text.range(of: "1. Apologies"))
        let budget = try #require(text.range(of: "6. Budget"))
        #expect(apologies.lowerBound < budget.lowerBound, "items in order")
        #expect(text.contains("Decision (register #3, decided)") && text.contains("    (a) That the budget be approved."))
        #expect(text.contains("9. Mill Lane [exempt]"))
        #expect(!text.contains("Confidential report"), "a restricted item's text is withheld from a viewer")
    }
}
