import Foundation
import Testing
import Decisions
@testable import DecisionStore
@testable import Desk
@testable import Dashboard
import Terminal

/// The new-decision and edit form driven through the update loop against a fake register.
@MainActor
@Suite struct FormTests {
    func app(role: Role = .officer) -> (DashboardApp, FakeService) {
        let service = FakeService(role: role)
        let app = DashboardApp(service: service, context: DashboardContext(keymap: .standard, colour: false), width: 100, height: 32)
        app.start()
        return (app, service)
    }

    func typeText(_ app: DashboardApp, _ text: String) { app.type(text: text) }

    @Test func eachFieldIsCheckedAsItIsLeftWithTheMessageBesideIt() {
        let (app, service) = app()
        app.type(.char("c"))
        #expect(service.calls.last == "authoring new")
        #expect(app.screenText.contains("New decision · field 1 of 15: Title"))
        typeText(app, "Award of the leisure contract")
        app.type(.tab)
        typeText(app, "Cabinet Member for Leisure")
        app.type(.tab)
        #expect(app.screenText.contains("· a new decision maker for this register"), "an unknown maker is allowed, and said so")
        typeText(app, "99")
        app.type(.tab)
        #expect(app.screenText.contains("✗ there is no meeting #99"))
        app.type(.backTab, .backspace, .backspace)
        typeText(app, "7")
        app.type(.tab)
        #expect(app.screenText.contains("· Cabinet \(today.adding(days: 42).iso)"), "the meeting is named beside its number")
        typeText(app, "2027-02-30")
        app.type(.tab)
        #expect(app.screenText.contains("✗ \"2027-02-30\" is not a date (YYYY-MM-DD)"))
        app.type(.backTab, .ctrl("u"), .tab, .ctrl("u"))
        typeText(app, "yes")
        app.type(.tab, .tab)
        #expect(app.screenText.contains("✗ a key decision needs its reason"))
        // Saving with a field at fault saves nothing and goes to the field.
        app.type(FormKeys.save)
        #expect(!service.calls.contains { $0.hasPrefix("new ") })
        #expect(app.state.form?.focused.field == .keyReason)
        typeText(app, "spending")
        app.type(FormKeys.save)
        #expect(service.calls.contains("new title=Award of the leisure contract,maker=Cabinet Member for Leisure,meeting=7,key=yes,key-reason=spending,call-in=yes"),
                "\(service.calls)")
        #expect(app.state.form == nil && app.state.screen == .detail)
        #expect(app.state.message?.hasPrefix("Recorded decision #999") == true)
    }

    @Test func refusedFieldsComeBackBesideThemAndAConflictKeepsWhatWasTyped() {
        final class Refusing: FakeService {
            override func newDecision(_ values: FieldValues) throws -> Result<Decision, AuthoringRefusal> {
                .failure(.fields(FieldProblems([FieldProblem(field: "date", message: "2026-01-01 is before today")])))
            }
        }
        let service = Refusing()
        let app = DashboardApp(service: service, context: DashboardContext(keymap: .standard, colour: false), width: 100, height: 32)
        app.start()
        app.type(.char("c"))
        typeText(app, "Library strategy")
        app.type(.tab)
        typeText(app, "Cabinet")
        app.type(FormKeys.save)
        #expect(app.state.form?.focused.field == .date)
        #expect(app.screenText.contains("✗ 2026-01-01 is before today"))
        #expect(app.screenText.contains("Not saved: put right the fields marked ✗"))

        let (editing, fake) = self.app()
        fake.performError = StoreError.conflict(id: 1)
        editing.type(.enter, .char("e"))
        #expect(fake.calls.contains("authoring 1"))
        #expect(editing.screenText.contains("Edit decision #1"))
        editing.type(.ctrl("u"))
        typeText(editing, "A new title")
        editing.type(FormKeys.save)
        #expect(fake.calls.contains { $0.hasPrefix("edit 1 v1 title=A new title") }, "the edit names the version it was made from")
        #expect(editing.state.form?.lines.first?.text == "A new title", "nothing typed is lost")
        #expect(editing.screenText.contains("changed by someone else"))
    }

    @Test func longTextGoesToTheEditorAndComesBackIntoTheField() {
        let (app, _) = app()
        app.type(.char("c"))
        for _ in 0..<11 { app.type(.tab) }
        #expect(app.state.form?.focused.field == .purpose)
        app.type(.enter)
        // The fake screen lends no terminal: the runner's answer is an error, shown, nothing lost.
        let (message, _) = (app.state.form?.banner, ())
        #expect(message != nil)
        var state = app.state
        _ = Reducer.update(&state, .externalEditFinished(line: 11, text: "First line\nsecond line\n", error: nil), keymap: .standard)
        #expect(state.form?.lines[11].text == "First line\nsecond line")
        let rows = FormView.rows(state.form!, width: 100, today: today).map(\.text)
        #expect(rows.contains { $0.contains("First line") && $0.contains("(2 lines)") })
    }

    @Test func onlyOfficersOpenTheFormAndEscAsksBeforeDiscarding() {
        for role in [Role.member, .viewer, .decisionMaker, .scrutinyChair] {
            let (app, service) = app(role: role)
            app.type(.char("c"))
            #expect(!service.calls.contains("authoring new"))
            #expect(app.state.message?.contains("P-AUTHOR") == true, "\(role)")
        }
        let (app, _) = app()
        app.type(.char("c"))
        typeText(app, "Half typed")
        app.type(.escape)
        #expect(app.state.form != nil && app.screenText.contains("Esc again to discard"))
        app.type(.escape)
        #expect(app.state.form == nil && app.state.message == "No decision recorded")
    }

    @Test func goToADecisionByItsNumber() {
        let (app, service) = app(role: .viewer)
        app.type(.char("#"))
        typeText(app, "42")
        app.type(.enter)
        #expect(service.calls.last == "record 42")
        #expect(app.state.screen == .detail)
    }

    @Test func anOfficerChangesTheAgendaOnScreen() {
        final class WithAgenda: FakeService {
            override func agenda(meetingID: Int64) throws -> (Meeting, [AgendaItem])? {
                calls.append("agenda \(meetingID)")
                return (Meeting(id: meetingID, body: "Cabinet", date: today.adding(days: 42)),
                        [AgendaItem(id: 31, number: "1", title: "Apologies"), AgendaItem(id: 32, number: "2", title: "Leisure contract")])
            }
            override func meetingCount() throws -> Int { 1 }
            override func meetings(offset: Int, limit: Int) throws -> [Meeting] { [Meeting(id: 7, body: "Cabinet", date: today.adding(days: 42))] }
        }
        let service = WithAgenda()
        let app = DashboardApp(service: service, context: DashboardContext(keymap: .standard, colour: false), width: 100, height: 32)
        app.start()
        app.type(.char("2"), .enter)
        #expect(app.state.screen == .agenda)
        app.type(.char("m"))
        typeText(app, "2 1")
        app.type(.enter)
        #expect(service.calls.contains("move 32 to 1"), "the item is found by the number the agenda shows")
        app.type(.char("X"))
        typeText(app, "1")
        app.type(.enter)
        #expect(service.calls.contains("remove item 31"))
        app.type(.char("W"))
        typeText(app, "Cllr Ahmed; apologies")
        app.type(.enter)
        #expect(service.calls.contains("attend 7 Cllr Ahmed apologies"))
        app.type(.char("i"))
        typeText(app, "2; Cllr Jones; pecuniary; Standards Committee")
        app.type(.enter)
        #expect(service.calls.contains("declare 32 Cllr Jones disclosable-pecuniary Standards Committee"))
        app.type(.char("W"))
        typeText(app, "Cllr Ahmed; late")
        app.type(.enter)
        #expect(app.state.isError && app.state.message?.contains("present, apologies or absent") == true)
        let (member, calls) = self.app(role: .member)
        member.type(.char("2"), .enter, .char("I"))
        #expect(member.state.prompt == nil && member.state.message != nil)
        #expect(!calls.calls.contains { $0.hasPrefix("agenda-add") })
    }

    @Test func reasonsAndGroundsGoToTheEditorAndComeBack() {
        let (app, service) = app()
        service.previewResult = .success(outcome(sampleDecision(1), to: .published))
        app.type(.char("t"), .char("a"))
        #expect(app.state.dialog?.chosen != nil)
        var state = app.state
        let commands = Reducer.update(&state, .key(FormKeys.editor), keymap: .standard)
        guard case .editExternally(let line, _, _)? = commands.first else { Issue.record("\(commands)"); return }
        #expect(line == ExternalEditTarget.dialog)
        _ = Reducer.update(&state, .externalEditFinished(line: line, text: "First reason,\nover two lines\n", error: nil), keymap: .standard)
        #expect(state.dialog?.reason == "First reason,\nover two lines")
        #expect(app.screenText.contains("Ctrl-E editor"))
    }

    @Test func aDocumentLinkIsOpenedOrShown() {
        let (app, _) = app()
        app.type(.enter)
        let links = app.state.detail?.decision.documents.compactMap(\.url) ?? []
        try? #require(!links.isEmpty)
        app.type(.char("O"))
        if links.count == 1 {
            #expect(app.state.message == "Link: " + links[0], "with no terminal of its own the app shows the link")
        } else {
            #expect(app.state.prompt?.purpose == .openDocument)
        }
        #expect(LinkOpener.open("file:///etc/passwd", environment: ["DISPLAY": ":0"]).hasPrefix("Link (not a web address, not opened)"))
        #expect(LinkOpener.open("https://example.gov.uk/r.pdf", environment: [:]) == "Link: https://example.gov.uk/r.pdf",
                "no desktop: the link is shown to copy")
    }
}
