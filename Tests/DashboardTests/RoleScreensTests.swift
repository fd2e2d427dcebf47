import Foundation
import Testing
import Decisions
import DecisionStore
import Dashboard
import Desk
import Terminal

/// Every dashboard screen, in-process, as each of the six roles, on a register holding an
/// exempt decision whose every text (resolutions, amendment in the audit trail, follow-up
/// action, restricted agenda item) carries a unique secret word.
@MainActor @Suite(.serialized) struct RoleScreensTests {
    static let secret = "Quillfeather"

    /// The register, and the exempt decision's id.
    func register() throws -> (DecisionStore, Int64) {
        let store = try makeRegister(count: 60)
        let s = Self.secret
        let exempt = Decision(
            reference: "ROLE-SCREENS-1", title: "Award of the depot contract", decisionMaker: "Cabinet Member for Finance",
            status: "For Determination", stage: .proposed, isSubjectToCallIn: true, exemptParagraphs: [3],
            purpose: "To award the \(s) contract.",
            resolutions: [Resolution(label: "1.", text: "That the \(s) tender be awarded and a further report on \(s) be received by 31 March 2027.")],
            reasons: "Best value \(s).", alternatives: "Not to award \(s).",
            documents: [DocumentLink(title: "\(s) valuation", url: "https://example.gov.uk/\(s).pdf")])
        let meeting = Meeting(reference: "ROLE-MTG", body: "Cabinet", date: CivilDate(iso: "2026-12-10"), items: [
            AgendaItem(number: "7", title: "Depot contract", text: "Report on the \(s) bid", minutes: "Minutes on \(s)",
                       isRestricted: true, documents: [DocumentLink(title: "\(s) appendix")], decision: exempt),
        ])
        try store.importRecords([ImportedRecords(meetings: [meeting])], login: "officer1")
        let id = try #require(try store.page(DecisionFilter(exemptOnly: true), offset: 0, limit: 10).first { $0.reference == "ROLE-SCREENS-1" }?.id)
        let amend = TransitionRequest(kind: .approveWithAmendments, actor: Actor(login: "officer1", role: .admin), today: today,
                                      amendments: "Subject to the \(s) clause")
        guard case .success = try store.transition(id: id, amend) else { throw TestFailure("amendment refused") }
        return (store, id)
    }

    /// Every screen a person can reach, as text: register, search, the exempt record scrolled
    /// to its end (history and actions included), meetings and the agenda, due, plans, help.
    func everyScreen(_ app: DashboardApp, exemptID: Int64) -> (screens: [String: String], searchMatches: Int?) {
        var screens: [String: String] = [:]
        screens["register"] = app.screenText
        app.type(.char("/"))
        app.type(text: Self.secret)
        // The prompt line echoes what the person typed; the rest of the screen must not match it.
        screens["search"] = app.screenText.split(separator: "\n").filter { !$0.hasPrefix("/") }.joined(separator: "\n")
        let searchMatches = app.state.register.total
        app.type(.enter, .char("x"), .char("E"))
        screens["exempt filter"] = app.screenText
        app.type(.enter)
        var detail = app.screenText
        for _ in 0..<40 { app.type(.char("j")); detail += "\n" + app.screenText }
        screens["record"] = detail
        app.type(.char("t"))
        screens["decide dialog"] = app.screenText
        app.type(.escape, .escape, .char("2"))
        screens["meetings"] = app.screenText
        app.type(.char("G"), .enter)
        var agenda = app.screenText
        for _ in 0..<10 { app.type(.char("j")); agenda += "\n" + app.screenText }
        screens["agenda"] = agenda
        app.type(.escape, .char("3"))
        var due = app.screenText
        for _ in 0..<30 { app.type(.char(" ")); due += "\n" + app.screenText }
        screens["due"] = due
        app.type(.char("4"))
        screens["plans"] = app.screenText
        app.type(.char("?"))
        screens["help"] = app.screenText
        return (screens, searchMatches)
    }

    @Test(arguments: Role.allCases)
    func theSecretReachesOnlyThoseWhoMayReadIt(_ role: Role) throws {
        let (store, exemptID) = try register()
        let login = "screen-\(role.rawValue)"
        try store.setPerson(Actor(login: login, role: role, makers: role == .decisionMaker ? ["Cabinet Member for Finance"] : []),
                            by: Actor(login: "officer1", role: .admin))
        let desk = try Desk(store: store, login: login, viewingDate: today, clock: FixedClock(today), calendar: .englandAndWales)
        let app = DashboardApp(service: desk, context: DashboardContext(keymap: .standard, colour: false), width: 100, height: 30)
        app.start()
        let (screens, searchMatches) = everyScreen(app, exemptID: exemptID)
        let mayRead = [.admin, .officer, .scrutinyChair, .decisionMaker].contains(role)
        for (name, text) in screens where !mayRead {
            #expect(!text.contains(Self.secret), "\(role.rawValue) sees the secret on the \(name) screen")
        }
        // A word found only in the exempt text: those who may not read it cannot find it either.
        // (Search into exempt text is for those who read all of it; the decision maker concerned
        // reads their own record but does not search exempt text.)
        let searchesExempt = [.admin, .officer, .scrutinyChair].contains(role)
        #expect(searchMatches == (searchesExempt ? 1 : 0), "\(role.rawValue): a search for the secret matched \(searchMatches ?? -1)")
        if mayRead {
            #expect(screens["record"]!.contains(Self.secret), "\(role.rawValue) may read the exempt record in full")
        } else {
            #expect(screens["record"]!.contains("paragraph 3"), "\(role.rawValue) is told what is withheld and why")
        }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
