import Foundation
import Testing
import Decisions
// Testable: the value types the Desk returns have no public initialisers to build fakes with.
@testable import DecisionStore
@testable import Desk
@testable import Dashboard
import Terminal

// MARK: Fixtures without a database

func sampleDecision(_ id: Int64, stage: Stage = .decided, version: Int = 1) -> Decision {
    var decision = SyntheticRegister(seed: 7, today: today, spanDays: 365).decision(Int(id))
    decision.id = id
    decision.stage = stage
    decision.version = version
    return decision
}

func sampleRecord(_ id: Int64, stage: Stage = .decided, version: Int = 1, transitions: [TransitionKind] = [.publish],
                  callIn: CallInRequest? = nil) -> DecisionRecord {
    DecisionRecord(decision: sampleDecision(id, stage: stage, version: version), deadlines: [], history: [],
                   transitions: transitions, actions: [], callInRequest: callIn, rules: CouncilRules())
}

func outcome(_ decision: Decision, to stage: Stage, warnings: [String] = []) -> TransitionOutcome {
    var after = decision
    after.stage = stage
    return TransitionOutcome(decision: after, audit: AuditDraft(action: "x", stageBefore: decision.stage, stageAfter: stage,
                                                               reason: nil, changes: []), warnings: warnings)
}

func refusal(_ message: String) -> ActRefusal {
    .workflow(TransitionRefusal(.lifecycle, message: message))
}

extension AppState {
    /// What reloading the register asks for, as of now: its window around the scroll, then its count.
    func reloadCommands() -> [DashboardCommand] {
        let start = max(0, register.scroll - margin)
        return [.fetchRegister(filter, offset: start, limit: listHeight + 2 * margin, fromEnd: false, landingAt: start),
                .countRegister(filter, generation: registerGeneration)]
    }
}

/// A state as the dashboard holds it once the register has loaded `rows` of `total`.
func loadedState(role: Role = .officer, total: Int = 120, width: Int = 80, height: Int = 24) -> AppState {
    var state = AppState(width: width, height: height, today: today, actor: Actor(login: "tester", role: role))
    _ = Reducer.opening(&state)
    let limit = state.listHeight + 2 * state.margin
    let rows = (0..<min(total, limit)).map { RegisterRow(decision: sampleDecision(Int64($0 + 1))) }
    _ = Reducer.update(&state, .registerRows(offset: 0, rows: rows, requested: limit), keymap: .standard)
    _ = Reducer.update(&state, .registerCounted(total: total, generation: state.registerGeneration), keymap: .standard)
    return state
}

extension AppState {
    /// Feeds messages as the loop would, returning the commands of the last.
    @discardableResult
    mutating func feed(_ messages: Message...) -> [DashboardCommand] {
        var commands: [DashboardCommand] = []
        for message in messages { commands = Reducer.update(&self, message, keymap: .standard) }
        return commands
    }

    @discardableResult
    mutating func press(_ keys: Key...) -> [DashboardCommand] {
        var commands: [DashboardCommand] = []
        for key in keys { commands = Reducer.update(&self, .key(key), keymap: .standard) }
        return commands
    }

    @discardableResult
    mutating func type(_ text: String) -> [DashboardCommand] {
        var commands: [DashboardCommand] = []
        for c in text { commands = Reducer.update(&self, .key(.char(c)), keymap: .standard) }
        return commands
    }
}

// MARK: Reducer, screen by screen

@Suite struct RegisterReducerTests {
    @Test func openingFetchesTheWindowBeforeCounting() {
        var state = AppState(width: 80, height: 24, today: today, actor: Actor(login: "tester", role: .officer))
        #expect(Reducer.opening(&state) == [.readChangeToken(adopt: true),
                                            .fetchRegister(state.filter, offset: 0, limit: 20 + 80, fromEnd: false, landingAt: 0),
                                            .countRegister(state.filter, generation: 1)])
        // A full window: the register reaches at least that far, and its count is still to come.
        let rows = (1...100).map { RegisterRow(decision: sampleDecision(Int64($0))) }
        #expect(state.feed(.registerRows(offset: 0, rows: rows, requested: 100)).isEmpty)
        #expect(state.registerCounting && state.register.total == 100)
        #expect(Render.frame(state, context: DashboardContext(keymap: .standard, colour: false)).text.contains("counting…"))
        state.press(.char("j"), .char("j"))
        #expect(state.register.cursor == 2, "moving is not blocked behind the count")
        state.feed(.registerCounted(total: 120_000, generation: 1))
        #expect(!state.registerCounting && state.register.total == 120_000 && state.register.cursor == 2)
        #expect(Render.frame(state, context: DashboardContext(keymap: .standard, colour: false)).text.contains("120000 decisions"))
    }

    @Test func aShortWindowIsTheWholeListAndNeedsNoCount() {
        var state = AppState(width: 80, height: 24, today: today, actor: Actor(login: "tester", role: .officer))
        _ = Reducer.opening(&state)
        state.feed(.registerRows(offset: 0, rows: (1...7).map { RegisterRow(decision: sampleDecision(Int64($0))) }, requested: 100))
        #expect(!state.registerCounting && state.register.total == 7)
    }

    @Test func aCountSupersededByANewerFilterIsIgnored() {
        var state = loadedState(total: 5000)
        state.press(.char("K"))
        let keyGeneration = state.registerGeneration
        state.press(.char("U"))
        #expect(state.registerGeneration == keyGeneration + 1)
        state.feed(.registerCounted(total: 4000, generation: keyGeneration))
        #expect(state.registerCounting, "the count for the key filter alone is not this filter's")
        state.feed(.registerCounted(total: 12, generation: state.registerGeneration))
        #expect(!state.registerCounting && state.register.total == 12)
    }

    @Test func movingWithinTheHeldWindowAsksForNothing() {
        var state = loadedState()
        #expect(state.press(.char("j"), .char("j"), .down).isEmpty)
        #expect(state.register.cursor == 3)
        state.press(.pageDown)
        #expect(state.register.cursor == 3 + state.listHeight)
        state.press(.char("g"))
        #expect(state.register.cursor == 0 && state.register.scroll == 0)
    }

    @Test func movingPastTheWindowFetchesTheRowsAroundIt() {
        var state = loadedState(total: 1000)
        let commands = state.press(.char("G"))
        #expect(state.register.cursor == 999)
        #expect(commands == [.fetchRegister(state.filter, offset: 999 - 19 - 40, limit: 100, fromEnd: false, landingAt: 940)])
    }

    @Test func bottomBeforeTheCountArrivesGoesThereWhenItDoes() {
        var state = loadedState(total: 120)
        state.press(.char("K"))
        state.feed(.registerRows(offset: 0, rows: (1...100).map { RegisterRow(decision: sampleDecision(Int64($0))) }, requested: 100))
        #expect(state.press(.char("G")).isEmpty)
        let commands = state.feed(.registerCounted(total: 7000, generation: state.registerGeneration))
        #expect(!state.registerCounting && state.register.cursor == 6999)
        #expect(commands.count == 1)
        if case .fetchRegister(_, _, _, _, let landingAt) = commands.first { #expect(landingAt <= 6999 - 19) }
        else { Issue.record("expected a fetch, got \(commands)") }
    }

    @Test func filtersCountAgainWithTheNewFilter() {
        var state = loadedState()
        state.press(.char("j"))
        let commands = state.press(.char("K"))
        #expect(state.filter.keyOnly && state.register.cursor == 0)
        #expect(commands == [.fetchRegister(state.filter, offset: 0, limit: 100, fromEnd: false, landingAt: 0),
                             .countRegister(state.filter, generation: state.registerGeneration)])
        state.press(.char("S"))
        #expect(state.filter.stage == .proposed)
        state.press(.char("x"))
        #expect(!state.filter.keyOnly && state.filter.stage == nil)
    }

    @Test func searchFetchesAndCountsAsYouType() {
        var state = loadedState()
        #expect(state.press(.char("/")).isEmpty)
        #expect(state.prompt?.purpose == .search)
        let commands = state.type("dis")
        #expect(state.filter.search == "dis")
        #expect(commands == [.fetchRegister(state.filter, offset: 0, limit: 100, fromEnd: false, landingAt: 0),
                             .countRegister(state.filter, generation: state.registerGeneration)])
        #expect(state.registerCounting)
        state.press(.escape)
        #expect(state.filter.search == nil && state.prompt == nil)
    }

    @Test func aBadDateRangeIsRefusedWithoutAQuery() {
        var state = loadedState()
        state.press(.char("D"))
        state.type("31/02/2024")
        #expect(state.press(.enter).isEmpty)
        #expect(state.isError && state.message?.contains("YYYY-MM-DD") == true)
    }

    @Test func wideTerminalsLoadTheSelectedRecordBesideTheList() {
        var state = loadedState(width: 160, height: 40)
        #expect(state.press(.char("j")) == [.loadRecord(2)])
        state.feed(.recordLoaded(sampleRecord(2)))
        #expect(state.detail?.decision.id == 2)
    }

    @Test func changesElsewhereRefreshWhatIsShown() {
        var state = loadedState()
        state.feed(.changeTokenRead(1, adopt: true))
        #expect(state.feed(.tick) == [.readChangeToken(adopt: false)])
        #expect(state.feed(.changeTokenRead(1, adopt: false)).isEmpty, "nothing changed")
        #expect(state.feed(.changeTokenRead(2, adopt: false)) == [.fetchRegister(state.filter, offset: 0, limit: 100, fromEnd: false, landingAt: 0),
                                                                  .countRegister(state.filter, generation: state.registerGeneration)])
        // The selected row is a different decision after the change.
        state.feed(.registerRows(offset: 0, rows: (2...100).map { RegisterRow(decision: sampleDecision(Int64($0))) }, requested: 100))
        state.feed(.registerCounted(total: 119, generation: state.registerGeneration))
        #expect(state.message == "The register was changed elsewhere")
    }

    @Test func failuresAreShownAsErrors() {
        var state = loadedState()
        state.feed(.failed("disk I/O error"))
        #expect(state.isError && state.message == "disk I/O error")
        state.press(.char("j"))
        #expect(state.message == nil && !state.isError, "a key clears the message")
    }

    @Test func quitting() {
        var state = loadedState()
        #expect(state.press(.char("q")).isEmpty)
        #expect(state.quitting)
    }
}

@Suite struct DetailReducerTests {
    @Test func openingARecordLoadsItAndEscGoesBack() {
        var state = loadedState()
        state.press(.char("j"))
        #expect(state.press(.enter) == [.loadRecord(2)])
        #expect(state.screen == .detail)
        state.feed(.recordLoaded(sampleRecord(2)))
        #expect(state.detail?.decision.id == 2)
        #expect(state.detailLines().contains { $0.text == "Audit trail" })
        state.press(.char("G"))
        #expect(state.detailScroll > 0)
        #expect(state.press(.escape).isEmpty, "the register's rows are still held")
        #expect(state.screen == .register)
    }

    @Test func theRecordShowsItsCallInSignatures() {
        var state = loadedState()
        let request = CallInRequest(id: 1, decisionID: 2, grounds: "Not consulted", state: .pending, signatures: [
            CallInSignature(signatory: "cllr.a", signedOn: today, recordedBy: "cllr.a"),
            CallInSignature(signatory: "Cllr B", signedOn: today, recordedBy: "officer1", paperReason: "posted"),
        ])
        state.feed(.recordLoaded(sampleRecord(2, callIn: request)))
        let lines = state.detailLines().map(\.text)
        #expect(lines.contains("Call-in request"))
        #expect(lines.contains("  2 of 3 signatures"))
        #expect(lines.contains("  Grounds: Not consulted"))
        #expect(lines.contains { $0.contains("cllr.a signed 2026-11-23") })
        #expect(lines.contains { $0.contains("Cllr B signed 2026-11-23 (recorded by officer1 from paper)") })
    }

    @Test func refreshReadsTheRegisterAndTheRecordAgain() {
        var state = loadedState()
        state.press(.enter)
        state.feed(.recordLoaded(sampleRecord(1)))
        #expect(state.press(.ctrl("l")) == state.reloadCommands() + [.loadRecord(1)])
    }
}

@Suite struct DecideDialogReducerTests {
    /// In the record of decision 5, with the dialog open on it.
    func dialogOpen(role: Role = .officer, transitions: [TransitionKind] = [.publish, .withdraw]) -> AppState {
        var state = loadedState(role: role)
        for _ in 0..<4 { state.press(.char("j")) }
        state.press(.enter)
        state.feed(.recordLoaded(sampleRecord(5)))
        #expect(state.press(.char("t")) == [.openDecide(5)], "the record is read once for the dialog")
        state.feed(.decideRecordLoaded(sampleRecord(5, version: 3, transitions: transitions)))
        return state
    }

    @Test func choosingPreviewsWithPlaceholdersThenPerformsWithTheTypedAct() throws {
        var state = dialogOpen()
        let dialog = try #require(state.dialog)
        #expect(dialog.choices == [.publish, .withdraw] && dialog.version == 3 && dialog.stage == .decided)
        let preview = state.press(.char("b"))
        #expect(preview == [.preview(decisionID: 5, Act(kind: .withdraw, reason: "—"))])
        state.feed(.previewed(decisionID: 5, kind: .withdraw, .success(outcome(sampleDecision(5), to: .withdrawn, warnings: ["late"]))))
        #expect(state.dialog?.explanation.contains("Stage: decided → withdrawn.") == true)
        #expect(state.dialog?.explanation.contains("Note: late.") == true)
        state.press(.enter)
        #expect(state.isError && state.dialog != nil, "withdraw needs a reason")
        state.type("No longer needed")
        let perform = state.press(.enter)
        #expect(perform == [.perform(decisionID: 5, Act(kind: .withdraw, reason: "No longer needed"), expectedVersion: 3)])
        let after = state.feed(.performed(decisionID: 5, kind: .withdraw, .success(outcome(sampleDecision(5), to: .withdrawn))))
        #expect(state.dialog == nil)
        #expect(state.message == "Withdraw: #5 is now withdrawn")
        #expect(after == [.readChangeToken(adopt: true)] + state.reloadCommands() + [.loadRecord(5)])
    }

    @Test func aTerminalThatHangsUpQuitsWithNothingDone() {
        var state = dialogOpen()
        state.press(.char("a"))
        #expect(state.press(.hangup).isEmpty, "no act is performed for a terminal that has gone")
        #expect(state.quitting)
    }

    @Test func aRefusedPreviewSaysWhyAndEnterCloses() {
        var state = dialogOpen()
        state.press(.char("a"))
        state.feed(.previewed(decisionID: 5, kind: .publish, .failure(refusal("The call-in period has not begun"))))
        #expect(state.dialog?.refusal == "The call-in period has not begun. Rule: R-LIFECYCLE: Lifecycle: each act applies from the stages declared for it.")
        #expect(state.press(.char("z")).isEmpty && state.dialog?.reason == "", "no typing into a refusal")
        #expect(state.press(.enter).isEmpty)
        #expect(state.dialog == nil)
    }

    @Test func aConflictOrARefusalAtPerformKeepsTheDialogOpenWithWhy() {
        var state = dialogOpen()
        state.press(.char("a"))
        state.feed(.previewed(decisionID: 5, kind: .publish, .success(outcome(sampleDecision(5), to: .published))))
        state.press(.enter)
        state.feed(.actFailed(decisionID: 5, "decision #5 was changed by someone else"))
        #expect(state.dialog?.refusal?.contains("changed by someone else") == true)
        state.press(.escape)
        #expect(state.dialog?.chosen == nil && state.dialog?.refusal == nil, "Esc goes back to the choice")
        state.press(.escape)
        #expect(state.dialog == nil)
        var other = dialogOpen()
        other.press(.char("a"), .enter)
        other.feed(.performed(decisionID: 5, kind: .publish, .failure(.permission(DeskRefusal(.transitionRole, message: "not yours")))))
        #expect(other.dialog?.refusal?.hasPrefix("not yours") == true)
    }

    @Test func membersSignRatherThanChooseCallIn() {
        let state = dialogOpen(role: .member, transitions: [.callIn])
        #expect(state.dialog == nil)
        #expect(state.isError && state.message?.contains("sign its request with S") == true)
        var mixed = dialogOpen(role: .member, transitions: [.callIn, .waiveCallIn])
        #expect(mixed.dialog?.choices == [.waiveCallIn])
        mixed.press(.escape)
    }

    @Test func viewersAreReadOnly() {
        var state = loadedState(role: .viewer)
        #expect(state.press(.char("t")).isEmpty)
        #expect(state.message?.contains("Read-only") == true)
    }

    @Test func aDecisionGoneMeanwhileOpensNoDialog() {
        var state = loadedState()
        state.press(.char("t"))
        state.feed(.decideRecordLoaded(nil))
        #expect(state.dialog == nil && state.isError)
    }
}

@Suite struct SignCallInReducerTests {
    func memberOnRecord(_ record: DecisionRecord, role: Role = .member) -> AppState {
        var state = loadedState(role: role)
        state.press(.enter)
        state.feed(.recordLoaded(record))
        return state
    }

    @Test func theFirstSignatureAsksForGrounds() {
        var state = memberOnRecord(sampleRecord(1, stage: .published))
        #expect(state.press(.char("S")).isEmpty)
        #expect(state.prompt?.purpose == .callInGrounds)
        state.type("Not consulted")
        #expect(state.press(.enter) == [.signCallIn(decisionID: 1, grounds: "Not consulted")])
        let after = state.feed(.callInSigned(decisionID: 1, .success(.recorded(signatures: 1, required: 3, signatories: ["tester"]))))
        #expect(state.message == "#1: signed (1 of 3)")
        #expect(after == [.readChangeToken(adopt: true), .loadRecord(1)])
    }

    @Test func aPendingRequestIsSignedAtOnceAndTheLastSignatureCallsIn() {
        let request = CallInRequest(id: 1, decisionID: 1, grounds: "g", state: .pending,
                                    signatures: [CallInSignature(signatory: "a", signedOn: today, recordedBy: "a")])
        var state = memberOnRecord(sampleRecord(1, stage: .published, callIn: request))
        #expect(state.press(.char("S")) == [.signCallIn(decisionID: 1, grounds: nil)])
        state.feed(.callInSigned(decisionID: 1, .success(.recorded(signatures: 2, required: 3, signatories: ["a", "tester"]))))
        #expect(state.message == "#1: signed (2 of 3)")
        let after = state.feed(.callInSigned(decisionID: 1, .success(.calledIn(outcome(sampleDecision(1), to: .calledIn)))))
        #expect(state.message == "#1: called in")
        #expect(after == [.readChangeToken(adopt: true)] + state.reloadCommands() + [.loadRecord(1)])
    }

    @Test func refusalsAndOfficersAreTold() {
        var state = memberOnRecord(sampleRecord(1, stage: .published))
        state.press(.char("S"))
        state.type("g")
        state.press(.enter)
        state.feed(.callInSigned(decisionID: 1, .failure(refusal("The call-in period ended"))))
        #expect(state.isError && state.message?.contains("call-in period ended") == true)
        var officer = memberOnRecord(sampleRecord(1), role: .officer)
        #expect(officer.press(.char("S")).isEmpty)
        #expect(officer.isError && officer.prompt == nil)
    }
}

@Suite struct ActionReducerTests {
    @Test func anOfficerAddsAnAction() {
        var state = loadedState()
        state.press(.enter)
        state.feed(.recordLoaded(sampleRecord(1)))
        state.press(.char("a"))
        #expect(state.prompt?.purpose == .action)
        state.type("2026-12-01 every bi-monthly Report progress")
        let commands = state.press(.enter)
        let action = FollowUpAction(text: "Report progress", due: CivilDate(iso: "2026-12-01")!, recurrence: .months(2), decisionID: 1)
        #expect(commands == [.addAction(action)])
        let after = state.feed(.actionSaved(id: 9, action))
        #expect(state.message == "Action #9 due 2026-12-01 added to decision #1")
        #expect(after == [.readChangeToken(adopt: true), .loadRecord(1)])
    }

    @Test func aMalformedActionOrAViewerIsRefused() {
        var state = loadedState()
        state.press(.enter)
        state.feed(.recordLoaded(sampleRecord(1)))
        state.press(.char("a"))
        state.type("soon do it")
        #expect(state.press(.enter).isEmpty && state.isError)
        var viewer = loadedState(role: .viewer)
        viewer.press(.enter)
        viewer.feed(.recordLoaded(sampleRecord(1)))
        viewer.press(.char("a"))
        #expect(viewer.prompt == nil && viewer.isError)
    }
}

@Suite struct ListScreensReducerTests {
    @Test func dueListsAndConfirmsAProposedAction() {
        var state = loadedState()
        #expect(state.press(.char("3")) == [.loadDue])
        #expect(state.screen == .due)
        let deadline = Deadline(kind: .publication, date: today, state: .overdue(workingDays: 2))
        state.feed(.dueLoaded([
            DueDeadline(decisionID: 4, title: "Late one", deadline: deadline),
            DueDeadline(decisionID: 4, title: "Report", deadline: Deadline(kind: .publication, date: today, state: .due(workingDays: 3)),
                        actionID: 7, isProposed: true),
        ]))
        #expect(state.due.total == 2 && state.due.rows[0].isOverdue && state.due.rows[1].kind == "proposed action #7")
        state.press(.char("c"))
        #expect(state.message?.contains("Select a proposed action") == true)
        state.press(.char("j"))
        #expect(state.press(.char("c")) == [.confirmAction(7)])
        #expect(state.feed(.actionConfirmed(7)) == [.readChangeToken(adopt: true), .loadDue])
        #expect(state.message == "Action #7 confirmed")
        #expect(state.press(.enter) == [.loadRecord(4)])
        #expect(state.screen == .detail)
        var viewer = loadedState(role: .viewer)
        viewer.press(.char("3"))
        viewer.feed(.dueLoaded([DueDeadline(decisionID: 4, title: "R", deadline: deadline, actionID: 7, isProposed: true)]))
        #expect(viewer.press(.char("c")).isEmpty && viewer.isError)
    }

    @Test func meetingsPageAndOpenAnAgenda() {
        var state = loadedState()
        #expect(state.press(.char("2")) == [.countMeetings])
        #expect(state.feed(.meetingsCounted(3)) == [.fetchMeetings(offset: 0, limit: 100)])
        let meetings = (1...3).map { MeetingSummary(id: Int64($0), body: "Cabinet", itemCount: 2) }
        state.feed(.meetingsLoaded(offset: 0, rows: meetings))
        state.press(.char("j"))
        #expect(state.press(.enter) == [.loadAgenda(2)])
        #expect(state.screen == .agenda)
        state.feed(.agendaLoaded((meetings[1], [AgendaItem(number: "1.", title: "Apologies")])))
        #expect(state.agenda?.items.first?.title == "Apologies")
        state.press(.escape)
        #expect(state.screen == .meetings)
    }

    @Test func plansAndHelp() {
        var state = loadedState()
        #expect(state.press(.char("4")) == [.loadPlans])
        state.feed(.plansLoaded([Measure(plan: "SEND", name: "EHCPs")]))
        #expect(state.screen == .plans && state.measures.count == 1)
        #expect(state.press(.char("?")).isEmpty)
        #expect(state.screen == .help)
        state.press(.char("j"))
        #expect(state.helpScroll == 1)
        state.press(.escape)
        #expect(state.screen == .plans)
    }
}

// MARK: Runner and loop against a fake service

/// Records every call; answers from what the test set up.
class FakeService: RegisterService {
    var actor: Actor
    var viewingDate = today
    var calls: [String] = []
    var records: [Int64: DecisionRecord] = [:]
    var totalMatching = 120
    var previewResult: Result<TransitionOutcome, ActRefusal> = .failure(refusal("not set up"))
    var performError: (any Error)?
    var token: Int64 = 1

    init(role: Role = .officer) { actor = Actor(login: "tester", role: role) }

    func count(_ filter: DecisionFilter, cap: Int?) throws -> Int {
        calls.append("count cap=\(cap.map(String.init) ?? "nil")")
        return cap.map { min($0, totalMatching) } ?? totalMatching
    }
    func registerRows(_ filter: DecisionFilter, offset: Int, limit: Int, fromEnd: Bool) throws -> [RegisterRow] {
        calls.append("rows \(offset)+\(limit)\(fromEnd ? " from end" : "")")
        let end = min(totalMatching, offset + limit)
        return offset < end ? (offset..<end).map { RegisterRow(decision: sampleDecision(Int64($0 + 1))) } : []
    }
    func record(id: Int64) throws -> DecisionRecord? {
        calls.append("record \(id)")
        return records[id] ?? sampleRecord(id)
    }
    func meetingCount() throws -> Int { calls.append("meetingCount"); return 0 }
    func meetings(offset: Int, limit: Int) throws -> [Meeting] { calls.append("meetings"); return [] }
    func agenda(meetingID: Int64) throws -> (Meeting, [AgendaItem])? { calls.append("agenda \(meetingID)"); return nil }
    func due(within: Int?, limit: Int) throws -> [DueDeadline] { calls.append("due"); return [] }
    func measures(plan: String?) throws -> [Measure] { calls.append("measures"); return [] }
    func changeToken() throws -> Int64 { calls.append("token"); return token }
    func preview(id: Int64, _ act: Act) throws -> Result<TransitionOutcome, ActRefusal> {
        calls.append("preview \(id) \(act.kind.rawValue)")
        return previewResult
    }
    func perform(id: Int64, _ act: Act, expectedVersion: Int?) throws -> Result<TransitionOutcome, ActRefusal> {
        calls.append("perform \(id) \(act.kind.rawValue) v\(expectedVersion ?? -1)")
        if let performError { throw performError }
        return .success(outcome(sampleDecision(id), to: .published))
    }
    func addAction(_ action: FollowUpAction) throws -> Int64 { calls.append("addAction"); return 1 }
    func confirmAction(id: Int64, owner: String?) throws { calls.append("confirm \(id)") }
    func signCallIn(id: Int64, grounds: String?) throws -> Result<CallInSignOutcome, ActRefusal> {
        calls.append("sign \(id) \(grounds ?? "-")")
        return .success(.recorded(signatures: 2, required: 3, signatories: ["a", "tester"]))
    }
    var saved: [FieldValues] = []
    func authoringSetup(decisionID: Int64?) throws -> AuthoringSetup {
        calls.append("authoring \(decisionID.map(String.init) ?? "new")")
        return AuthoringSetup(makers: ["Cabinet"], meetings: [MeetingChoice(id: 7, body: "Cabinet", date: today.adding(days: 42))],
                              decision: decisionID.map { sampleDecision($0) })
    }
    func newDecision(_ values: FieldValues) throws -> Result<Decision, AuthoringRefusal> {
        calls.append("new " + values.map { "\($0.field.rawValue)=\($0.text)" }.joined(separator: ","))
        saved.append(values)
        return .success(sampleDecision(999))
    }
    func editDecision(id: Int64, expectedVersion: Int, _ values: FieldValues, reason: String?) throws -> Result<EditOutcome, AuthoringRefusal> {
        calls.append("edit \(id) v\(expectedVersion) " + values.map { "\($0.field.rawValue)=\($0.text)" }.joined(separator: ","))
        if let performError { throw performError }
        return .success(EditOutcome(decision: sampleDecision(id), changes: values.map { FieldChange(field: $0.field.rawValue, before: nil, after: $0.text) }))
    }
    func addAgendaItem(meetingID: Int64, title: String?, decisionID: Int64?, position: Int?, restricted: Bool) throws -> Int64 {
        calls.append("agenda-add \(meetingID) \(decisionID ?? 0)"); return 1
    }
    func createMeeting(body: String, date: CivilDate, time: String?, place: String?) throws -> Int64 {
        calls.append("meeting \(body) \(date.iso)"); return 8
    }
    func moveAgendaItem(id: Int64, to position: Int) throws { calls.append("move \(id) to \(position)") }
    func removeAgendaItem(id: Int64) throws { calls.append("remove item \(id)") }
    func recordAttendance(meetingID: Int64, name: String, attendance: Attendance, role: String?) throws {
        calls.append("attend \(meetingID) \(name) \(attendance.rawValue)")
    }
    func declareInterest(_ declaration: InterestDeclaration) throws -> Int64 {
        calls.append("declare \(declaration.agendaItemID) \(declaration.member) \(declaration.kind.rawValue) \(declaration.dispensation ?? "-")"); return 1
    }
}

struct Failure: Error, CustomStringConvertible { var description: String }

@MainActor
@Suite struct RunnerTests {
    @Test func aCountComesBackWithItsGeneration() {
        let service = FakeService()
        service.totalMatching = 9000
        let messages = CommandRunner(service: service).run(.countRegister(DecisionFilter(), generation: 7))
        #expect(service.calls == ["count cap=nil"])
        guard case .registerCounted(let total, let generation) = messages.first else { Issue.record("\(messages)"); return }
        #expect(total == 9000 && generation == 7)
    }

    @Test func rowsLandWhereTheCommandSays() {
        let service = FakeService()
        let messages = CommandRunner(service: service).run(.fetchRegister(DecisionFilter(), offset: 10, limit: 5, fromEnd: true, landingAt: 60))
        #expect(service.calls == ["rows 10+5 from end"])
        guard case .registerRows(let offset, let rows, _) = messages.first else { Issue.record("\(messages)"); return }
        #expect(offset == 60 && rows.count == 5)
    }

    @Test func aThrownActIsAnActFailureOtherErrorsAreFailures() {
        let service = FakeService()
        service.performError = Failure(description: "decision #3 was changed by someone else")
        let runner = CommandRunner(service: service)
        guard case .actFailed(let id, let text) = runner.run(.perform(decisionID: 3, Act(kind: .publish), expectedVersion: 2)).first else {
            Issue.record("expected actFailed"); return
        }
        #expect(id == 3 && text.contains("changed by someone else"))
        #expect(service.calls == ["perform 3 publish v2"])

        final class Broken: FakeService {
            override func due(within: Int?, limit: Int) throws -> [DueDeadline] { throw Failure(description: "database is locked") }
        }
        guard case .failed(let why) = CommandRunner(service: Broken()).run(.loadDue).first else { Issue.record("expected failed"); return }
        #expect(why == "database is locked")
    }

    @Test func oneDecideReadsTheRecordOnceAndPreviewsOnce() {
        let service = FakeService()
        service.previewResult = .success(outcome(sampleDecision(1), to: .published))
        let app = DashboardApp(service: service, context: DashboardContext(keymap: .standard, colour: false), width: 80, height: 24)
        app.start()
        #expect(service.calls == ["token", "rows 0+100", "count cap=nil"])
        app.type(.enter)
        service.calls = []
        app.type(.char("t"), .char("a"))
        #expect(service.calls == ["record 1", "preview 1 publish"])
        #expect(app.state.dialog?.explanation.contains("published") == true)
        service.calls = []
        app.type(.enter)
        #expect(service.calls == ["perform 1 publish v1", "token", "rows 0+100", "count cap=nil", "record 1"])
        #expect(app.state.message == "Publish: #1 is now published")
    }

    @Test func aMemberSignsThroughTheLoop() {
        let service = FakeService(role: .member)
        service.records[1] = sampleRecord(1, stage: .published, callIn: CallInRequest(
            id: 1, decisionID: 1, grounds: "g", state: .pending, signatures: [CallInSignature(signatory: "a", signedOn: today, recordedBy: "a")]))
        let app = DashboardApp(service: service, context: DashboardContext(keymap: .standard, colour: false), width: 80, height: 24)
        app.start()
        app.type(.enter)
        #expect(app.screenText.contains("1 of 3 signatures"))
        #expect(app.screenText.contains("S sign call-in"))
        service.calls = []
        app.type(.char("S"))
        #expect(service.calls == ["sign 1 -", "token", "record 1"])
        #expect(app.state.message == "#1: signed (2 of 3)")
        let help = HelpView.lines(.standard)
        let detailSection = help.drop { $0 != "In the detail screen" }.prefix { $0 != "In the meetings screen" }
        #expect(detailSection.contains { $0.contains("S") && $0.contains("Sign this decision's call-in request") }, "help lists the binding")
    }

    @Test func ticksRefreshOnlyWhenSomethingChanged() {
        let service = FakeService()
        let app = DashboardApp(service: service, context: DashboardContext(keymap: .standard, colour: false), width: 80, height: 24)
        app.start()
        service.calls = []
        app.handle(.tick)
        #expect(service.calls == ["token"])
        service.token = 2
        service.calls = []
        app.handle(.tick)
        #expect(service.calls == ["token", "rows 0+100", "count cap=nil"])
    }
}
