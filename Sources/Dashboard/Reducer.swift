import Decisions
import DecisionStore
import Desk
import Terminal

/// Everything that reaches the reducer: what the person does, and the results of commands.
public enum Message: Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// A periodic tick: time to look for changes made by others.
    case tick
    /// The register's exact count for the reload numbered `generation` (an older one is ignored).
    case registerCounted(total: Int, generation: Int)
    /// An estimate of the count on its way (shown as "≈N" until the exact count replaces it).
    case registerEstimated(total: Int, generation: Int)
    /// Rows from `offset`; `requested` of them were asked for, so fewer means the list ends there.
    case registerRows(offset: Int, rows: [RegisterRow], requested: Int)
    case recordLoaded(DecisionRecord?)
    /// The record read for the decide dialog (`t`), once per dialog.
    case decideRecordLoaded(DecisionRecord?)
    case meetingsCounted(Int)
    case meetingsLoaded(offset: Int, rows: [MeetingSummary])
    case agendaLoaded((meeting: MeetingSummary, items: [AgendaItem])?)
    case dueLoaded([DueDeadline])
    case plansLoaded([Measure])
    case previewed(decisionID: Int64, kind: TransitionKind, Result<TransitionOutcome, ActRefusal>)
    case performed(decisionID: Int64, kind: TransitionKind, Result<TransitionOutcome, ActRefusal>)
    /// The act could not be attempted (the record changed meanwhile, or the store failed).
    case actFailed(decisionID: Int64, String)
    case actionSaved(id: Int64, FollowUpAction)
    case actionConfirmed(Int64)
    case callInSigned(decisionID: Int64, Result<CallInSignOutcome, ActRefusal>)
    /// `adopt`: the change is our own, so it is not news from elsewhere.
    case changeTokenRead(Int64, adopt: Bool)
    case failed(String)
    case authoringLoaded(AuthoringSetup)
    /// A form saved (the decision as stored) or refused; `changed` names the fields an edit changed.
    case formSaved(Result<Decision, AuthoringRefusal>, changed: [String])
    /// The store could not take the save (a colleague's change, a fault): the form stays open.
    case formSaveFailed(String)
    case externalEditFinished(line: Int, text: String?, error: String?)
    case agendaChanged(meetingID: Int64, String)
    case meetingCreated(Int64, String)
    case linkOpened(String)
    case publicationPreviewed(PublicationRequest, String)
    case publicationPublished(PublicationRequest, PublicationReceipt)
}

/// Work the reducer asks for. Each carries every input it needs; the runner performs it
/// through the service and hands the result back as a message.
public enum DashboardCommand: Sendable, Equatable {
    /// Count the register, after its first window is drawn: the app may run it in the
    /// background and abandon it when a newer reload (`generation`) supersedes it.
    case countRegister(DecisionFilter, generation: Int)
    /// Fetch rows `offset..<offset+limit` (counted from the end when `fromEnd`); they land at `landingAt`.
    case fetchRegister(DecisionFilter, offset: Int, limit: Int, fromEnd: Bool, landingAt: Int)
    case loadRecord(Int64)
    case openDecide(Int64)
    case countMeetings
    case fetchMeetings(offset: Int, limit: Int)
    case loadAgenda(Int64)
    case loadDue
    case loadPlans
    case preview(decisionID: Int64, Act)
    case perform(decisionID: Int64, Act, expectedVersion: Int)
    case addAction(FollowUpAction)
    case confirmAction(Int64)
    case signCallIn(decisionID: Int64, grounds: String?)
    case readChangeToken(adopt: Bool)
    /// Read what the form needs (and, to edit, the record).
    case openAuthoring(decisionID: Int64?)
    case saveNewDecision([FormEntry])
    case saveEdit(decisionID: Int64, version: Int, [FormEntry], reason: String?)
    /// Give the terminal to `$EDITOR` on one field's text (the app runs it, not the runner).
    case editExternally(line: Int, label: String, text: String)
    case addToAgenda(meetingID: Int64, decisionID: Int64)
    case createMeeting(body: String, date: CivilDate, time: String?, place: String?)
    case editAgenda(AgendaEdit)
    /// Hand a document's link to the desktop (the app does it: it knows the environment).
    case openLink(String)
    case previewPublication(PublicationRequest)
    case publishPublication(PublicationRequest)
}

/// The dashboard's update function: state and message in, new state and commands out.
/// Only here does the state change; status messages are composed here too.
public enum Reducer {
    /// What to do when the dashboard opens.
    public static func opening(_ state: inout AppState) -> [DashboardCommand] {
        return [.readChangeToken(adopt: true)] + reloadRegister(&state)
    }

    public static func update(_ state: inout AppState, _ message: Message, keymap: Keymap) -> [DashboardCommand] {
        switch message {
        case .resize(let width, let height):
            state.width = width; state.height = height
            state.register.keepCursorVisible(visible: state.listHeight)
            state.meetings.keepCursorVisible(visible: state.listHeight)
            state.due.keepCursorVisible(visible: state.listHeight)
            return fillRegister(state)
        case .tick:
            return [.readChangeToken(adopt: false)]
        case .key(.hangup):
            // Nobody is left to answer a dialog: quit as if asked, changing nothing.
            state.quitting = true
            return []
        case .key(let key):
            if state.form != nil { return formKey(&state, key) }
            if state.dialog != nil { return dialogKey(&state, key) }
            if state.prompt != nil { return promptKey(&state, key) }
            state.message = nil; state.isError = false
            guard let command = keymap.command(for: key, in: context(of: state.screen)) else {
                if case .mouse(let event) = key { return mouse(&state, event) }
                return []
            }
            return perform(&state, command)
        default:
            return result(&state, message)
        }
    }

    // MARK: Results of commands

    static func result(_ state: inout AppState, _ message: Message) -> [DashboardCommand] {
        switch message {
        case .key, .resize, .tick:
            return []
        case .registerCounted(let total, let generation):
            guard generation == state.registerGeneration else { return [] }
            state.register.total = total
            state.registerCounting = false
            state.register.move(by: 0, visible: state.listHeight)
            if state.bottomWhenCounted {
                state.bottomWhenCounted = false
                return move(&state, by: Int.max / 2)
            }
            return fillRegister(state)
        case .registerEstimated(let total, let generation):
            guard generation == state.registerGeneration, state.registerCounting else { return [] }
            state.registerEstimate = total
            return []
        case .registerRows(let offset, let rows, let requested):
            state.register.rows = rows
            state.register.offset = offset
            if state.registerCounting {
                // Until the count arrives, the list is known to reach as far as rows were found;
                // a short window is its end, and so its exact length.
                if rows.count < requested && (offset == 0 || !rows.isEmpty) {
                    state.register.total = offset + rows.count
                    state.registerCounting = false
                } else {
                    state.register.total = max(state.register.total ?? 0, offset + rows.count)
                }
                state.register.move(by: 0, visible: state.listHeight)
            }
            noteSelectionAfterRefresh(&state)
            // Side by side, the record follows the selection.
            if state.isSplit, let id = state.register.selected?.id, id != state.detail?.decision.id { return [.loadRecord(id)] }
            return []
        case .recordLoaded(let record):
            state.detail = record
            return []
        case .decideRecordLoaded(let record):
            return openDialog(&state, record)
        case .meetingsCounted(let total):
            state.meetings.total = total
            state.meetings.rows = []
            state.meetings.move(by: 0, visible: state.listHeight)
            return fillMeetings(state)
        case .meetingsLoaded(let offset, let rows):
            state.meetings.rows = rows
            state.meetings.offset = offset
            return []
        case .agendaLoaded(let agenda):
            if let agenda { state.agenda = agenda }
            return []
        case .dueLoaded(let lines):
            state.due.rows = lines.map {
                DueLine(decisionID: $0.decisionID, actionID: $0.actionID, isProposed: $0.isProposed, title: $0.title, kind: $0.label,
                        date: $0.deadline.date, state: $0.deadline.state.description, isOverdue: $0.deadline.state.isOverdue)
            }
            state.due.offset = 0
            state.due.total = state.due.rows.count
            state.due.move(by: 0, visible: state.listHeight)
            return []
        case .plansLoaded(let measures):
            state.measures = measures
            return []
        case .previewed(let id, let kind, let result):
            guard var dialog = state.dialog, dialog.decisionID == id, dialog.chosen == kind else { return [] }
            switch result {
            case .success(let outcome):
                var text = kind.help
                if outcome.decision.stage != dialog.stage {
                    text += " Stage: \(dialog.stage.label) → \(outcome.decision.stage.label)."
                }
                for warning in outcome.warnings { text += " Note: \(warning)." }
                text += " " + TransitionInput.hint(for: kind) + "."
                dialog.explanation = text
                dialog.refusal = nil
            case .failure(let refusal):
                dialog.refusal = refusal.description
            }
            state.dialog = dialog
            return []
        case .performed(let id, let kind, let result):
            switch result {
            case .success(let outcome):
                state.dialog = nil
                state.message = "\(kind.label): #\(id) is now \(outcome.decision.stage.label)"
                    + (outcome.warnings.isEmpty ? "" : " (" + outcome.warnings.joined(separator: "; ") + ")")
                return [.readChangeToken(adopt: true)] + refreshCommands(&state)
            case .failure(let refusal):
                if var dialog = state.dialog, dialog.decisionID == id { dialog.refusal = refusal.description; state.dialog = dialog }
                else { state.message = refusal.description; state.isError = true }
                return []
            }
        case .actFailed(let id, let text):
            if var dialog = state.dialog, dialog.decisionID == id { dialog.refusal = text; state.dialog = dialog }
            else { state.message = text; state.isError = true }
            return []
        case .actionSaved(let id, let action):
            state.message = "Action #\(id) due \(action.due.iso) added to decision #\(action.decisionID ?? 0)"
            return [.readChangeToken(adopt: true)] + (action.decisionID.map { [.loadRecord($0)] } ?? [])
        case .actionConfirmed(let id):
            state.message = "Action #\(id) confirmed"
            return [.readChangeToken(adopt: true), .loadDue]
        case .callInSigned(let id, let result):
            switch result {
            case .success(.recorded(let signatures, let required, _)):
                state.message = "#\(id): signed (\(signatures) of \(required))"
                return [.readChangeToken(adopt: true), .loadRecord(id)]
            case .success(.calledIn):
                state.message = "#\(id): called in"
                return [.readChangeToken(adopt: true)] + refreshCommands(&state)
            case .failure(let refusal):
                state.message = refusal.description
                state.isError = true
                return []
            }
        case .changeTokenRead(let token, let adopt):
            let known = state.changeToken
            state.changeToken = token
            guard !adopt, let known, known != token else { return [] }
            state.selectionBeforeRefresh = state.register.selected?.id
            return refreshCommands(&state)
        case .failed(let text):
            state.message = text
            state.isError = true
            return []
        case .authoringLoaded(let setup):
            return authoringLoaded(&state, setup)
        case .formSaved(let result, let changed):
            return formSaved(&state, result, changed: changed)
        case .formSaveFailed(let text):
            return formSaveFailed(&state, text)
        case .externalEditFinished(let line, let text, let error):
            return externalEditFinished(&state, line: line, text: text, error: error)
        case .agendaChanged(let meetingID, let text):
            state.message = text
            return [.readChangeToken(adopt: true), .loadAgenda(meetingID)]
        case .linkOpened(let text):
            state.message = text
            return []
        case .meetingCreated(let id, let text):
            state.message = "Created meeting #\(id): " + text
            return [.readChangeToken(adopt: true), .countMeetings]
        case .publicationPreviewed, .publicationPublished:
            return publicationResult(&state, message)
        }
    }

    /// After someone else's change: say so when the selected row is no longer the one it was.
    static func noteSelectionAfterRefresh(_ state: inout AppState) {
        guard let before = state.selectionBeforeRefresh else { return }
        state.selectionBeforeRefresh = nil
        if state.register.selected?.id != before { state.message = "The register was changed elsewhere" }
    }

    /// Everything on screen read again: the register, the record shown, the due list.
    static func refreshCommands(_ state: inout AppState) -> [DashboardCommand] {
        var commands = reloadRegister(&state)
        if let id = state.detail?.decision.id { commands.append(.loadRecord(id)) }
        if state.screen == .due { commands.append(.loadDue) }
        return commands
    }

    /// Reads the register again: the visible window first, so the frame needs nothing more,
    /// then its count (which may take a while at millions of rows) as a command of its own.
    static func reloadRegister(_ state: inout AppState) -> [DashboardCommand] {
        state.registerGeneration += 1
        state.registerCounting = true
        state.registerEstimate = nil
        state.bottomWhenCounted = false
        state.register.rows = []
        let start = max(0, state.register.scroll - state.margin)
        let limit = state.listHeight + 2 * state.margin
        return [.fetchRegister(state.filter, offset: start, limit: limit, fromEnd: false, landingAt: start),
                .countRegister(state.filter, generation: state.registerGeneration)]
    }

    /// The rows around the visible window, when they are not held.
    static func fillRegister(_ state: AppState) -> [DashboardCommand] {
        guard let total = state.register.total else { return [] }
        let visible = state.register.scroll..<min(total, state.register.scroll + state.listHeight)
        if state.register.holds(visible) { return [] }
        let start = max(0, visible.lowerBound - state.margin)
        let limit = state.listHeight + 2 * state.margin
        // Near the end of a long list, count from the end so the query need not skip rows.
        if total > 10_000 && start > total / 2 {
            let endOffset = max(0, total - (start + limit))
            return [.fetchRegister(state.filter, offset: endOffset, limit: total - endOffset - start, fromEnd: true, landingAt: start)]
        }
        return [.fetchRegister(state.filter, offset: start, limit: limit, fromEnd: false, landingAt: start)]
    }

    static func fillMeetings(_ state: AppState) -> [DashboardCommand] {
        guard let total = state.meetings.total else { return [] }
        let visible = state.meetings.scroll..<min(total, state.meetings.scroll + state.listHeight)
        if state.meetings.holds(visible) { return [] }
        let start = max(0, visible.lowerBound - state.margin)
        return [.fetchMeetings(offset: start, limit: state.listHeight + 2 * state.margin)]
    }

    static func context(of screen: ScreenKind) -> KeyContext {
        switch screen {
        case .register: .register
        case .detail: .detail
        case .meetings, .agenda: .meetings
        case .due: .due
        case .plans, .help: .global
        case .publications: .publications
        }
    }

    static func go(_ state: inout AppState, to screen: ScreenKind) {
        guard state.screen != screen else { return }
        state.history.append(state.screen)
        state.screen = screen
    }

    // MARK: Commands

    static func perform(_ state: inout AppState, _ command: Command) -> [DashboardCommand] {
        let page = state.listHeight
        switch command {
        case .quit:
            state.quitting = true
            return []
        case .help:
            state.helpScroll = 0
            go(&state, to: .help)
            return []
        case .back:
            if closePublicationPreview(&state) { return [] }
            guard let previous = state.history.popLast() else {
                if state.screen != .register { state.screen = .register; return fillRegister(state) }
                return []
            }
            state.screen = previous
            return previous == .register ? fillRegister(state) : []
        case .showRegister:
            state.history.removeAll(); state.screen = .register
            return fillRegister(state)
        case .showMeetings:
            state.history = [.register]; state.screen = .meetings
            return [.countMeetings]
        case .showDue:
            state.history = [.register]; state.screen = .due
            return [.loadDue]
        case .confirmAction:
            guard state.screen == .due, let line = state.due.selected, line.isProposed, let id = line.actionID else {
                state.message = "Select a proposed action on the due screen to confirm it"
                return []
            }
            if !RuleID.manageActions.permits(state.actor.role) {
                state.message = "Confirming actions needs the officer role"; state.isError = true
                return []
            }
            return [.confirmAction(id)]
        case .showPublications:
            return showPublications(&state)
        case .publish:
            return publishSelected(&state)
        case .showPlans:
            state.history = [.register]; state.screen = .plans; state.plansScroll = 0
            return [.loadPlans]
        case .addAction:
            guard state.screen == .detail, state.detail != nil else { return [] }
            if state.isReadOnly || !RuleID.manageActions.permits(state.actor.role) {
                state.message = "Adding actions needs the officer role"; state.isError = true
                return []
            }
            state.prompt = Prompt(purpose: .action, label: "Action (YYYY-MM-DD [(c)] [every bi-monthly] what)", text: "")
            return []
        case .signCallIn:
            return startSigning(&state)
        case .refresh:
            return reloadRegister(&state) + (state.detail?.decision.id.map { [.loadRecord($0)] } ?? [])
        case .moveDown: return move(&state, by: 1)
        case .moveUp: return move(&state, by: -1)
        case .pageDown: return move(&state, by: page)
        case .pageUp: return move(&state, by: -page)
        case .halfPageDown: return move(&state, by: max(1, page / 2))
        case .halfPageUp: return move(&state, by: -max(1, page / 2))
        case .top: return move(&state, by: Int.min / 2)
        case .bottom:
            if state.screen == .register && state.registerCounting {
                state.bottomWhenCounted = true
                state.message = "Counting the register: the last line follows"
                return []
            }
            return move(&state, by: Int.max / 2)
        case .open:
            return open(&state)
        case .toggleKey: state.filter.keyOnly.toggle(); return filterChanged(&state)
        case .toggleUrgent: state.filter.urgentOnly.toggle(); return filterChanged(&state)
        case .toggleCallIn: state.filter.callInOnly.toggle(); return filterChanged(&state)
        case .toggleExempt: state.filter.exemptOnly.toggle(); return filterChanged(&state)
        case .cycleStage:
            let stages: [Stage?] = [nil] + Stage.allCases.map { $0 }
            let index = stages.firstIndex(of: state.filter.stage) ?? 0
            state.filter.stage = stages[(index + 1) % stages.count]
            return filterChanged(&state)
        case .filterMaker:
            state.prompt = Prompt(purpose: .maker, label: "Decision maker contains", text: state.filter.maker ?? "")
            return []
        case .filterDates:
            let current = [state.filter.from?.iso ?? "", state.filter.to?.iso ?? ""].joined(separator: "..")
            state.prompt = Prompt(purpose: .dates, label: "Dates (YYYY-MM-DD..YYYY-MM-DD)", text: current == ".." ? "" : current)
            return []
        case .clearFilters:
            state.filter = DecisionFilter(sort: state.filter.sort)
            return filterChanged(&state)
        case .search:
            if state.screen != .register { state.history.removeAll(); state.screen = .register }
            state.prompt = Prompt(purpose: .search, label: "/", text: state.filter.search ?? "")
            return []
        case .nextMatch, .previousMatch:
            let step = command == .nextMatch ? 1 : -1
            if state.screen == .detail { return scrollDetailToMatch(&state, step: step) }
            guard !state.filter.searchWords.isEmpty else {
                state.message = "No search: press / to search"
                return []
            }
            return move(&state, by: step)
        case .cycleSort:
            let orders = RegisterOrder.allCases
            state.filter.sort = orders[((orders.firstIndex(of: state.filter.sort) ?? 0) + 1) % orders.count]
            state.message = "Sorted by \(sortLabel(state.filter.sort))"
            return filterChanged(&state)
        case .transition:
            return startTransition(&state)
        case .newDecision:
            return startNewDecision(&state)
        case .editDecision:
            return startEdit(&state)
        case .goTo:
            return startGoTo(&state)
        case .addToAgenda:
            return startAddToAgenda(&state)
        case .newMeeting:
            return startNewMeeting(&state)
        case .addAgendaItem:
            return startAgendaEdit(&state, .agendaAddItem, label: "New agenda item: title")
        case .moveAgendaItem:
            return startAgendaEdit(&state, .agendaMoveItem, label: "Move item: NUMBER NEW-POSITION")
        case .removeAgendaItem:
            return startAgendaEdit(&state, .agendaRemoveItem, label: "Take off the agenda: item NUMBER")
        case .recordAttendance:
            return startAgendaEdit(&state, .attendance, label: "Attendance: NAME; present|apologies|absent")
        case .declareInterest:
            return startAgendaEdit(&state, .declaration, label: "Interest: ITEM; MEMBER; KIND; DISPENSATION")
        case .openDocument:
            guard state.screen == .detail, let documents = state.detail?.decision.documents else { return [] }
            let links = documents.compactMap(\.url)
            switch links.count {
            case 0: state.message = "No document on this record has a link"; return []
            case 1: return [.openLink(links[0])]
            default:
                state.prompt = Prompt(purpose: .openDocument, label: "Open document 1-\(links.count)", text: "")
                return []
            }
        }
    }

    static func sortLabel(_ order: RegisterOrder) -> String {
        switch order {
        case .newest: "date, newest first"
        case .oldest: "date, oldest first"
        case .title: "title"
        case .deadline: "next deadline"
        }
    }

    static func filterChanged(_ state: inout AppState) -> [DashboardCommand] {
        state.register.cursor = 0
        state.register.scroll = 0
        if state.screen != .register && state.screen != .detail { state.history.removeAll(); state.screen = .register }
        return reloadRegister(&state)
    }

    static func move(_ state: inout AppState, by delta: Int) -> [DashboardCommand] {
        let page = state.listHeight
        switch state.screen {
        case .register:
            state.register.move(by: delta, visible: page)
            var commands = fillRegister(state)
            if state.isSplit, let id = state.register.selected?.id { commands.append(.loadRecord(id)) }
            return commands
        case .meetings:
            state.meetings.move(by: delta, visible: page)
            return fillMeetings(state)
        case .due:
            state.due.move(by: delta, visible: page)
            return []
        case .detail:
            state.detailScroll = max(0, clampedAdd(state.detailScroll, delta))
            return []
        case .agenda:
            state.agendaScroll = max(0, clampedAdd(state.agendaScroll, delta))
            return []
        case .help:
            state.helpScroll = max(0, clampedAdd(state.helpScroll, delta))
            return []
        case .plans:
            state.plansScroll = max(0, clampedAdd(state.plansScroll, delta))
            return []
        case .publications:
            return movePublications(&state, by: delta)
        }
    }

    static func clampedAdd(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? Int.max / 2 : 0) : min(sum, Int.max / 2)
    }

    static func open(_ state: inout AppState) -> [DashboardCommand] {
        switch state.screen {
        case .register:
            guard let id = state.register.selected?.id else { return [] }
            state.detailScroll = 0
            go(&state, to: .detail)
            return [.loadRecord(id)]
        case .meetings:
            guard let meeting = state.meetings.selected else { return [] }
            state.agendaScroll = 0
            go(&state, to: .agenda)
            return [.loadAgenda(meeting.id)]
        case .due:
            // Actions not tied to a decision have nothing to open.
            guard let line = state.due.selected, line.decisionID != 0 else { return [] }
            state.detailScroll = 0
            go(&state, to: .detail)
            return [.loadRecord(line.decisionID)]
        case .publications:
            return previewPublication(&state)
        case .detail, .agenda, .help, .plans:
            return []
        }
    }

    static func scrollDetailToMatch(_ state: inout AppState, step: Int) -> [DashboardCommand] {
        guard state.detail != nil else { return [] }
        let words = state.filter.searchWords
        guard !words.isEmpty else { state.message = "No search: press / in the register to search"; return [] }
        let lines = state.detailLines()
        let matching = lines.indices.filter { index in
            let lower = lines[index].text.lowercased()
            return words.contains { lower.contains($0) }
        }
        let target = step > 0 ? matching.first { $0 > state.detailScroll } : matching.last { $0 < state.detailScroll }
        if let target { state.detailScroll = target } else { state.message = "No more matches" }
        return []
    }

    static func mouse(_ state: inout AppState, _ event: MouseEvent) -> [DashboardCommand] {
        switch event.kind {
        case .wheelDown: return move(&state, by: 3)
        case .wheelUp: return move(&state, by: -3)
        case .press:
            guard state.screen == .register, event.row >= 2, event.row < 2 + state.listHeight else { return [] }
            let index = state.register.scroll + event.row - 2
            guard let total = state.register.total, index < total else { return [] }
            return move(&state, by: index - state.register.cursor)
        default:
            return []
        }
    }

    // MARK: Prompt

    static func promptKey(_ state: inout AppState, _ key: Key) -> [DashboardCommand] {
        guard var prompt = state.prompt else { return [] }
        switch key {
        case FormKeys.editor where prompt.purpose == .callInGrounds:
            // Grounds can run to paragraphs: the person's own editor, as for long fields.
            return [.editExternally(line: ExternalEditTarget.prompt, label: prompt.label, text: prompt.text)]
        case .escape:
            state.prompt = nil
            if prompt.purpose == .search {
                // Esc abandons the search as typed.
                state.filter.search = nil
                return filterChanged(&state)
            }
            return []
        case .enter:
            state.prompt = nil
            return commitPrompt(&state, prompt)
        case .backspace:
            if !prompt.text.isEmpty { prompt.text.removeLast() }
        case .ctrl("u"):
            prompt.text = ""
        case .char(let c):
            prompt.text.append(c)
        default:
            return []
        }
        state.prompt = prompt
        if prompt.purpose == .search {
            // Incremental: results follow every keystroke.
            state.filter.search = prompt.text.isEmpty ? nil : prompt.text
            return filterChanged(&state)
        }
        return []
    }

    static func commitPrompt(_ state: inout AppState, _ prompt: Prompt) -> [DashboardCommand] {
        let text = prompt.text.trimmingCharacters(in: .whitespaces)
        switch prompt.purpose {
        case .search:
            state.filter.search = text.isEmpty ? nil : text
            return filterChanged(&state)
        case .maker:
            state.filter.maker = text.isEmpty ? nil : text
            return filterChanged(&state)
        case .dates:
            if text.isEmpty { state.filter.from = nil; state.filter.to = nil; return filterChanged(&state) }
            let parts = text.components(separatedBy: "..").map { $0.trimmingCharacters(in: .whitespaces) }
            let from = parts.first.flatMap { $0.isEmpty ? nil : $0 }
            let to = parts.count > 1 ? (parts[1].isEmpty ? nil : parts[1]) : nil
            let fromDate = from.flatMap { CivilDate(iso: $0) }, toDate = to.flatMap { CivilDate(iso: $0) }
            if (from != nil && fromDate == nil) || (to != nil && toDate == nil) || parts.count > 2 {
                state.message = "Dates must be YYYY-MM-DD..YYYY-MM-DD (either side may be empty)"
                state.isError = true
                return []
            }
            state.filter.from = fromDate; state.filter.to = toDate
            return filterChanged(&state)
        case .reason:
            return []
        case .goTo, .agendaDecision, .newMeeting:
            return commitAuthoringPrompt(&state, prompt, text: text)
        case .agendaAddItem, .agendaMoveItem, .agendaRemoveItem, .attendance, .declaration:
            return commitAgendaPrompt(&state, prompt, text: text)
        case .openDocument:
            let links = state.detail?.decision.documents.compactMap(\.url) ?? []
            guard let n = Int(text), links.indices.contains(n - 1) else {
                state.message = "Type a number from 1 to \(links.count)"; state.isError = true
                return []
            }
            return [.openLink(links[n - 1])]
        case .callInGrounds:
            guard let id = state.detail?.decision.id else { return [] }
            return [.signCallIn(decisionID: id, grounds: text.isEmpty ? nil : text)]
        case .action:
            guard let decision = state.detail?.decision else { return [] }
            var words = text.split(separator: " ").map(String.init)
            guard let first = words.first, let due = CivilDate(iso: first) else {
                state.message = "Start with the due date: YYYY-MM-DD, then (optionally) every bi-monthly, then what"
                state.isError = true
                return []
            }
            words.removeFirst()
            // "(c)" or "2." names the resolution the action arises from.
            var label: String?
            if let next = words.first, decision.resolutions.contains(where: { $0.label == next }) {
                label = next
                words.removeFirst()
            }
            var recurrence: Recurrence?
            if words.first == "every", words.count > 1 {
                if let r = Recurrence(text: words[1]) { recurrence = r; words.removeFirst(2) }
                else if words.count > 2, let r = Recurrence(text: words[1] + " " + words[2]) { recurrence = r; words.removeFirst(3) }
            }
            let what = words.joined(separator: " ")
            guard !what.isEmpty else { state.message = "Say what is to be done after the date"; state.isError = true; return [] }
            return [.addAction(FollowUpAction(text: what, due: due, recurrence: recurrence, decisionID: decision.id,
                                              resolutionLabel: label))]
        }
    }

    // MARK: Transitions

    static func startTransition(_ state: inout AppState) -> [DashboardCommand] {
        if state.isReadOnly {
            state.message = "Read-only: your role (viewer) cannot change decisions"
            state.isError = true
            return []
        }
        let id: Int64?
        switch state.screen {
        case .register: id = state.register.selected?.id
        case .detail: id = state.detail?.decision.id
        default: return []
        }
        // The record is read once for the dialog: its version, stage and the acts on offer now.
        return id.map { [.openDecide($0)] } ?? []
    }

    static func openDialog(_ state: inout AppState, _ record: DecisionRecord?) -> [DashboardCommand] {
        guard let record, let id = record.decision.id else {
            state.message = "That decision is no longer in the register"; state.isError = true
            return []
        }
        if state.detail?.decision.id == id { state.detail = record }
        var choices = record.transitions
        // A member calls a decision in by signing its request (S), not by the act itself.
        let signs = state.actor.role == .member && choices.contains(.callIn)
        if state.actor.role == .member { choices.removeAll { $0 == .callIn } }
        guard !choices.isEmpty else {
            state.message = "No transition your role (\(state.actor.role.rawValue)) may make from stage \(record.decision.stage.label)"
                + (signs ? "; to call it in, sign its request with S on the record" : "")
            state.isError = true
            return []
        }
        state.dialog = TransitionDialog(decisionID: id, decisionTitle: record.decision.title, version: record.decision.version,
                                        stage: record.decision.stage, choices: choices)
        return []
    }

    static func startSigning(_ state: inout AppState) -> [DashboardCommand] {
        guard state.screen == .detail, let record = state.detail, let id = record.decision.id else { return [] }
        guard RuleID.signCallIn.permits(state.actor.role) else {
            state.message = "Signing a call-in request needs the role member or scrutiny chair"; state.isError = true
            return []
        }
        // A pending request has its grounds already; the first signature gives them.
        if record.callInRequest != nil { return [.signCallIn(decisionID: id, grounds: nil)] }
        state.prompt = Prompt(purpose: .callInGrounds, label: "Grounds for calling in #\(id)", text: "")
        return []
    }

    static func dialogKey(_ state: inout AppState, _ key: Key) -> [DashboardCommand] {
        guard var dialog = state.dialog else { return [] }
        if dialog.chosen == nil {
            switch key {
            case .escape, .char("q"):
                state.dialog = nil
                return []
            case .char(let c):
                guard let index = TransitionMenu.index(of: c), dialog.choices.indices.contains(index) else { return [] }
                let kind = dialog.choices[index]
                dialog.chosen = kind
                state.dialog = dialog
                return [.preview(decisionID: dialog.decisionID, TransitionInput.previewAct(kind, text: dialog.reason, today: state.today))]
            default:
                return []
            }
        }
        switch key {
        case .escape:
            // Back to the choice, then out.
            dialog.chosen = nil; dialog.reason = ""; dialog.refusal = nil; dialog.explanation = ""
            state.dialog = dialog
        case .enter:
            if dialog.refusal != nil { state.dialog = nil; return [] }
            if dialog.chosen!.requiresReason && dialog.reason.trimmingCharacters(in: .whitespaces).isEmpty {
                state.message = "A reason is required for \(dialog.chosen!.label)"
                state.isError = true
                return []
            }
            return [.perform(decisionID: dialog.decisionID, TransitionInput.act(dialog.chosen!, text: dialog.reason),
                             expectedVersion: dialog.version)]
        case FormKeys.editor where dialog.refusal == nil:
            // Reasons and amendments can run to paragraphs: the person's own editor.
            return [.editExternally(line: ExternalEditTarget.dialog, label: "\(dialog.chosen!.label): \(TransitionInput.hint(for: dialog.chosen!))",
                                    text: dialog.reason)]
        case .backspace:
            if !dialog.reason.isEmpty { dialog.reason.removeLast() }
            state.dialog = dialog
        case .char(let c):
            guard dialog.refusal == nil else { return [] }
            dialog.reason.append(c)
            state.dialog = dialog
        default:
            break
        }
        return []
    }
}

/// Letters that pick a transition in the dialog: a, b, c...
enum TransitionMenu {
    static let letters = Array("abcdefghijklmnop")
    static func index(of c: Character) -> Int? { letters.firstIndex(of: c) }
    static func letter(_ index: Int) -> Character { letters[index] }
}

import Foundation
